#pragma once
// Saved assessments: the answers and the result, as JSON text, with a timestamp.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/user.h"

namespace rk {

struct SavedAssessment {
  std::int64_t id = 0;
  std::int64_t created_utc = 0;
  std::string urgency;
  std::string top_cause;
  std::string answers_json;
  std::string result_json;
};

class AssessmentRepo {
 public:
  explicit AssessmentRepo(Database& db) : db_(db) {}

  // Every call acts for one user and sees only that user's assessments (user.h).
  Expected<std::int64_t> save(UserId user, const SavedAssessment& a);
  /// Newest first, without the JSON bodies.
  Expected<std::vector<SavedAssessment>> list(UserId user);
  /// nullopt when the user has no assessment with that id (absent, not failed).
  Expected<std::optional<SavedAssessment>> find(UserId user, std::int64_t id);
  Expected<std::optional<SavedAssessment>> latest(UserId user);

 private:
  Database& db_;
};

}  // namespace rk
