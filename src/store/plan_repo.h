#pragma once
// The adaptive plan's state (current stage, counters) as one JSON document, and the history of
// advance/hold/step-back decisions, one row each, so a physio can see why the plan changed.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/user.h"

namespace rk {

struct StoredPlanDecision {
  std::int64_t id = 0;
  std::string date;  // the diary day the decision was made from
  std::int64_t decided_utc = 0;
  std::string decision_json;
};

class PlanRepo {
 public:
  explicit PlanRepo(Database& db) : db_(db) {}

  // Every call acts for one user and sees only that user's plan (user.h).

  /// nullopt before the user's first plan (absent, not failed).
  Expected<std::optional<std::string>> load_state(UserId user);
  Expected<void> save_state(UserId user, const std::string& state_json, std::int64_t updated_utc);
  Expected<std::int64_t> add_decision(UserId user, const StoredPlanDecision& d);
  /// Oldest first.
  Expected<std::vector<StoredPlanDecision>> list_decisions(UserId user);

 private:
  Database& db_;
};

}  // namespace rk
