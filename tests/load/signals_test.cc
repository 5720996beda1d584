#include "load/signals.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "model/calendar.h"
#include "load_test_util.h"
#include "load/data_thresholds.h"

namespace rk {
namespace {

using test::at;
using test::kDay;

const LoadThresholds& kT = testing::data_thresholds();

TEST(Spike, FrandsenCategoriesIncludingTheirEdges) {
  EXPECT_EQ(classify_spike(9, 10, kT), SpikeCategory::kNone);
  EXPECT_EQ(classify_spike(11, 10, kT), SpikeCategory::kNone);  // exactly 10%
  EXPECT_EQ(classify_spike(11.01, 10, kT), SpikeCategory::kSmall);
  EXPECT_EQ(classify_spike(13, 10, kT), SpikeCategory::kSmall);  // exactly 30%
  EXPECT_EQ(classify_spike(13.01, 10, kT), SpikeCategory::kModerate);
  EXPECT_EQ(classify_spike(20, 10, kT), SpikeCategory::kModerate);  // exactly 100%
  EXPECT_EQ(classify_spike(20.01, 10, kT), SpikeCategory::kLarge);
  EXPECT_EQ(classify_spike(5, 0, kT), SpikeCategory::kUnknown);
  EXPECT_EQ(category_name(SpikeCategory::kModerate), "moderate");
}

std::vector<Activity> history() {
  const std::int64_t t0 = at("2026-01-01T07:00:00Z");
  return {test::run(t0, 10),                     // day 0: first run
          test::run(t0 + 10 * kDay, 8),          // day 10
          test::run(t0 + 20 * kDay, 12),         // day 20
          test::run(t0 + 29 * kDay, 13),         // day 29: less than 30 days of history
          test::run(t0 + 31 * kDay, 15.6),       // day 31: vs 13 (day 29) -> +20%, small
          test::run(t0 + 31 * kDay + 36000, 4),  // same day, evening: vs 15.6
          test::run(t0 + 100 * kDay, 6)};        // after 69 days without running
}

TEST(Spike, EachRunAgainstTheLongestOfThePrevious30Days) {
  const auto runs = run_spikes(history(), kT);
  ASSERT_EQ(runs.size(), 7u);
  EXPECT_FALSE(runs[0].enough_history);
  EXPECT_EQ(runs[0].category, SpikeCategory::kUnknown);
  EXPECT_DOUBLE_EQ(runs[2].longest_prev_m, 10000);
  EXPECT_EQ(runs[3].category, SpikeCategory::kUnknown);  // 29 days of history only
  EXPECT_EQ(runs[3].note, "less than 30 days of history before this run");
  EXPECT_TRUE(runs[4].enough_history);
  EXPECT_DOUBLE_EQ(runs[4].longest_prev_m, 13000);  // day 0's 10 km has left the window
  EXPECT_NEAR(*runs[4].spike_pct, 20, 1e-9);
  EXPECT_EQ(runs[4].category, SpikeCategory::kSmall);
  EXPECT_NEAR(runs[4].next_run_cap_m, 15600 * 1.1, 1e-6);
  // The evening run counts the morning run of the same day.
  EXPECT_DOUBLE_EQ(runs[5].longest_prev_m, 15600);
  EXPECT_EQ(runs[5].category, SpikeCategory::kNone);
  EXPECT_NEAR(runs[5].next_run_cap_m, 15600 * 1.1, 1e-6);
  // Back after a long break: no run to compare with, so no category is claimed.
  EXPECT_DOUBLE_EQ(runs[6].longest_prev_m, 0);
  EXPECT_FALSE(runs[6].spike_pct.has_value());
  EXPECT_EQ(runs[6].note, "no run in the previous 30 days");
}

TEST(Spike, WindowIncludesARunExactly30DaysBefore) {
  const std::int64_t t0 = at("2026-01-01T07:00:00Z");
  const auto runs = run_spikes({test::run(t0, 10), test::run(t0 + 30 * kDay, 12)}, kT);
  EXPECT_TRUE(runs[1].enough_history);
  EXPECT_DOUBLE_EQ(runs[1].longest_prev_m, 10000);
  EXPECT_EQ(runs[1].category, SpikeCategory::kSmall);
  const auto later = run_spikes({test::run(t0, 10), test::run(t0 + 30 * kDay + 1, 12)}, kT);
  EXPECT_DOUBLE_EQ(later[1].longest_prev_m, 0);
}

TEST(Spike, OrderOfTheInputDoesNotMatter) {
  const auto expected = run_spikes(history(), kT);
  auto shuffled = history();
  std::mt19937 rng(4);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  const auto got = run_spikes(shuffled, kT);
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].start_utc, expected[i].start_utc);
    EXPECT_EQ(got[i].longest_prev_m, expected[i].longest_prev_m);
    EXPECT_EQ(got[i].category, expected[i].category);
    EXPECT_EQ(shuffled[got[i].index].start_utc, got[i].start_utc);
  }
}

