#pragma once
// Completed KOOS questionnaires: the answers by item id and the subscale scores, as JSON text
// (the plan module owns the scoring).

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"

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

  Expected<std::int64_t> save(const StoredKoos& k);
  /// Oldest first.
  Expected<std::vector<StoredKoos>> list();

 private:
  Database& db_;
};

}  // namespace rk
