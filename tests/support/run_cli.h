#pragma once
// Runs the built `runknee` binary (RUNKNEE_BINARY) for end-to-end CLI tests.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace rk::testing {

struct CliResult {
  int code = -1;    // the exit code; -1 when the process did not exit normally
  std::string out;  // standard output, and standard error when merged
};

enum class Stderr { kDiscard, kMerge };

inline CliResult run_cli(const std::string& args, Stderr err = Stderr::kDiscard) {
  const std::string cmd =
      std::string(RUNKNEE_BINARY) + " " + args + (err == Stderr::kMerge ? " 2>&1" : " 2>/dev/null");
  CliResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, p)) r.out.append(buf, n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

/// A fresh folder per test process, removed by the destructor.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix)
      : path_(std::filesystem::temp_directory_path() / (prefix + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace rk::testing
