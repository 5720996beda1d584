#include "load/series.h"

#include <gtest/gtest.h>

#include "model/calendar.h"
#include "load_test_util.h"
#include "load/data_thresholds.h"

namespace rk {
namespace {

using test::at;
using test::kDay;

TEST(Calendar, IsoWeeksAcrossYearEnds) {
  EXPECT_EQ(iso_week_label(days_from_civil(2026, 11, 25)), "2026-W48");
  EXPECT_EQ(iso_week_label(days_from_civil(2021, 1, 3)), "2020-W53");  // a Sunday
  EXPECT_EQ(iso_week_label(days_from_civil(2024, 12, 30)), "2025-W01");
  EXPECT_EQ(iso_week_label(days_from_civil(2026, 1, 1)), "2026-W01");
  EXPECT_EQ(weekday_name(days_from_civil(2026, 11, 17)), "Tuesday");
  EXPECT_EQ(week_start(days_from_civil(2026, 11, 29)), days_from_civil(2026, 11, 23));
}

TEST(Calendar, LocalDateFollowsTheFilesOffset) {
  // 23:30 UTC is already the next day at UTC+1, and still the same day without an offset.
  EXPECT_EQ(day_string(local_day(test::run(at("2026-11-10T23:30:00Z"), 5, 30, 3600))),
            "2026-11-11");
  EXPECT_EQ(day_string(local_day(test::run(at("2026-11-10T23:30:00Z"), 5))), "2026-11-10");
  // 02:00 UTC is the previous evening in New York (UTC-5).
  EXPECT_EQ(day_string(local_day(test::run(at("2026-11-11T02:00:00Z"), 5, 30, -5 * 3600))),
            "2026-11-10");
}

TEST(Series, TwoRunsInADayAddUpAndCrossTrainingStaysApart) {
  const std::int64_t d = days_from_civil(2026, 11, 10);
  std::vector<Activity> acts = {test::run(at("2026-11-10T07:00:00Z"), 8, 45),
                                test::run(at("2026-11-10T18:00:00Z"), 5, 30),
                                test::ride(at("2026-11-11T18:00:00Z"), 30, 60)};
  const auto days = daily_series(acts, d, d + 2, {}, testing::data_thresholds());
  ASSERT_EQ(days.size(), 3u);
  EXPECT_DOUBLE_EQ(days[0].running.distance_m, 13000);
  EXPECT_DOUBLE_EQ(days[0].running.duration_s, 75 * 60);
  EXPECT_EQ(days[0].running.sessions, 2);
  EXPECT_EQ(days[0].cross.sessions, 0);
  EXPECT_EQ(days[1].running.sessions, 0);
  EXPECT_DOUBLE_EQ(days[1].cross.distance_m, 30000);
  EXPECT_EQ(days[2].running.sessions + days[2].cross.sessions, 0);
  EXPECT_FALSE(days[0].srpe.has_value());
  EXPECT_FALSE(days[0].trimp.has_value());
}

TEST(Series, SessionRpeAndBanisterTrimp) {
  Activity a = test::run(at("2026-11-10T07:00:00Z"), 10, 60);
  a.rpe = 5;
  a.avg_heart_rate = 150;
  const std::int64_t d = days_from_civil(2026, 11, 10);
  const auto days = daily_series({a}, d, d, {}, testing::data_thresholds());
  ASSERT_TRUE(days[0].srpe && days[0].trimp);
  EXPECT_DOUBLE_EQ(*days[0].srpe, 300);  // 60 min x RPE 5
  // HRr = (150 - 60) / (190 - 60) = 0.6923; 60 x 0.6923 x 0.64 x e^(1.92 x 0.6923) = 100.44.
  EXPECT_NEAR(*days[0].trimp, 100.44, 0.01);
  HeartRateProfile hr;
  hr.rest_hr = 50;
  hr.max_hr = 200;  // HRr = 0.6667: 60 x 0.6667 x 0.64 x e^1.28 = 92.07
  EXPECT_NEAR(*banister_trimp(a, hr, testing::data_thresholds()), 92.07, 0.01);
}

TEST(Series, TrimpFallsBackToTheHeartRateStream) {
  Activity a = test::run(at("2026-11-10T07:00:00Z"), 10, 60);
  a.streams.heart_rate_bpm = {140, 160, std::numeric_limits<float>::quiet_NaN()};
  a.streams.time_s = {0, 1, 2};
  // Mean 150 as above.
  EXPECT_NEAR(*banister_trimp(a, {}, testing::data_thresholds()), 100.44, 0.01);
}

TEST(Series, WeeksFollowIsoMondays) {
  // 2026-11-20 is a Friday: the history starts mid-week.
  const std::int64_t first = days_from_civil(2026, 11, 20);
  std::vector<Activity> acts = {test::run(at("2026-11-20T07:00:00Z"), 10),
                                test::run(at("2026-11-22T07:00:00Z"), 5),
                                test::run(at("2026-11-23T07:00:00Z"), 7)};
  const auto weeks = weekly_series(daily_series(acts, first, first + 9, {}, testing::data_thresholds()));
  ASSERT_EQ(weeks.size(), 2u);
  EXPECT_EQ(weeks[0].label, "2026-W47");
  EXPECT_EQ(weeks[0].days_in_history, 3);
  EXPECT_DOUBLE_EQ(weeks[0].running.distance_m, 15000);
  EXPECT_EQ(weeks[1].label, "2026-W48");
  EXPECT_DOUBLE_EQ(weeks[1].running.distance_m, 7000);
  EXPECT_EQ(weeks[1].days_in_history, 7);
}

}  // namespace
}  // namespace rk
