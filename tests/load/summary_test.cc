#include <gtest/gtest.h>

#include <cmath>

#include "load/analysis.h"
#include "model/calendar.h"
#include "load/training_summary.h"
#include "load_test_util.h"
#include "load/data_thresholds.h"

namespace rk {
namespace {

using test::at;
using test::kDay;

const LoadThresholds& kT = testing::data_thresholds();
const std::int64_t kNow = at("2026-11-25T12:00:00Z");  // a Wednesday

// Ten km every other day from 2026-09-01 to 2026-11-15, then 14 km on Tuesday 2026-11-17.
std::vector<Activity> steady_then_spike() {
  std::vector<Activity> acts;
  for (std::int64_t t = at("2026-09-01T07:00:00Z"); t <= at("2026-11-15T07:00:00Z"); t += 2 * kDay)
    acts.push_back(test::run(t, 10));
  acts.push_back(test::run(at("2026-11-17T17:00:00Z"), 14));
  return acts;
}

TEST(Summary, QuotesTheSpikingRunWithItsDateAndNumbers) {
  const TrainingSummary s = summarize_training(steady_then_spike(), kNow, kT);
  ASSERT_TRUE(s.has_history);
  ASSERT_TRUE(s.worst_recent_spike.has_value());
  const RunSpike& w = *s.worst_recent_spike;
  EXPECT_EQ(w.date, "2026-11-17");
  EXPECT_EQ(w.weekday, "Tuesday");
  EXPECT_DOUBLE_EQ(w.distance_km, 14);
  EXPECT_DOUBLE_EQ(w.longest_prev30_km, 10);
  EXPECT_NEAR(w.spike_pct, 40, 1e-9);
  EXPECT_EQ(w.category, SpikeCategory::kModerate);
  EXPECT_EQ(category_name(w.category), "moderate");
  EXPECT_EQ(w.activity_id, 0);
  EXPECT_DOUBLE_EQ(*s.longest_prev30_km, 14);
  EXPECT_NEAR(*s.next_run_cap_km, 15.4, 1e-9);
  // 2026-09-01 .. 2026-11-17 inclusive.
  EXPECT_EQ(s.days_covered, 78);
  EXPECT_EQ(s.cannot_see.front(), "hip strength");
}

TEST(Summary, WeeklyFiguresCountBackFromNow) {
  const TrainingSummary s = summarize_training(steady_then_spike(), kNow, kT);
  // The steady runs fall on 09-01, 09-03 .. 09-29, 10-01 .. 10-31, 11-02 .. 11-14.
  // Last 7 days (11-18 12:00 .. now): nothing. The 7 before: 11-12, 11-14 and the 14 km.
  EXPECT_DOUBLE_EQ(*s.this_week_km, 0);
  EXPECT_DOUBLE_EQ(*s.previous_week_km, 34);
  EXPECT_NEAR(*s.weekly_change_pct, -100, 1e-9);
  // Last 14 days: 34 km; the 14 before (10-28 12:00 .. 11-11 12:00): 10-29 .. 11-10 = 70 km.
  ASSERT_TRUE(s.two_week_change_pct.has_value());
  EXPECT_NEAR(*s.two_week_change_pct, (34.0 / 70.0 - 1) * 100, 1e-9);
  EXPECT_EQ(s.runs_last_28d, 10);  // 10-29, 10-31, 11-02 .. 11-14 (7 runs), 11-17
}

TEST(Summary, IdsAreCarriedThroughWhenGiven) {
  auto acts = steady_then_spike();
  std::vector<std::int64_t> ids(acts.size());
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = 100 + static_cast<std::int64_t>(i);
  const TrainingSummary s = summarize_training(acts, ids, kNow, kT);
  EXPECT_EQ(s.worst_recent_spike->activity_id, 100 + static_cast<std::int64_t>(acts.size()) - 1);
}

TEST(Summary, LocalDateOfARunAcrossMidnight) {
  auto acts = steady_then_spike();
  // 23:30 UTC on Tuesday is already Wednesday at UTC+2.
  acts.back() = test::run(at("2026-11-17T23:30:00Z"), 14, 0, 7200);
  const TrainingSummary s = summarize_training(acts, kNow, kT);
  EXPECT_EQ(s.worst_recent_spike->date, "2026-11-18");
  EXPECT_EQ(s.worst_recent_spike->weekday, "Wednesday");
}

TEST(Summary, ShortHistoryClaimsNoSignal) {
  std::vector<Activity> acts = {test::run(at("2026-11-14T07:00:00Z"), 5),
                                test::run(at("2026-11-20T07:00:00Z"), 12)};
  const TrainingSummary s = summarize_training(acts, kNow, kT);
  EXPECT_TRUE(s.has_history);
  EXPECT_FALSE(s.worst_recent_spike.has_value());
  EXPECT_FALSE(s.weekly_change_pct.has_value());
  EXPECT_FALSE(s.acwr_ewma.has_value());
  EXPECT_NE(s.coverage_note.find("only 12 days of history"), std::string::npos);
  EXPECT_DOUBLE_EQ(*s.longest_prev30_km, 12);  // a fact, even without a spike claim
}

TEST(Summary, NoRunsMeansNoHistory) {
  const TrainingSummary s = summarize_training({test::ride(kNow - kDay, 40, 90)}, kNow, kT);
  EXPECT_FALSE(s.has_history);
  EXPECT_EQ(s.coverage_note, "no runs stored");
}

TEST(Analysis, WeeklyChangeIsFlaggedOnlyWithEnoughHistory) {
  // Mondays and Thursdays, 10 km each, for five weeks from Monday 2026-09-28; then 15 + 15.
  std::vector<Activity> acts;
  const std::int64_t monday = at("2026-09-28T07:00:00Z");
  for (int w = 0; w < 6; ++w) {
    const double km = w == 5 ? 15 : 10;
    acts.push_back(test::run(monday + w * 7 * kDay, km));
    acts.push_back(test::run(monday + (w * 7 + 3) * kDay, km));
  }
  const LoadReport rep = analyze_load(acts, at("2026-11-08T20:00:00Z"), kT);
  ASSERT_EQ(rep.weeks.size(), 6u);
  EXPECT_FALSE(rep.weeks[0].change_1w_pct.has_value());
  EXPECT_NEAR(*rep.weeks[1].change_1w_pct, 0, 1e-9);
  EXPECT_TRUE(rep.weeks[3].flags.empty());
  EXPECT_NEAR(*rep.weeks[5].change_1w_pct, 50, 1e-9);
  EXPECT_NEAR(*rep.weeks[5].change_2w_pct, 25, 1e-9);  // 50 vs 40
  ASSERT_GE(rep.weeks[5].flags.size(), 1u);
  EXPECT_EQ(rep.weeks[5].flags[0].id, "weekly.change_1w");
  EXPECT_EQ(rep.weeks[5].flags[0].certainty, "low");
  // Monday's 15 km is 50% over the 30-day longest (10 km): a moderate spike.
  EXPECT_EQ(rep.runs[10].category, SpikeCategory::kModerate);
  EXPECT_EQ(rep.runs[11].category, SpikeCategory::kNone);  // vs the 15 km three days before
  ASSERT_EQ(rep.days[35].flags.size(), 1u);                // 2026-11-02
  EXPECT_EQ(rep.days[35].flags[0].id, "spike.moderate");
  // Monotony of 10, 0, 0, 10, 0, 0, 0: mean 20/7, sd sqrt(10/49 x 100 ... ) by formula.
  EXPECT_NEAR(*rep.weeks[1].monotony, (20.0 / 7) / std::sqrt(2.0 / 7 * 5.0 / 7 * 100), 1e-9);
  EXPECT_TRUE(rep.coverage_notes.empty());
}

TEST(Analysis, GapsAndShortHistoriesAreStated) {
  std::vector<Activity> acts = {test::run(at("2026-11-01T07:00:00Z"), 5),
                                test::run(at("2026-11-12T07:00:00Z"), 5)};
  const LoadReport rep = analyze_load(acts, kNow, kT);
  ASSERT_EQ(rep.gaps.size(), 2u);  // 11-02..11-11 and 11-13..11-25 (today)
  EXPECT_EQ(rep.gaps[0].days, 10);
  EXPECT_EQ(rep.gaps[1].days, 13);
  ASSERT_GE(rep.coverage_notes.size(), 3u);
  EXPECT_NE(rep.coverage_notes[0].find("only 25 days"), std::string::npos);
  EXPECT_NE(rep.coverage_notes[1].find("2026-11-02 to 2026-11-11"), std::string::npos);
}

TEST(Analysis, DescribeSpikeNamesTheRunAndTheNumbers) {
  const LoadReport rep = analyze_load(steady_then_spike(), kNow, kT);
  EXPECT_EQ(describe_spike(rep.runs.back(), kT),
            "Tuesday 2026-11-17: 14.0 km was 40% longer than the longest run of the previous 30 "
            "days (10.0 km): a moderate spike");
}

}  // namespace
}  // namespace rk
