#pragma once
// Stored activities. Summaries live in columns; per-second streams are packed column by column
// into one compressed blob per activity (never a row per sample).
//
// Duplicates: the same file (SHA-256) or the same activity seen through another format or
// device (same sport, start within 60 s and distance within 2%) is not stored twice.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/activity.h"
#include "store/database.h"
#include "store/user.h"

namespace rk {

struct StoredActivity {
  std::int64_t id = 0;
  Activity activity;  // streams filled only when asked for
};

struct ActivityQuery {
  std::optional<std::int64_t> since_utc;  // inclusive
  std::optional<std::int64_t> until_utc;  // exclusive
  bool with_streams = false;
};

class ActivityRepo {
 public:
  explicit ActivityRepo(Database& db) : db_(db) {}

  // Every call acts for one user and sees only that user's activities (user.h).

  /// The id of an already stored activity of `user` this one duplicates, if any.
  Expected<std::optional<std::int64_t>> find_duplicate(UserId user, const Activity& a);
  /// Inserts one activity (in the caller's transaction, if any) and returns its id.
  Expected<std::int64_t> insert(UserId user, const Activity& a);
  /// Oldest first.
  Expected<std::vector<StoredActivity>> list(UserId user, const ActivityQuery& q = {});
  /// The same rows, one at a time, without holding them all (listings of a million rows).
  Expected<void> for_each(UserId user, const ActivityQuery& q,
                          const std::function<void(StoredActivity&&)>& visit);
  /// nullopt when `user` has no activity with that id (another user's is absent too).
  Expected<std::optional<StoredActivity>> find(UserId user, std::int64_t id,
                                               bool with_streams = true);
  /// True when `user` imported a file with this SHA-256 before (fast path for re-imports).
  Expected<bool> has_file(UserId user, const std::string& sha256);

  // Extensions for the import pipeline (src/ingest) and tests.

  /// Every stored file SHA-256, so import workers can skip known files without the database.
  Expected<std::vector<std::string>> file_hashes(UserId user);
  /// insert() with streams packed beforehand by pack_streams (which is thread-safe, so import
  /// workers compress in parallel while one thread writes).
  Expected<std::int64_t> insert(UserId user, const Activity& a,
                                std::span<const std::uint8_t> packed_streams);
  /// Streams as stored: quantised per column to a fixed resolution (1 ms, about 1 cm of
  /// position, 1 cm of distance and altitude, 1 mm/s, 0.1 bpm, 1/64 step per minute, ...),
  /// delta-coded as varints, column by column, then zlib-compressed. Columns whose values do not
  /// fit that scheme are kept as raw floats. See docs/import.md.
  static std::vector<std::uint8_t> pack_streams(const Streams& s);
  static Expected<Streams> unpack_streams(std::span<const std::uint8_t> blob);

 private:
  Database& db_;
  std::optional<Statement> insert_stmt_, dup_stmt_, file_stmt_;
};

}  // namespace rk
