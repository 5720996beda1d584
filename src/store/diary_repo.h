#pragma once
// Pain diary entries, one per calendar day, as JSON text (the plan module owns the model). A
// second `runknee log` for the same day updates that day's entry, so next-morning pain can be
// added the day after the run.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/user.h"

namespace rk {

struct StoredDiaryEntry {
  std::int64_t id = 0;
  std::string date;  // "2026-11-24", local calendar day
  std::int64_t updated_utc = 0;
  std::string entry_json;
};

class DiaryRepo {
 public:
  explicit DiaryRepo(Database& db) : db_(db) {}

  // Every call acts for one user and sees only that user's diary (user.h).

  /// Inserts the user's entry for the day or replaces it; returns its id.
  Expected<std::int64_t> upsert(UserId user, const StoredDiaryEntry& e);
  Expected<std::optional<StoredDiaryEntry>> find_by_date(UserId user, const std::string& date);
  /// Oldest first.
  Expected<std::vector<StoredDiaryEntry>> list(UserId user);

 private:
  Database& db_;
};

}  // namespace rk
