#pragma once
// Saved assessments: the answers and the result, as JSON text, with a timestamp.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

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

  Expected<std::int64_t> save(const SavedAssessment& a);
  Expected<std::vector<SavedAssessment>> list();  // newest first, without the JSON bodies
  /// nullopt when there is no assessment with that id (absent, not failed).
  Expected<std::optional<SavedAssessment>> find(std::int64_t id);
  Expected<std::optional<SavedAssessment>> latest();

 private:
  Database& db_;
};

}  // namespace rk
