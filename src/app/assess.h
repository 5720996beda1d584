#pragma once
// Use case: assess the runner's answers (with their training history) and save the result.
// `runknee assess` and `POST /api/v1/assessments` both call this; they only read the answers
// (a file, a prompt, a request body) and render the result.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "assess/answers.h"
#include "assess/engine.h"
#include "knowledge/knowledge_base.h"
#include "store/database.h"
#include "store/user.h"
#include "util/expected.h"

namespace rk::app {

struct AssessOutcome {
  Assessment result;
  nlohmann::json json;             // the one encoding of the result, as saved
  std::optional<std::int64_t> id;  // the saved assessment; nullopt when not saved
  // What the plan now says about today (plan_today_lines), for the summary's "What to do
  // today"; empty when not saved (the plan follows saved assessments only).
  std::vector<std::string> plan_today;
};

/// Assesses `answers` with `training` (from `training_for_assessment` or a cached
/// `training_views`; nullopt without runs) and, when `save`, stores answers and result in one
/// write; a saved assessment also brings the plan up to date and says what it now says today.
Expected<AssessOutcome> assess_and_save(Database& db, UserId user, const KnowledgeBase& kb,
                                        const Answers& answers,
                                        const std::optional<TrainingSummary>& training,
                                        std::int64_t now_utc, bool save = true);

}  // namespace rk::app
