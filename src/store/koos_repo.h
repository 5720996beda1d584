#pragma once
// Completed KOOS questionnaires: the answers by item id and the subscale scores, as JSON text
// (the plan module owns the scoring).

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/user.h"

namespace rk {

struct StoredKoos {
  std::int64_t id = 0;
  std::int64_t taken_utc = 0;
  std::string answers_json;
  std::string scores_json;
};

class KoosRepo {
 public:
  explicit KoosRepo(Database& db) : db_(db) {}

  // Every call acts for one user and sees only that user's results (user.h).
  Expected<std::int64_t> save(UserId user, const StoredKoos& k);
  /// Oldest first.
  Expected<std::vector<StoredKoos>> list(UserId user);

 private:
  Database& db_;
};

}  // namespace rk
