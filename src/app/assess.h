#pragma once
// Use case: assess the runner's answers (with their training history) and save the result.
// `runknee assess` and `POST /api/v1/assessments` both call this; they only read the answers
// (a file, a prompt, a request body) and render the result.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

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
};

/// Assesses `answers` with `training` (from `training_for_assessment` or a cached
/// `training_views`; nullopt without runs) and, when `save`, stores answers and result in one
/// write.
Expected<AssessOutcome> assess_and_save(Database& db, UserId user, const KnowledgeBase& kb,
                                        const Answers& answers,
                                        const std::optional<TrainingSummary>& training,
                                        std::int64_t now_utc, bool save = true);

}  // namespace rk::app
