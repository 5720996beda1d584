#pragma once
// The runner's store: one SQLite database holding every repository's tables (activities,
// assessments, diary, KOOS, plans). Its layout is a numbered chain of migrations
// (migrations.h): Store::open brings a fresh or older file to kSchemaVersion in one
// transaction and refuses a file from a newer runknee without writing to it. docs/store.md.

#include <filesystem>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/user.h"

namespace rk {

/// The store layout this build writes (PRAGMA user_version). A store or backup with a higher
/// number was made by a newer runknee and is refused rather than misread.
inline constexpr int kSchemaVersion = 4;

class Store {
 public:
  static Expected<Store> open(const std::filesystem::path& path);
  Database& db() { return db_; }
  /// The one user of a single-user store (the local runner), created on first open; every
  /// repository call made for that runner passes it.
  UserId local_user() const { return local_user_; }

  /// Writes a consistent copy of the store to `file` (safe while a server writes), atomically.
  Expected<void> backup(const std::filesystem::path& file);
  /// Checks `file` (a SQLite file, intact, a runknee store, not from a newer schema) and
  /// replaces the store's content with it.
  Expected<void> restore(const std::filesystem::path& file);
  /// Deletes every record `user` owns, in every table, in one transaction, then compacts
  /// the file. The user stays (a forgotten runner is an empty one, not an absent one).
  Expected<void> forget_all(UserId user);
  /// The tables that hold a user's records (every table but `users`), in creation order.
  Expected<std::vector<std::string>> tables();

 private:
  Store(Database db, UserId local) : db_(std::move(db)), local_user_(local) {}
  Database db_;
  UserId local_user_;
};

}  // namespace rk
