#include "store/assessment_repo.h"

#include "util/error.h"

namespace rk {
namespace {

SavedAssessment read_row(const Statement& s, bool with_bodies) {
  SavedAssessment a;
  a.id = s.column_int(0);
  a.created_utc = s.column_int(1);
  a.urgency = s.column_text(2);
  a.top_cause = s.column_text(3);
  if (with_bodies) {
    a.answers_json = s.column_text(4);
    a.result_json = s.column_text(5);
  }
  return a;
}

}  // namespace

Expected<std::int64_t> AssessmentRepo::save(UserId user, const SavedAssessment& a) {
  auto st = db_.prepare(
      "INSERT INTO assessments(user_id, created_utc, urgency, top_cause, answers_json, "
      "result_json) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  if (!st) return fail(st.error());
  st->bind(1, user.value).bind(2, a.created_utc).bind(3, a.urgency).bind(4, a.top_cause);
  st->bind(5, a.answers_json).bind(6, a.result_json);
  return st->run_returning_id();
}

Expected<std::vector<SavedAssessment>> AssessmentRepo::list(UserId user) {
  auto st = db_.prepare(
      "SELECT id, created_utc, urgency, top_cause FROM assessments WHERE user_id = ? "
      "ORDER BY created_utc DESC, id DESC");
  if (!st) return fail(st.error());
  st->bind(1, user.value);
  return st->collect([](const Statement& r) { return read_row(r, false); });
}

Expected<std::optional<SavedAssessment>> AssessmentRepo::find(UserId user, std::int64_t id) {
  auto st = db_.prepare(
      "SELECT id, created_utc, urgency, top_cause, answers_json, result_json FROM assessments "
      "WHERE user_id = ? AND id = ?");
  if (!st) return fail(st.error());
  st->bind(1, user.value).bind(2, id);
  auto row = st->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<SavedAssessment>();
  return std::optional<SavedAssessment>(read_row(*st, true));
}

Expected<std::optional<SavedAssessment>> AssessmentRepo::latest(UserId user) {
  auto st = db_.prepare(
      "SELECT id FROM assessments WHERE user_id = ? ORDER BY created_utc DESC, id DESC LIMIT 1");
  if (!st) return fail(st.error());
  st->bind(1, user.value);
  auto row = st->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<SavedAssessment>();
  return find(user, st->column_int(0));
}

}  // namespace rk
