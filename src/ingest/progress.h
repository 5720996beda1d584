#pragma once
// A one-line progress bar on stderr: files, MB and activities per second. The caller decides
// whether stderr is a terminal; redraws are throttled so drawing never slows the import.

#include <chrono>
#include <cstdint>

namespace rk {

class ProgressBar {
 public:
  ProgressBar(std::size_t files_total, std::uint64_t bytes_total, bool enabled);
  void update(std::size_t files_done, std::uint64_t bytes_done, std::size_t activities);
  /// Clears the line so the summary starts on a clean row.
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  std::size_t files_total_;
  std::uint64_t bytes_total_;
  bool enabled_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_draw_{};
};

}  // namespace rk
