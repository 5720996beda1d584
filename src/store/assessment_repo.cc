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

Expected<std::int64_t> AssessmentRepo::save(const SavedAssessment& a) {
  auto st = db_.prepare(
      "INSERT INTO assessments(created_utc, urgency, top_cause, answers_json, result_json) "
      "VALUES (?, ?, ?, ?, ?)");
  if (!st) return fail(st.error());
  st->bind(1, a.created_utc).bind(2, a.urgency).bind(3, a.top_cause).bind(4, a.answers_json);
  st->bind(5, a.result_json);
  if (auto r = st->run(); !r) return fail(r.error());
  return db_.last_insert_id();
}

Expected<std::vector<SavedAssessment>> AssessmentRepo::list() {
  auto st = db_.prepare(
      "SELECT id, created_utc, urgency, top_cause FROM assessments ORDER BY created_utc DESC, id "
      "DESC");
  if (!st) return fail(st.error());
  return st->collect([](const Statement& r) { return read_row(r, false); });
}

Expected<std::optional<SavedAssessment>> AssessmentRepo::find(std::int64_t id) {
  auto st = db_.prepare(
      "SELECT id, created_utc, urgency, top_cause, answers_json, result_json FROM assessments "
      "WHERE id = ?");
  if (!st) return fail(st.error());
  st->bind(1, id);
  auto row = st->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<SavedAssessment>();
  return std::optional<SavedAssessment>(read_row(*st, true));
}

Expected<std::optional<SavedAssessment>> AssessmentRepo::latest() {
  auto st = db_.prepare("SELECT id FROM assessments ORDER BY created_utc DESC, id DESC LIMIT 1");
  if (!st) return fail(st.error());
  auto row = st->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<SavedAssessment>();
  return find(st->column_int(0));
}

}  // namespace rk
