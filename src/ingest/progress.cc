#include "ingest/progress.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace rk {

ProgressBar::ProgressBar(std::size_t files_total, std::uint64_t bytes_total, bool enabled)
    : files_total_(files_total), bytes_total_(bytes_total), enabled_(enabled) {}

void ProgressBar::update(std::size_t files_done, std::uint64_t bytes_done, std::size_t activities) {
  if (!enabled_) return;
  const auto now = Clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  const double fraction =
      bytes_total_ > 0
          ? std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(bytes_total_))
          : 0.0;
  constexpr int kWidth = 24;
  const int filled = static_cast<int>(fraction * kWidth);
  const std::string bar = std::string(static_cast<std::size_t>(filled), '#') +
                          std::string(static_cast<std::size_t>(kWidth - filled), '.');
  fmt::print(stderr, "\r[{}] {}/{} files  {:.1f}/{:.1f} MB  {:.0f} activities/s ", bar, files_done,
             files_total_, static_cast<double>(bytes_done) / 1e6,
             static_cast<double>(bytes_total_) / 1e6,
             secs > 0 ? static_cast<double>(activities) / secs : 0.0);
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (!enabled_ || last_draw_ == Clock::time_point{}) return;
  fmt::print(stderr, "\r\033[K");
  std::fflush(stderr);
}

}  // namespace rk
