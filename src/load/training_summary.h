#pragma once
// Boils a history down to the TrainingSummary (load/summary.h) that the assessment and the
// plans quote. Windows are counted back from now_utc in whole 24-hour periods ("the last 7
// days" = [now - 7 d, now]); dates are local dates of the runs.

#include <cstdint>
#include <vector>

#include "model/activity.h"
#include "load/summary.h"
#include "load/thresholds.h"

namespace rk {

/// Activities in any order (the contract says oldest first; they are sorted anyway).
TrainingSummary summarize_training(const std::vector<Activity>& activities_oldest_first,
                                   std::int64_t now_utc, const LoadThresholds& t);

/// The same, with the store's ids (parallel to `activities`) so RunSpike::activity_id is set.
TrainingSummary summarize_training(const std::vector<Activity>& activities,
                                   const std::vector<std::int64_t>& activity_ids,
                                   std::int64_t now_utc, const LoadThresholds& t);

}  // namespace rk
