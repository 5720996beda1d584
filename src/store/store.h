#pragma once
// The runner's store: one SQLite database holding every repository's tables. Each repository
// (activities, assessments, diary, KOOS, plans) creates its own tables in ensure_schema(), which
// Store::open runs in order, so a fresh file and an old file both end up current.

#include <filesystem>

#include "store/database.h"

namespace rk {

class Store {
 public:
  static Expected<Store> open(const std::filesystem::path& path);
  Database& db() { return db_; }

 private:
  explicit Store(Database db) : db_(std::move(db)) {}
  Database db_;
};

}  // namespace rk
