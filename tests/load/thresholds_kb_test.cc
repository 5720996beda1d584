#include "load/thresholds_kb.h"

#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

namespace rk {
namespace {

// One value per fact (issue 11): LoadThresholds holds no figure of data/load_thresholds.yaml;
// every one is read from the knowledge base, and a base without one of them is refused.
TEST(ThresholdsKb, EveryFigureComesFromTheData) {
  auto kb = KnowledgeBase::load_embedded();
  ASSERT_TRUE(kb.has_value()) << kb.error().message;
  const LoadThresholds unset, t = load_thresholds(*kb);
  const std::vector<std::pair<const char*, double LoadThresholds::*>> fields = {
      {"spike.window_days", &LoadThresholds::spike_window_days},
      {"spike.none_max_pct", &LoadThresholds::spike_none_max_pct},
      {"spike.small_max_pct", &LoadThresholds::spike_small_max_pct},
      {"spike.moderate_max_pct", &LoadThresholds::spike_moderate_max_pct},
      {"spike.recent_days", &LoadThresholds::spike_recent_days},
      {"weekly.change_flag_pct", &LoadThresholds::weekly_change_flag_pct},
      {"acwr.acute_days", &LoadThresholds::acwr_acute_days},
      {"acwr.chronic_days", &LoadThresholds::acwr_chronic_days},
      {"acwr.context_high", &LoadThresholds::acwr_context_high},
      {"monotony.high", &LoadThresholds::monotony_high},
      {"coverage.min_days", &LoadThresholds::coverage_min_days},
      {"coverage.gap_days", &LoadThresholds::gap_days},
      {"form.recent_days", &LoadThresholds::form_recent_days},
      {"form.baseline_days", &LoadThresholds::form_baseline_days},
      {"form.cadence_change_pct", &LoadThresholds::cadence_change_pct},
      {"form.cadence_medial_spm", &LoadThresholds::cadence_medial_spm},
      {"form.overstride_cadence_drop_pct", &LoadThresholds::overstride_cadence_drop_pct},
      {"form.downhill_grade_pct", &LoadThresholds::downhill_grade_pct},
      {"fitness.fitness_days", &LoadThresholds::fitness_days},
      {"fitness.fatigue_days", &LoadThresholds::fatigue_days},
      {"trimp.rest_hr", &LoadThresholds::trimp_rest_hr},
      {"trimp.max_hr", &LoadThresholds::trimp_max_hr}};
  for (const auto& [id, field] : fields) {
    ASSERT_NE(kb->threshold(id), nullptr) << id;
    EXPECT_DOUBLE_EQ(t.*field, kb->threshold(id)->value) << id;
    EXPECT_TRUE(std::isnan(unset.*field)) << id << " has a C++ default";
  }
  EXPECT_EQ(kb->threshold("spike.small_max_pct")->citation, "frandsen2025");
  EXPECT_DOUBLE_EQ(kb->threshold("fitness.fitness_days")->value, 42);
  // The next run's cap is the spike threshold itself, not a second figure.
  EXPECT_DOUBLE_EQ(t.next_run_cap_factor, 1 + kb->threshold("spike.none_max_pct")->value / 100);
  EXPECT_TRUE(std::isnan(unset.next_run_cap_factor));
}

}  // namespace
}  // namespace rk
