// libFuzzer target: any bytes as an answers file (`runknee assess --answers`, the body of POST
// /api/v1/assessments): the bounded JSON parser, then the answers validator, then printing
// the result. Must end in answers or an Error, never a crash (issue 13: deep nesting).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "assess/answers.h"
#include "knowledge/knowledge_base.h"
#include "util/json_limits.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const rk::KnowledgeBase kb = *rk::KnowledgeBase::load_embedded();
  auto j = rk::parse_json_limited(std::string_view(reinterpret_cast<const char*>(data), size),
                                  "fuzz.json");
  if (!j) return 0;
  auto a = rk::answers_from_json(kb, *j, "fuzz.json");
  if (a) (void)rk::answers_to_json(kb, *a).dump();
  return 0;
}
