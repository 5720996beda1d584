#include "store/koos_repo.h"

#include "util/error.h"

namespace rk {

Expected<std::int64_t> KoosRepo::save(const StoredKoos& k) {
  auto st = db_.prepare(
      "INSERT INTO koos_results(taken_utc, answers_json, scores_json) VALUES (?, ?, ?)");
  if (!st) return fail(st.error());
  st->bind(1, k.taken_utc).bind(2, k.answers_json).bind(3, k.scores_json);
  if (auto r = st->run(); !r) return fail(r.error());
  return db_.last_insert_id();
}

Expected<std::vector<StoredKoos>> KoosRepo::list() {
  auto st = db_.prepare(
      "SELECT id, taken_utc, answers_json, scores_json FROM koos_results ORDER BY taken_utc, id");
  if (!st) return fail(st.error());
  return st->collect([](const Statement& r) {
    return StoredKoos{r.column_int(0), r.column_int(1), r.column_text(2), r.column_text(3)};
  });
}

}  // namespace rk
