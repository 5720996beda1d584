// libFuzzer target: any bytes as KOOS answers (`runknee koos --answers`, POST /api/v1/koos):
// the bounded JSON parser, the item reader and the scoring, never a crash or a wrapped number.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "plan/koos.h"
#include "util/json_limits.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const rk::plan::KoosStructure s = *rk::plan::koos_structure();
  auto j = rk::parse_json_limited(std::string_view(reinterpret_cast<const char*>(data), size),
                                  "fuzz.json");
  if (!j) return 0;
  auto a = rk::plan::koos_answers_from_json(*j, "fuzz.json", s);
  if (!a) return 0;
  for (const auto& [id, v] : *a) {
    if (v < 0 || v > s.max_score(id)) std::abort();  // out of range must never get through
  }
  (void)to_json(rk::plan::score_koos(s, *a)).dump();
  return 0;
}
