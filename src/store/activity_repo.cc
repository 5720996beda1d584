#include "store/activity_repo.h"

#include <cmath>

#include "store/activity_codec.h"
#include "util/error.h"

namespace rk {
namespace {

// Same activity through another format or device: same sport, start within a minute, distance
// within 2% (watches and phone apps disagree by a few tens of metres over 10 km).
constexpr std::int64_t kDuplicateStartWindowS = 60;
constexpr double kDuplicateDistanceRatio = 0.02;

constexpr const char* kColumns =
    "id, sport, sub_sport, start_utc, local_offset_s, elapsed_s, moving_s, distance_m, ascent_m, "
    "descent_m, avg_heart_rate, max_heart_rate, avg_cadence_spm, avg_step_length_m, "
    "avg_vertical_oscillation_mm, avg_stance_time_ms, rpe, notes, source_name, source_size, "
    "source_sha256, source_format, source_device, laps";

std::optional<double> opt_double(const Statement& s, int col) {
  if (s.column_is_null(col)) return std::nullopt;
  return s.column_double(col);
}

Expected<StoredActivity> read_row(const Statement& s) {
  StoredActivity out;
  out.id = s.column_int(0);
  Activity& a = out.activity;
  a.sport = s.column_text(1);
  a.sub_sport = s.column_text(2);
  a.start_utc = s.column_int(3);
  if (!s.column_is_null(4)) a.local_offset_s = static_cast<std::int32_t>(s.column_int(4));
  a.elapsed_s = s.column_double(5);
  a.moving_s = s.column_double(6);
  a.distance_m = s.column_double(7);
  a.ascent_m = opt_double(s, 8);
  a.descent_m = opt_double(s, 9);
  a.avg_heart_rate = opt_double(s, 10);
  a.max_heart_rate = opt_double(s, 11);
  a.avg_cadence_spm = opt_double(s, 12);
  a.avg_step_length_m = opt_double(s, 13);
  a.avg_vertical_oscillation_mm = opt_double(s, 14);
  a.avg_stance_time_ms = opt_double(s, 15);
  a.rpe = opt_double(s, 16);
  a.notes = s.column_text(17);
  a.source.name = s.column_text(18);
  a.source.size = static_cast<std::uint64_t>(s.column_int(19));
  a.source.sha256 = s.column_text(20);
  a.source.format = s.column_text(21);
  a.source.device = s.column_text(22);
  auto laps = codec::unpack_laps(s.column_blob(23));
  if (!laps) return fail("activity {}: {}", out.id, laps.error().message);
  a.laps = std::move(*laps);
  return out;
}

Expected<void> read_streams(const Statement& s, int col, StoredActivity& out) {
  auto streams = codec::unpack_streams(s.column_blob(col));
  if (!streams) return fail("activity {}: {}", out.id, streams.error().message);
  out.activity.streams = std::move(*streams);
  return {};
}

Expected<Statement*> cached(Database& db, std::optional<Statement>& slot, std::string_view sql) {
  if (!slot) {
    auto st = db.prepare(sql);
    if (!st) return fail(st.error());
    slot.emplace(std::move(*st));
  }
  slot->reset();
  return &*slot;
}

}  // namespace

Expected<std::optional<std::int64_t>> ActivityRepo::find_duplicate(UserId user, const Activity& a) {
  auto st = cached(db_, dup_stmt_,
                   "SELECT id, distance_m FROM activities WHERE user_id = ? AND sport = ? AND "
                   "start_utc BETWEEN ? AND ? ORDER BY abs(start_utc - ?)");
  if (!st) return fail(st.error());
  (*st)
      ->bind(1, user.value)
      .bind(2, a.sport)
      .bind(3, a.start_utc - kDuplicateStartWindowS)
      .bind(4, a.start_utc + kDuplicateStartWindowS)
      .bind(5, a.start_utc);
  for (;;) {
    auto row = (*st)->step();
    if (!row) return fail(row.error());
    if (!*row) break;
    const double other = (*st)->column_double(1);
    const double larger = std::max(other, a.distance_m);
    if (larger <= 0 || std::abs(other - a.distance_m) <= kDuplicateDistanceRatio * larger) {
      const auto id = (*st)->column_int(0);
      (*st)->reset();
      return std::optional<std::int64_t>(id);
    }
  }
  (*st)->reset();
  return std::optional<std::int64_t>();
}

Expected<std::int64_t> ActivityRepo::insert(UserId user, const Activity& a) {
  const auto packed = pack_streams(a.streams);
  return insert(user, a, packed);
}

Expected<std::int64_t> ActivityRepo::insert(UserId user, const Activity& a,
                                            std::span<const std::uint8_t> packed_streams) {
  auto st = cached(
      db_, insert_stmt_,
      "INSERT INTO activities(user_id, sport, sub_sport, start_utc, local_offset_s, elapsed_s, "
      "moving_s, "
      "distance_m, ascent_m, descent_m, avg_heart_rate, max_heart_rate, avg_cadence_spm, "
      "avg_step_length_m, avg_vertical_oscillation_mm, avg_stance_time_ms, rpe, notes, "
      "source_name, source_size, source_sha256, source_format, source_device, laps, streams) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
  if (!st) return fail(st.error());
  Statement& s = **st;
  // Column k of the INSERT above is bound at k + 1 (user_id is column 0).
  s.bind(1, user.value);
  s.bind(2, a.sport).bind(3, a.sub_sport).bind(4, a.start_utc);
  if (a.local_offset_s) {
    s.bind(5, static_cast<std::int64_t>(*a.local_offset_s));
  } else {
    s.bind_null(5);
  }
  s.bind(6, a.elapsed_s).bind(7, a.moving_s).bind(8, a.distance_m);
  s.bind(9, a.ascent_m).bind(10, a.descent_m).bind(11, a.avg_heart_rate);
  s.bind(12, a.max_heart_rate).bind(13, a.avg_cadence_spm).bind(14, a.avg_step_length_m);
  s.bind(15, a.avg_vertical_oscillation_mm).bind(16, a.avg_stance_time_ms).bind(17, a.rpe);
  s.bind(18, a.notes).bind(19, a.source.name);
  s.bind(20, static_cast<std::int64_t>(a.source.size)).bind(21, a.source.sha256);
  s.bind(22, a.source.format).bind(23, a.source.device);
  const auto laps = codec::pack_laps(a.laps);
  s.bind_blob(24, laps).bind_blob(25, packed_streams);
  return s.run_returning_id();
}

Expected<void> ActivityRepo::for_each(UserId user, const ActivityQuery& q,
                                      const std::function<void(StoredActivity&&)>& visit) {
  const std::string sql = std::string("SELECT ") + kColumns + (q.with_streams ? ", streams" : "") +
                          " FROM activities WHERE user_id = ? AND start_utc >= ? AND start_utc < ? "
                          "ORDER BY start_utc, id";
  auto st = db_.prepare(sql);
  if (!st) return fail(st.error());
  st->bind(1, user.value);
  st->bind(2, q.since_utc.value_or(std::numeric_limits<std::int64_t>::min()));
  st->bind(3, q.until_utc.value_or(std::numeric_limits<std::int64_t>::max()));
  for (;;) {
    auto row = st->step();
    if (!row) return fail(row.error());
    if (!*row) return {};
    auto a = read_row(*st);
    if (!a) return fail(a.error());
    if (q.with_streams) {
      if (auto r = read_streams(*st, 24, *a); !r) return fail(r.error());
    }
    visit(std::move(*a));
  }
}

Expected<std::vector<StoredActivity>> ActivityRepo::list(UserId user, const ActivityQuery& q) {
  std::vector<StoredActivity> out;
  auto r = for_each(user, q, [&out](StoredActivity&& s) { out.push_back(std::move(s)); });
  if (!r) return fail(r.error());
  return out;
}

Expected<std::optional<StoredActivity>> ActivityRepo::find(UserId user, std::int64_t id,
                                                           bool with_streams) {
  const std::string sql = std::string("SELECT ") + kColumns + (with_streams ? ", streams" : "") +
                          " FROM activities WHERE user_id = ? AND id = ?";
  auto st = db_.prepare(sql);
  if (!st) return fail(st.error());
  st->bind(1, user.value).bind(2, id);
  auto row = st->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<StoredActivity>();
  auto a = read_row(*st);
  if (!a) return fail(a.error());
  if (with_streams) {
    if (auto r = read_streams(*st, 24, *a); !r) return fail(r.error());
  }
  return std::optional<StoredActivity>(std::move(*a));
}

Expected<bool> ActivityRepo::has_file(UserId user, const std::string& sha256) {
  auto st = cached(db_, file_stmt_,
                   "SELECT 1 FROM activities WHERE user_id = ? AND source_sha256 = ? LIMIT 1");
  if (!st) return fail(st.error());
  (*st)->bind(1, user.value).bind(2, sha256);
  auto row = (*st)->step();
  (*st)->reset();
  if (!row) return fail(row.error());
  return *row;
}

Expected<std::vector<std::string>> ActivityRepo::file_hashes(UserId user) {
  auto st = db_.prepare(
      "SELECT DISTINCT source_sha256 FROM activities WHERE user_id = ? AND source_sha256 != ''");
  if (!st) return fail(st.error());
  st->bind(1, user.value);
  return st->collect([](const Statement& r) { return r.column_text(0); });
}

std::vector<std::uint8_t> ActivityRepo::pack_streams(const Streams& s) {
  return codec::pack_streams(s);
}

Expected<Streams> ActivityRepo::unpack_streams(std::span<const std::uint8_t> blob) {
  return codec::unpack_streams(blob);
}

}  // namespace rk
