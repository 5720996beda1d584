#include "load/thresholds_kb.h"

#include <gtest/gtest.h>

namespace rk {
namespace {

// The built-in defaults must equal data/load_thresholds.yaml, or tests and the app disagree.
TEST(ThresholdsKb, EmbeddedDataEqualsTheDefaults) {
  auto kb = KnowledgeBase::load_embedded();
  ASSERT_TRUE(kb.has_value()) << kb.error().message;
  const LoadThresholds d, t = load_thresholds(*kb);
  ASSERT_NE(kb->threshold("spike.small_max_pct"), nullptr);
  EXPECT_EQ(kb->threshold("spike.small_max_pct")->citation, "frandsen2025");
  EXPECT_DOUBLE_EQ(t.spike_window_days, d.spike_window_days);
  EXPECT_DOUBLE_EQ(t.spike_none_max_pct, d.spike_none_max_pct);
  EXPECT_DOUBLE_EQ(t.spike_small_max_pct, d.spike_small_max_pct);
  EXPECT_DOUBLE_EQ(t.spike_moderate_max_pct, d.spike_moderate_max_pct);
  EXPECT_DOUBLE_EQ(t.next_run_cap_factor, d.next_run_cap_factor);
  EXPECT_DOUBLE_EQ(t.weekly_change_flag_pct, d.weekly_change_flag_pct);
  EXPECT_DOUBLE_EQ(t.acwr_acute_days, d.acwr_acute_days);
  EXPECT_DOUBLE_EQ(t.acwr_chronic_days, d.acwr_chronic_days);
  EXPECT_DOUBLE_EQ(t.monotony_high, d.monotony_high);
  EXPECT_DOUBLE_EQ(t.coverage_min_days, d.coverage_min_days);
  EXPECT_DOUBLE_EQ(t.gap_days, d.gap_days);
  EXPECT_DOUBLE_EQ(t.cadence_change_pct, d.cadence_change_pct);
  EXPECT_DOUBLE_EQ(t.downhill_grade_pct, d.downhill_grade_pct);
  EXPECT_DOUBLE_EQ(t.fitness_days, d.fitness_days);
  EXPECT_DOUBLE_EQ(t.fatigue_days, d.fatigue_days);
  ASSERT_NE(kb->threshold("fitness.fitness_days"), nullptr);
  EXPECT_DOUBLE_EQ(kb->threshold("fitness.fitness_days")->value, 42);
  EXPECT_DOUBLE_EQ(kb->threshold("fitness.fatigue_days")->value, 7);
  EXPECT_DOUBLE_EQ(t.trimp_rest_hr, d.trimp_rest_hr);
  EXPECT_DOUBLE_EQ(t.trimp_max_hr, d.trimp_max_hr);
}

}  // namespace
}  // namespace rk