TEST(Spike, CrossTrainingIsNotARun) {
  const std::int64_t t0 = at("2026-01-01T07:00:00Z");
  const auto runs = run_spikes(
      {test::run(t0, 10), test::ride(t0 + 40 * kDay, 60, 120), test::run(t0 + 41 * kDay, 12)}, kT);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_DOUBLE_EQ(runs[1].longest_prev_m, 0);
}

TEST(Change, PercentAgainstTheEarlierPeriod) {
  EXPECT_NEAR(*change_pct(26, 20), 30, 1e-9);
  EXPECT_FALSE(change_pct(10, 0).has_value());
}

TEST(Acwr, ConstantLoadByHand) {
  const std::vector<double> load(28, 1.0);
  const auto s = acwr_series(load, kT);
  EXPECT_FALSE(s[26].ewma_ratio.has_value());  // 27 days: not yet
  ASSERT_TRUE(s[27].ewma_ratio && s[27].uncoupled_ratio);
  // acute = 1 - 0.75^28, chronic = 1 - (27/29)^28, both from zero.
  EXPECT_NEAR(*s[27].ewma_ratio, 1.155997, 1e-6);
  EXPECT_NEAR(*s[27].uncoupled_ratio, 1.0, 1e-12);
}

TEST(Acwr, UncoupledIsLastWeekOverTheThreeBefore) {
  std::vector<double> load(28, 2.0);
  for (std::size_t i = 21; i < 28; ++i) load[i] = 3;
  EXPECT_NEAR(*acwr_series(load, kT)[27].uncoupled_ratio, 1.5, 1e-12);
  // On day 29 the window slides: days 2..22 (one 3 in it) against 23..29.
  load.push_back(3);
  EXPECT_NEAR(*acwr_series(load, kT)[28].uncoupled_ratio, 3.0 / (43.0 / 21), 1e-12);
  std::vector<double> fresh(28, 0.0);
  fresh[27] = 5;
  EXPECT_FALSE(acwr_series(fresh, kT)[27].uncoupled_ratio.has_value());  // nothing before
}

TEST(Monotony, FosterByHand) {
  const std::vector<double> week = {10, 0, 10, 0, 10, 0, 10};
  const Monotony m = foster_monotony(week);
  EXPECT_DOUBLE_EQ(m.weekly_load, 40);
  EXPECT_NEAR(*m.monotony, 1.154701, 1e-6);  // sqrt(4/3)
  EXPECT_NEAR(*m.strain, 46.188022, 1e-6);
  EXPECT_FALSE(foster_monotony(std::vector<double>(7, 5.0)).monotony.has_value());
}

TEST(Gaps, SevenEmptyDaysAreAGap) {
  const std::int64_t d0 = days_from_civil(2026, 1, 1);
  std::vector<DayLoad> days(20);
  for (std::size_t i = 0; i < days.size(); ++i) days[i].day = d0 + static_cast<std::int64_t>(i);
  days[0].running.sessions = 1;
  days[8].cross.sessions = 1;     // days 1..7 empty: a gap of 7
  days[15].running.sessions = 1;  // days 9..14 empty: only 6
  const auto gaps = find_gaps(days, 7);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].first_day, d0 + 1);
  EXPECT_EQ(gaps[0].last_day, d0 + 7);
  EXPECT_EQ(gaps[0].days, 7);
}

}  // namespace
}  // namespace rk
