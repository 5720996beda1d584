#include "store/diary_repo.h"

#include "util/error.h"

namespace rk {
namespace {

StoredDiaryEntry read_row(const Statement& s) {
  return {s.column_int(0), s.column_text(1), s.column_int(2), s.column_text(3)};
}

}  // namespace

Expected<std::int64_t> DiaryRepo::upsert(UserId user, const StoredDiaryEntry& e) {
  auto st = db_.prepare(
      "INSERT INTO diary_entries(user_id, date, updated_utc, entry_json) VALUES (?, ?, ?, ?) "
      "ON CONFLICT(user_id, date) DO UPDATE SET updated_utc = excluded.updated_utc, "
      "entry_json = excluded.entry_json");
  if (!st) return fail(st.error());
  st->bind(1, user.value).bind(2, std::string_view(e.date)).bind(3, e.updated_utc);
  st->bind(4, e.entry_json);
  if (auto r = st->run(); !r) return fail(r.error());
  auto found = find_by_date(user, e.date);
  if (!found) return fail(found.error());
  if (!*found) return fail("diary entry for {} vanished after saving", e.date);
  return (*found)->id;
}

Expected<std::optional<StoredDiaryEntry>> DiaryRepo::find_by_date(UserId user,
                                                                  const std::string& date) {
  auto st = db_.prepare(
      "SELECT id, date, updated_utc, entry_json FROM diary_entries WHERE user_id = ? AND "
      "date = ?");
  if (!st) return fail(st.error());
  st->bind(1, user.value).bind(2, std::string_view(date));
  auto row = st->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<StoredDiaryEntry>();
  return std::optional<StoredDiaryEntry>(read_row(*st));
}

Expected<std::vector<StoredDiaryEntry>> DiaryRepo::list(UserId user) {
  auto st = db_.prepare(
      "SELECT id, date, updated_utc, entry_json FROM diary_entries WHERE user_id = ? "
      "ORDER BY date, id");
  if (!st) return fail(st.error());
  st->bind(1, user.value);
  return st->collect(read_row);
}

}  // namespace rk
