#include "load/fitness.h"

#include <gtest/gtest.h>

#include <cmath>

#include "model/calendar.h"
#include "load_test_util.h"
#include "load/data_thresholds.h"

namespace rk {
namespace {

using test::at;

DayRow day(std::int64_t d, double km, double minutes = 0) {
  DayRow r;
  r.load.day = d;
  r.load.running.distance_m = km * 1000;
  r.load.running.duration_s = minutes * 60;
  r.load.running.sessions = km > 0 || minutes > 0 ? 1 : 0;
  return r;
}

TEST(Fitness, HandComputedEwmaOverThreeDays) {
  // 10 km, rest, 7 km; each day moves fitness 1/42 and fatigue 1/7 of the way to the day's km.
  const auto s = fitness_series({day(100, 10), day(101, 0), day(102, 7)}, {});
  ASSERT_EQ(s.size(), 3u);
  const double f0 = 10.0 / 42, a0 = 10.0 / 7;
  const double f1 = f0 * 41 / 42, a1 = a0 * 6 / 7;
  const double f2 = f1 + (7 - f1) / 42, a2 = a1 + (7 - a1) / 7;
  EXPECT_NEAR(s[0].fitness, f0, 1e-12);
  EXPECT_NEAR(s[0].fatigue, a0, 1e-12);
  EXPECT_NEAR(s[0].form, f0 - a0, 1e-12);
  EXPECT_NEAR(s[1].fitness, f1, 1e-12);
  EXPECT_NEAR(s[1].fatigue, a1, 1e-12);
  EXPECT_NEAR(s[2].fitness, f2, 1e-12);
  EXPECT_NEAR(s[2].fatigue, a2, 1e-12);
  EXPECT_NEAR(s[2].form, f2 - a2, 1e-12);
  EXPECT_DOUBLE_EQ(s[2].load, 7);
  EXPECT_LT(s[2].form, 0);  // a harder recent week than the long-run average: fatigue above fitness
}

TEST(Fitness, TimeBasisUsesMinutesAndTheConfiguredConstants) {
  FitnessOptions o;
  o.basis = FitnessBasis::kTime;
  o.fitness_days = 28;
  o.fatigue_days = 5;
  const auto s = fitness_series({day(0, 8, 45)}, o);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_NEAR(s[0].fitness, 45.0 / 28, 1e-12);
  EXPECT_NEAR(s[0].fatigue, 45.0 / 5, 1e-12);
}

TEST(Fitness, SteadyRunningApproachesItsDailyLoadAndSettlesAfterTheTimeConstant) {
  std::vector<DayRow> days;
  for (int i = 0; i < 200; ++i) days.push_back(day(i, 5));
  const auto s = fitness_series(days, {});
  ASSERT_EQ(s.size(), 200u);
  // f_n = 5 (1 - (41/42)^(n+1))
  EXPECT_NEAR(s[99].fitness, 5 * (1 - std::pow(41.0 / 42, 100)), 1e-9);
  EXPECT_NEAR(s[199].fatigue, 5, 1e-9);
  EXPECT_NEAR(s[199].form, s[199].fitness - 5, 1e-9);
  EXPECT_FALSE(s[41].settled);
  EXPECT_TRUE(s[42].settled);
}

TEST(Fitness, DaysMissingFromTheInputCountAsRest) {
  const auto s = fitness_series({day(10, 6), day(13, 6)}, {});
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[1].day, 11);
  EXPECT_DOUBLE_EQ(s[1].load, 0);
  EXPECT_NEAR(s[2].fatigue, 6.0 / 7 * std::pow(6.0 / 7, 2), 1e-12);
  EXPECT_TRUE(fitness_series({}, {}).empty());
}

TEST(Fitness, JsonKeepsTheRangeAndNamesTheUnit) {
  const auto s = fitness_series({day(100, 10), day(101, 0), day(102, 7)}, {});
  const auto j = fitness_json(s, DayRange{101, 102}, {});
  EXPECT_EQ(j["unit"], "km");
  EXPECT_EQ(j["basis"], "distance");
  ASSERT_EQ(j["days"].size(), 2u);
  EXPECT_EQ(j["days"][0]["date"], day_string(101));
  EXPECT_DOUBLE_EQ(j["days"][1]["load"].get<double>(), 7);
  EXPECT_FALSE(parse_fitness_basis("pace"));
  EXPECT_EQ(*parse_fitness_basis("time"), FitnessBasis::kTime);
}

TEST(LoadRange, DefaultsToTheLastTwelveWeeksOfDataNotOfTheCalendar) {
  // An old history: runs in 2016, "now" in 2026.
  std::vector<Activity> acts;
  for (int i = 0; i < 200; i += 2) {
    acts.push_back(test::run(at("2016-01-01T07:00:00Z") + i * test::kDay, 8));
  }
  const LoadReport rep = analyze_load(acts, at("2026-11-30T12:00:00Z"), testing::data_thresholds());
  const std::int64_t last_run = days_from_civil(2016, 1, 1) + 198;
  EXPECT_EQ(last_data_day(rep), last_run);
  const DayRange r = default_range(rep);
  EXPECT_EQ(r.to_day, last_run);
  EXPECT_EQ(r.from_day, last_run - 83);
  // A short history starts in the week of its first day (2016-01-01 is a Friday).
  const LoadReport short_rep = analyze_load(
      {test::run(at("2016-01-01T07:00:00Z"), 5), test::run(at("2016-01-10T07:00:00Z"), 5)},
      at("2026-11-30T12:00:00Z"), testing::data_thresholds());
  EXPECT_EQ(default_range(short_rep).from_day, days_from_civil(2015, 12, 28));
  EXPECT_EQ(default_range(short_rep, 1).from_day, days_from_civil(2016, 1, 4));
}

TEST(LoadRange, DayLabelsReadAsDayMonthYear) {
  EXPECT_EQ(day_label(days_from_civil(2016, 7, 4)), "4 Jul 2016");
  EXPECT_EQ(day_label(days_from_civil(2026, 12, 31)), "31 Dec 2026");
}

}  // namespace
}  // namespace rk
