#pragma once
// Use case: the load, form and training-summary views of the stored history, read with ONE
// history window for the CLI and the server alike.

#include <cstdint>
#include <optional>

#include "knowledge/knowledge_base.h"
#include "load/analysis.h"
#include "load/form.h"
#include "load/summary.h"
#include "load/thresholds.h"
#include "store/database.h"
#include "store/user.h"
#include "util/expected.h"

namespace rk::app {

/// The history window: per-second streams are read for the runs that started within this many
/// days. It covers the charted half-year of the form views and the summary's form comparison
/// (recent runs and their baseline, `form_recent_days + form_baseline_days`).
int history_window_days(const LoadThresholds& t);

struct TrainingViews {
  LoadReport load;
  FormReport form;          // runs of the history window
  TrainingSummary summary;  // has_history false when no run is stored
};

/// Every view of the stored history at `now_utc`.
Expected<TrainingViews> training_views(Database& db, UserId user, const KnowledgeBase& kb,
                                       std::int64_t now_utc);

/// The training summary an assessment takes: nullopt when no run is stored.
Expected<std::optional<TrainingSummary>> training_for_assessment(Database& db, UserId user,
                                                                 const KnowledgeBase& kb,
                                                                 std::int64_t now_utc);

}  // namespace rk::app
