#include "store/koos_repo.h"

#include "util/error.h"

namespace rk {

Expected<std::int64_t> KoosRepo::save(UserId user, const StoredKoos& k) {
  auto st = db_.prepare(
      "INSERT INTO koos_results(user_id, taken_utc, answers_json, scores_json) "
      "VALUES (?, ?, ?, ?) RETURNING id");
  if (!st) return fail(st.error());
  st->bind(1, user.value).bind(2, k.taken_utc).bind(3, k.answers_json).bind(4, k.scores_json);
  return st->run_returning_id();
}

Expected<std::vector<StoredKoos>> KoosRepo::list(UserId user) {
  auto st = db_.prepare(
      "SELECT id, taken_utc, answers_json, scores_json FROM koos_results WHERE user_id = ? "
      "ORDER BY taken_utc, id");
  if (!st) return fail(st.error());
  st->bind(1, user.value);
  return st->collect([](const Statement& r) {
    return StoredKoos{r.column_int(0), r.column_int(1), r.column_text(2), r.column_text(3)};
  });
}

}  // namespace rk
