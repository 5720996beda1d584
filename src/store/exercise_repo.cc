#include "store/exercise_repo.h"

#include "util/error.h"

namespace rk {
namespace {

std::optional<int> optional_int(const Statement& r, int col) {
  if (r.column_is_null(col)) return std::nullopt;
  return static_cast<int>(r.column_int(col));
}

}  // namespace

Expected<std::vector<StoredPrescription>> ExerciseRepo::prescribed(UserId user,
                                                                   const std::string& first,
                                                                   const std::string& last) {
  auto st = db_.prepare(
      "SELECT date, exercise_id, sets, amount, unit FROM exercise_prescribed "
      "WHERE user_id = ? AND date >= ? AND date <= ? ORDER BY date, exercise_id");
  if (!st) return fail(st.error());
  st->bind(1, user.value).bind(2, std::string_view(first)).bind(3, std::string_view(last));
  return st->collect([](const Statement& r) {
    return StoredPrescription{r.column_text(0), r.column_text(1),
                              static_cast<int>(r.column_int(2)),
                              static_cast<int>(r.column_int(3)), r.column_text(4)};
  });
}

Expected<void> ExerciseRepo::replace_prescribed(UserId user, const std::string& first,
                                                const std::string& last,
                                                const std::vector<StoredPrescription>& rows) {
  auto del =
      db_.prepare("DELETE FROM exercise_prescribed WHERE user_id = ? AND date >= ? AND date <= ?");
  if (!del) return fail(del.error());
  del->bind(1, user.value).bind(2, std::string_view(first)).bind(3, std::string_view(last));
  if (auto r = del->run(); !r) return fail(r.error());
  for (const auto& p : rows) {
    auto st = db_.prepare(
        "INSERT INTO exercise_prescribed(user_id, date, exercise_id, sets, amount, unit) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(user_id, date, exercise_id) DO UPDATE SET "
        "sets = excluded.sets, amount = excluded.amount, unit = excluded.unit");
    if (!st) return fail(st.error());
    st->bind(1, user.value)
        .bind(2, std::string_view(p.date))
        .bind(3, std::string_view(p.exercise_id))
        .bind(4, std::int64_t{p.sets})
        .bind(5, std::int64_t{p.amount})
        .bind(6, std::string_view(p.unit));
    if (auto r = st->run(); !r) return fail(r.error());
  }
  return {};
}

Expected<std::vector<StoredExerciseLog>> ExerciseRepo::logged(UserId user, const std::string& first,
                                                              const std::string& last) {
  auto st = db_.prepare(
      "SELECT date, exercise_id, sets, amount, pain, logged_utc FROM exercise_log "
      "WHERE user_id = ? AND date >= ? AND date <= ? ORDER BY date, exercise_id");
  if (!st) return fail(st.error());
  st->bind(1, user.value).bind(2, std::string_view(first)).bind(3, std::string_view(last));
  return st->collect([](const Statement& r) {
    return StoredExerciseLog{r.column_text(0),         r.column_text(1),
                             static_cast<int>(r.column_int(2)), optional_int(r, 3),
                             optional_int(r, 4),       r.column_int(5)};
  });
}

Expected<void> ExerciseRepo::put_log(UserId user, const StoredExerciseLog& e) {
  if (e.sets <= 0) {
    auto st =
        db_.prepare("DELETE FROM exercise_log WHERE user_id = ? AND date = ? AND exercise_id = ?");
    if (!st) return fail(st.error());
    st->bind(1, user.value)
        .bind(2, std::string_view(e.date))
        .bind(3, std::string_view(e.exercise_id));
    return st->run();
  }
  auto st = db_.prepare(
      "INSERT INTO exercise_log(user_id, date, exercise_id, sets, amount, pain, logged_utc) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(user_id, date, exercise_id) DO UPDATE SET "
      "sets = excluded.sets, amount = excluded.amount, pain = excluded.pain, "
      "logged_utc = excluded.logged_utc");
  if (!st) return fail(st.error());
  const auto opt = [](const std::optional<int>& v) {
    return v ? std::optional<std::int64_t>(*v) : std::nullopt;
  };
  st->bind(1, user.value)
      .bind(2, std::string_view(e.date))
      .bind(3, std::string_view(e.exercise_id))
      .bind(4, std::int64_t{e.sets})
      .bind(5, opt(e.amount))
      .bind(6, opt(e.pain))
      .bind(7, e.logged_utc);
  return st->run();
}

}  // namespace rk
