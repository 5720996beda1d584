// Issue 13 "limits as data, documented": each limit lives once in data/limits/limits.yaml, the
// code uses the generated constants, and docs/security.md states every one with its value.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "util/json_limits.h"
#include "util/limits.h"

namespace rk {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::map<std::string, std::uint64_t> limits_from_yaml() {
  std::map<std::string, std::uint64_t> out;
  std::istringstream in(read_text(std::string(RUNKNEE_SOURCE_DIR) + "/data/limits/limits.yaml"));
  const std::regex entry(R"(^([a-z_][a-z0-9_]*): *([0-9]+))");
  std::smatch m;
  for (std::string line; std::getline(in, line);) {
    if (std::regex_search(line, m, entry)) out[m[1]] = std::stoull(m[2]);
  }
  return out;
}

/// How the table writes a value: whole MiB for sizes, the number otherwise.
std::string as_documented(const std::string& name, std::uint64_t value) {
  if (name.ends_with("_bytes") && value % (1u << 20) == 0) {
    return std::to_string(value >> 20) + " MiB";
  }
  return std::to_string(value);
}

TEST(LimitsDoc, EveryLimitIsDocumentedWithItsValue) {
  const auto limits = limits_from_yaml();
  ASSERT_GE(limits.size(), 10u);
  const std::string doc = read_text(std::string(RUNKNEE_SOURCE_DIR) + "/docs/security.md");
  for (const auto& [name, value] : limits) {
    const std::string row = "| `" + name + "` | " + as_documented(name, value) + " |";
    EXPECT_NE(doc.find(row), std::string::npos) << "docs/security.md lacks the row " << row;
  }
}

TEST(LimitsDoc, CodeUsesTheValuesFromData) {
  const auto limits = limits_from_yaml();
  EXPECT_EQ(limits.at("json_max_bytes"), kMaxJsonBytes);
  EXPECT_EQ(limits.at("json_max_depth"), static_cast<std::uint64_t>(kMaxJsonDepth));
  EXPECT_EQ(limits.at("inflated_max_bytes"), limits::inflated_max_bytes);
  EXPECT_EQ(limits.at("http_max_connections"), limits::http_max_connections);
}

}  // namespace
}  // namespace rk
