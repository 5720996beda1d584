#include "store/plan_repo.h"

#include "util/error.h"

namespace rk {

Expected<std::optional<std::string>> PlanRepo::load_state() {
  auto st = db_.prepare("SELECT state_json FROM plan_state WHERE id = 1");
  if (!st) return fail(st.error());
  auto row = st->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(st->column_text(0));
}

Expected<void> PlanRepo::save_state(const std::string& state_json, std::int64_t updated_utc) {
  auto st = db_.prepare(
      "INSERT INTO plan_state(id, updated_utc, state_json) VALUES (1, ?, ?) "
      "ON CONFLICT(id) DO UPDATE SET updated_utc = excluded.updated_utc, "
      "state_json = excluded.state_json");
  if (!st) return fail(st.error());
  st->bind(1, updated_utc).bind(2, state_json);
  return st->run();
}

Expected<std::int64_t> PlanRepo::add_decision(const StoredPlanDecision& d) {
  auto st =
      db_.prepare("INSERT INTO plan_decisions(date, decided_utc, decision_json) VALUES (?, ?, ?)");
  if (!st) return fail(st.error());
  st->bind(1, std::string_view(d.date)).bind(2, d.decided_utc).bind(3, d.decision_json);
  if (auto r = st->run(); !r) return fail(r.error());
  return db_.last_insert_id();
}

Expected<std::vector<StoredPlanDecision>> PlanRepo::list_decisions() {
  auto st =
      db_.prepare("SELECT id, date, decided_utc, decision_json FROM plan_decisions ORDER BY id");
  if (!st) return fail(st.error());
  return st->collect([](const Statement& r) {
    return StoredPlanDecision{r.column_int(0), r.column_text(1), r.column_int(2), r.column_text(3)};
  });
}

}  // namespace rk
