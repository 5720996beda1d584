#pragma once
// What every command shares: global options and the lazily opened store.

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

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

}  // namespace rk::cli
