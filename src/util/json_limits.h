#pragma once
// The one way untrusted JSON enters the program (request bodies, answers and KOOS files, diary
// entries): bounded size and nesting depth, no duplicate keys, no non-finite numbers. The depth
// is checked by a scan before the parser runs, so that no later step (validating, printing an
// error, destroying the value) can recurse deeper than kMaxJsonDepth. docs/security.md lists
// these limits.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "util/expected.h"
#include "util/limits.h"

namespace rk {

inline constexpr std::size_t kMaxJsonBytes = limits::json_max_bytes;
inline constexpr int kMaxJsonDepth = static_cast<int>(limits::json_max_depth);

struct JsonLimits {
  std::size_t max_bytes = kMaxJsonBytes;
  int max_depth = kMaxJsonDepth;
};

struct JsonProblem {
  bool syntax = false;  // not JSON at all (HTTP 400); otherwise a limit was broken (HTTP 422)
  std::string message;  // "answers.json: JSON nested deeper than 64 levels"
};

/// Parses `text`; `source` names it in messages ("answers.json", "the body").
Expected<nlohmann::json, JsonProblem> parse_json_limited(std::string_view text,
                                                         std::string_view source,
                                                         const JsonLimits& limits = {});

/// The deepest nesting of arrays and objects in `text` (strings skipped), stopping early once
/// past `stop_after`.
int json_nesting_depth(std::string_view text, int stop_after);

}  // namespace rk
