#pragma once
// The plan module's data files (data/plan/koos.yaml, data/plan_rules.yaml), compiled in by
// rk_embed(rk_plan plan ...) so the binary needs nothing beside it.

#include <optional>
#include <string_view>
#include <vector>

#include "util/embedded.h"

namespace rk {
const std::vector<EmbeddedFile>& embedded_files_plan();
}  // namespace rk

namespace rk::plan {

inline std::optional<std::string_view> embedded_plan_file(std::string_view name) {
  for (const auto& f : embedded_files_plan()) {
    if (f.name == name) return f.bytes;
  }
  return std::nullopt;
}

}  // namespace rk::plan
