#pragma once
// The adaptive plan's state (current stage, counters) as one JSON document, and the history of
// advance/hold/step-back decisions, one row each, so a physio can see why the plan changed.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

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

  /// nullopt before the first plan (absent, not failed).
  Expected<std::optional<std::string>> load_state();
  Expected<void> save_state(const std::string& state_json, std::int64_t updated_utc);
  Expected<std::int64_t> add_decision(const StoredPlanDecision& d);
  /// Oldest first.
  Expected<std::vector<StoredPlanDecision>> list_decisions();

 private:
  Database& db_;
};

}  // namespace rk
