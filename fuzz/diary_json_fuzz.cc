// libFuzzer target: any bytes as a diary body (POST /api/v1/diary): the bounded JSON parser,
// the strict diary reader, the merge and the transaction into an in-memory store, then the
// stored entry read back. Also checks the merge's promise: no stored red flag is ever lost.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "knowledge/knowledge_base.h"
#include "plan/diary_service.h"
#include "store/store.h"
#include "util/json_limits.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static rk::Store store = *rk::Store::open(":memory:");
  static const rk::KnowledgeBase kb = *rk::KnowledgeBase::load_embedded();
  auto j = rk::parse_json_limited(std::string_view(reinterpret_cast<const char*>(data), size),
                                  "fuzz.json");
  if (!j) return 0;
  auto u = rk::plan::diary_update_from_json(*j, "2026-11-25");
  if (!u) return 0;
  rk::plan::DiaryEntry before;
  before.date = u->date;
  before.locking = true;
  before.pain_during = 4;
  const auto merged = rk::plan::merge_update(before, *u);
  if (!merged.locking || !merged.pain_during) std::abort();  // a partial update dropped a field
  auto r = rk::plan::log_diary(store.db(), store.local_user(), *u, 1, kb);
  if (r) (void)rk::plan::to_json(r->entry).dump();
  return 0;
}
