#include "store/plan_repo.h"

#include "util/error.h"

namespace rk {

Expected<std::optional<std::string>> PlanRepo::load_state(UserId user) {
  auto st = db_.prepare("SELECT state_json FROM plan_state WHERE user_id = ?");
  if (!st) return fail(st.error());
  st->bind(1, user.value);
  auto row = st->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(st->column_text(0));
}

Expected<void> PlanRepo::save_state(UserId user, const std::string& state_json,
                                    std::int64_t updated_utc) {
  auto st = db_.prepare(
      "INSERT INTO plan_state(user_id, updated_utc, state_json) VALUES (?, ?, ?) "
      "ON CONFLICT(user_id) DO UPDATE SET updated_utc = excluded.updated_utc, "
      "state_json = excluded.state_json");
  if (!st) return fail(st.error());
  st->bind(1, user.value).bind(2, updated_utc).bind(3, state_json);
  return st->run();
}

Expected<std::int64_t> PlanRepo::add_decision(UserId user, const StoredPlanDecision& d) {
  auto st = db_.prepare(
      "INSERT INTO plan_decisions(user_id, date, decided_utc, decision_json) VALUES (?, ?, ?, ?) "
      "RETURNING id");
  if (!st) return fail(st.error());
  st->bind(1, user.value).bind(2, std::string_view(d.date)).bind(3, d.decided_utc);
  st->bind(4, d.decision_json);
  return st->run_returning_id();
}

Expected<std::vector<StoredPlanDecision>> PlanRepo::list_decisions(UserId user) {
  auto st = db_.prepare(
      "SELECT id, date, decided_utc, decision_json FROM plan_decisions WHERE user_id = ? "
      "ORDER BY id");
  if (!st) return fail(st.error());
  st->bind(1, user.value);
  return st->collect([](const Statement& r) {
    return StoredPlanDecision{r.column_int(0), r.column_text(1), r.column_int(2), r.column_text(3)};
  });
}

}  // namespace rk
