#pragma once
// The runner's store: one SQLite database holding every repository's tables. Each repository
// (activities, assessments, diary, KOOS, plans) creates its own tables in ensure_schema(), which
// Store::open runs in order, so a fresh file and an old file both end up current.

#include <filesystem>
#include <string>
#include <vector>

#include "store/database.h"

namespace rk {

/// The store layout this build writes (PRAGMA user_version). A store or backup with a higher
/// number was made by a newer runknee and is refused rather than misread.
inline constexpr int kSchemaVersion = 1;

class Store {
 public:
  static Expected<Store> open(const std::filesystem::path& path);
  Database& db() { return db_; }

  /// Writes a consistent copy of the store to `file` (safe while a server writes), atomically.
  Expected<void> backup(const std::filesystem::path& file);
  /// Checks `file` (a SQLite file, intact, a runknee store, not from a newer schema) and
  /// replaces the store's content with it.
  Expected<void> restore(const std::filesystem::path& file);
  /// Deletes every record of every table, in one transaction, then compacts the file.
  Expected<void> forget_all();
  /// The user tables, in creation order.
  Expected<std::vector<std::string>> tables();

 private:
  explicit Store(Database db) : db_(std::move(db)) {}
  Database db_;
};

}  // namespace rk
