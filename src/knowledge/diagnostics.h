#pragma once
// Internal to the knowledge module: collects "file:line: message" problems so that the loader
// reports all of them at once instead of stopping at the first.

#include <fmt/format.h>

#include <string>
#include <vector>

namespace rk::knowledge {

class Diagnostics {
 public:
  template <class... Args>
  void add(std::string_view file, int line, fmt::format_string<Args...> format, Args&&... args) {
    messages_.push_back(
        fmt::format("{}:{}: {}", file, line, fmt::format(format, std::forward<Args>(args)...)));
  }
  void add_plain(std::string message) { messages_.push_back(std::move(message)); }
  bool empty() const { return messages_.empty(); }
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  std::vector<std::string> messages_;
};

}  // namespace rk::knowledge
