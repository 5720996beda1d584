#pragma once
// Names the runner gave their activities (`runknee rename`, PATCH /api/v1/activities/{id},
// the web activity page). Kept in their own table, one row per renamed activity; an activity
// without a row shows the name made from its file (default_activity_name).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "store/database.h"
#include "store/user.h"
#include "util/expected.h"

namespace rk {

/// The longest name accepted, in characters (UTF-8 code points).
inline constexpr std::size_t kActivityNameMaxChars = 80;

/// The name as it will be stored: surrounding spaces trimmed; an empty result means "back to
/// the file's name". Fails on invalid UTF-8, control characters (tabs and new lines included)
/// and names longer than kActivityNameMaxChars, saying which.
Expected<std::string> clean_activity_name(std::string_view name);

class ActivityNameRepo {
 public:
  explicit ActivityNameRepo(Database& db) : db_(db) {}  // table: store layouts 2, 3 (migrations.cc)

  // Every call acts for one user and sees only that user's names (user.h).

  /// Stores (or, for an empty name, removes) the activity's name in one statement. False when
  /// `user` has no activity with this id (nothing is stored then; another user's activity is
  /// absent too). `name` must come from clean_activity_name().
  Expected<bool> set(UserId user, std::int64_t activity_id, const std::string& name);
  Expected<std::optional<std::string>> find(UserId user, std::int64_t activity_id);
  /// Every name `user` stored, by activity id.
  Expected<std::map<std::int64_t, std::string>> all(UserId user);

 private:
  Database& db_;
};

}  // namespace rk
