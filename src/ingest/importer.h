#pragma once
// The import pipeline behind `runknee import PATH...`: files, folders (recursively) and export
// archives go in; each activity is stored once. Files are read and hashed by a small pool of
// worker threads, which skip files whose SHA-256 the store already holds and decode the rest;
// one writer (the calling thread) stores the activities in batched transactions. Every activity
// is one row, so a crash or Ctrl-C never leaves half an activity behind.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/user.h"
#include "util/expected.h"
#include "util/limits.h"

namespace rk {

struct ImportOptions {
  int jobs = 2;             // decoding threads
  std::size_t batch = 256;  // activities per transaction (never splitting one)
  bool progress = false;    // draw a progress bar on stderr (the caller checks isatty)
  const std::atomic<bool>* cancel = nullptr;  // set from a SIGINT handler to stop early
  /// Working memory all decoding workers share (see MemoryBudget in importer.cc), so that
  /// peak memory does not grow with the number of cores.
  std::uint64_t memory_budget = limits::import_memory_budget_bytes;
};

struct ImportIssue {
  std::string file;
  std::string message;
};

struct ImportReport {
  std::size_t files = 0;  // files and archive members looked at
  std::uint64_t bytes = 0;
  std::size_t imported = 0;
  std::vector<ImportIssue> duplicates;
  std::vector<ImportIssue> skipped;   // readable, but not an activity (settings, course, route)
  std::vector<ImportIssue> failed;    // broken or unreadable, with a compiler-style message
  std::vector<std::string> warnings;  // problems a decoder recovered from
  std::size_t ignored = 0;            // other files found in folders (photos, JSON, ...)
  bool interrupted = false;
  double seconds = 0;

  /// Exit code 0 only when nothing failed and the import ran to the end.
  bool ok() const { return failed.empty() && !interrupted; }
};

/// Imports everything below `paths` into `db` (a store already opened by Store::open) as
/// `user`'s activities; duplicates are looked for among that user's activities only.
/// An Error means the store itself failed; bad input files are reported in the ImportReport.
Expected<ImportReport> import_paths(Database& db, UserId user,
                                    const std::vector<std::filesystem::path>& paths,
                                    const ImportOptions& options = {});

/// The end-of-import summary, one item per line.
std::string format_report(const ImportReport& r, bool verbose);

}  // namespace rk
