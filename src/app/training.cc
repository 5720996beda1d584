#include "app/training.h"

#include <algorithm>

#include "load/stored_history.h"
#include "load/thresholds_kb.h"
#include "load/training_summary.h"
#include "util/error.h"

namespace rk::app {
namespace {

constexpr int kChartedDays = 200;  // the form charts' half-year, with a margin

}  // namespace

int history_window_days(const LoadThresholds& t) {
  return std::max(kChartedDays, static_cast<int>(t.form_recent_days + t.form_baseline_days));
}

Expected<TrainingViews> training_views(Database& db, UserId user, const KnowledgeBase& kb,
                                       std::int64_t now) {
  const LoadThresholds t = load_thresholds(kb);
  const int window = history_window_days(t);
  auto history = read_history(db, user, now, window);
  if (!history) return fail(history.error());
  std::vector<Activity> recent;
  for (const auto& a : history->activities) {
    if (a.start_utc >= now - std::int64_t{window} * 86400) recent.push_back(a);
  }
  TrainingViews v;
  v.load = analyze_load(history->activities, now, t);
  v.form = analyze_form(recent, now, t);
  v.summary = summarize_training(history->activities, history->ids, now, t);
  return v;
}

Expected<std::optional<TrainingSummary>> training_for_assessment(Database& db, UserId user,
                                                                 const KnowledgeBase& kb,
                                                                 std::int64_t now) {
  const LoadThresholds t = load_thresholds(kb);
  auto history = read_history(db, user, now, history_window_days(t));
  if (!history) return fail(history.error());
  TrainingSummary s = summarize_training(history->activities, history->ids, now, t);
  if (!s.has_history) return std::optional<TrainingSummary>();
  return std::optional<TrainingSummary>(std::move(s));
}

}  // namespace rk::app
