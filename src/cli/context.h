#pragma once
// What every command shares: global options and the lazily opened store.

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "store/store.h"
#include "util/expected.h"

namespace rk::cli {

/// Exit codes, the same for every command.
enum ExitCode : int {
  kOk = 0,
  kFailed = 1,     // something went wrong (I/O, a broken file, a corrupt database)
  kBadInput = 2,   // the user's input was invalid (usage, answers file, arguments)
};

struct Context {
  std::filesystem::path db_path;                    // --db, or the XDG default
  std::optional<std::filesystem::path> knowledge_dir;  // --knowledge DIR overrides data/
  int exit_code = kOk;

  /// Opens the store on first use; the error names the file and what is wrong with it.
  Expected<Store*> store();

 private:
  std::unique_ptr<Store> store_;
};

/// Prints "runknee: error: MESSAGE" to stderr.
void print_error(std::string_view message);

/// The ONE mapping from an error's kind to the exit code: bad input 2, anything else 1.
int exit_code_for(ErrorKind kind);

/// The name of a library field (a JSON key, "pain_during") in a command's words ("--during").
using FieldNames = std::string (*)(const std::string& field);

/// Prints the error, its field named by `names` when given, and returns its exit code.
int report_error(const Error& e, FieldNames names = nullptr);

}  // namespace rk::cli
