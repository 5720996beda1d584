#include "util/json_limits.h"

#include <fmt/format.h>

#include <cmath>
#include <set>
#include <vector>

namespace rk {
namespace {

Unexpected<JsonProblem> problem(bool syntax, std::string message) {
  return Unexpected<JsonProblem>(JsonProblem{syntax, std::move(message)});
}

}  // namespace

int json_nesting_depth(std::string_view text, int stop_after) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (const char ch : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (ch == '\\') {
        escaped = true;
      } else if (ch == '"') {
        in_string = false;
      }
      continue;
    }
    if (ch == '"') {
      in_string = true;
    } else if (ch == '[' || ch == '{') {
      if (++depth > deepest) deepest = depth;
      if (deepest > stop_after) return deepest;
    } else if (ch == ']' || ch == '}') {
      --depth;
    }
  }
  return deepest;
}

Expected<nlohmann::json, JsonProblem> parse_json_limited(std::string_view text,
                                                         std::string_view source,
                                                         const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return problem(false, fmt::format("{}: JSON larger than {} bytes", source, limits.max_bytes));
  }
  if (json_nesting_depth(text, limits.max_depth) > limits.max_depth) {
    return problem(false,
                   fmt::format("{}: JSON nested deeper than {} levels", source, limits.max_depth));
  }
  // Object keys seen so far, one set per open object (bounded by the depth check).
  std::vector<std::set<std::string>> keys;
  std::string broken;
  auto check = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using E = nlohmann::json::parse_event_t;
    if (!broken.empty()) return true;
    if (event == E::object_start) {
      keys.emplace_back();
    } else if (event == E::object_end) {
      if (!keys.empty()) keys.pop_back();
    } else if (event == E::key && !keys.empty()) {
      const auto& k = parsed.get_ref<const std::string&>();
      if (!keys.back().insert(k).second) broken = fmt::format("duplicate key '{}'", k);
    } else if (event == E::value && parsed.is_number_float() &&
               !std::isfinite(parsed.get<double>())) {
      broken = "a number too large to represent";
    }
    return true;
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text, check, /*allow_exceptions=*/true);
  } catch (const nlohmann::json::out_of_range&) {  // 1e999: valid syntax, no double holds it
    return problem(false, fmt::format("{}: a number too large to represent", source));
  } catch (const nlohmann::json::exception& e) {  // the library reports syntax this way
    std::string what = e.what();
    if (auto pos = what.find("parse error at "); pos != std::string::npos) {
      what = what.substr(pos + 15);
    }
    return problem(true, fmt::format("{}: not valid JSON: {}", source, what));
  }
  if (!broken.empty()) return problem(false, fmt::format("{}: {}", source, broken));
  return j;
}

}  // namespace rk
