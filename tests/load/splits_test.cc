#include "load/splits.h"

#include <gtest/gtest.h>

#include <cmath>

#include "load_test_util.h"

namespace rk {
namespace {

/// 4 m/s for `seconds`, one sample every `step` s; heart rate 150 for the first 250 s then 160;
/// cadence 170; altitude up 1 m per 100 m for the first 1000 m, then down as much.
Streams steady(int seconds, int step = 1) {
  Streams s;
  for (int t = 0; t <= seconds; t += step) {
    const double d = 4.0 * t;
    s.time_s.push_back(static_cast<float>(t));
    s.distance_m.push_back(static_cast<float>(d));
    s.heart_rate_bpm.push_back(t <= 250 ? 150.f : 160.f);
    s.cadence_spm.push_back(170.f);
    s.altitude_m.push_back(static_cast<float>(d <= 1000 ? 100 + d / 100 : 110 - (d - 1000) / 100));
  }
  return s;
}

TEST(Splits, WholeKilometresAndTheRemainder) {
  const auto sp = splits(steady(625));
  ASSERT_EQ(sp.size(), 3u);
  EXPECT_NEAR(sp[0].time_s, 250, 1e-6);
  EXPECT_NEAR(*sp[0].pace_s_per_km, 250, 1e-6);  // 4:10 /km
  EXPECT_NEAR(*sp[0].avg_heart_rate, 150, 1e-9);
  EXPECT_NEAR(*sp[1].avg_heart_rate, 160, 1e-9);
  EXPECT_NEAR(*sp[0].avg_cadence_spm, 170, 1e-9);
  EXPECT_NEAR(*sp[0].ascent_m, 10, 1e-3);
  EXPECT_NEAR(*sp[0].descent_m, 0, 1e-3);
  EXPECT_NEAR(*sp[1].ascent_m, 0, 1e-3);
  EXPECT_NEAR(*sp[1].descent_m, 10, 1e-3);
  EXPECT_FALSE(sp[1].partial);
  EXPECT_TRUE(sp[2].partial);
  EXPECT_NEAR(sp[2].distance_m, 500, 1e-3);
  EXPECT_NEAR(sp[2].time_s, 125, 1e-3);
  EXPECT_NEAR(*sp[2].pace_s_per_km, 250, 1e-3);
  EXPECT_EQ(sp[2].index, 3);
}

TEST(Splits, BoundaryTimeIsInterpolatedBetweenSamples) {
  // Samples every 3 s (12 m): 1000 m falls between 996 m (249 s) and 1008 m (252 s).
  const auto sp = splits(steady(600, 3));
  ASSERT_GE(sp.size(), 2u);
  EXPECT_NEAR(sp[0].time_s, 250, 1e-6);
  EXPECT_NEAR(sp[1].time_s, 250, 1e-6);
}

TEST(Splits, MilesAndGapsAndMissingStreams) {
  const auto miles = splits(steady(625), 1609.344);
  ASSERT_EQ(miles.size(), 2u);
  EXPECT_NEAR(miles[0].time_s, 1609.344 / 4, 1e-3);
  EXPECT_NEAR(miles[1].distance_m, 2500 - 1609.344, 1e-3);
  // A recording gap that jumps 2.5 km in one step still yields each kilometre.
  Streams gap;
  gap.time_s = {0, 600};
  gap.distance_m = {0, 2500};
  const auto g = splits(gap);
  ASSERT_EQ(g.size(), 3u);
  EXPECT_NEAR(g[0].time_s, 240, 1e-6);
  EXPECT_FALSE(g[0].avg_heart_rate);
  EXPECT_FALSE(g[0].ascent_m);
  // No distance stream: no splits; a remainder under 50 m is dropped.
  Streams none;
  none.time_s = {0, 1, 2};
  EXPECT_TRUE(splits(none).empty());
  EXPECT_EQ(splits(steady(260)).size(), 1u);  // 1040 m: one split, 40 m dropped
}

TEST(Splits, RouteIsThinnedAndSkipsMissingPositions) {
  Streams s;
  for (int i = 0; i < 1000; ++i) {
    s.lat_deg.push_back(i == 5 ? NAN : 52.0 + i * 1e-5);
    s.lon_deg.push_back(i == 6 ? 0.0 : 4.0 + i * 1e-5);
  }
  s.lat_deg[6] = 0.0;  // (0, 0): no fix
  const auto all = route_points(s, 2000);
  EXPECT_EQ(all.size(), 998u);
  const auto thin = route_points(s, 100);
  ASSERT_EQ(thin.size(), 100u);
  EXPECT_DOUBLE_EQ(thin.front().first, 52.0);
  EXPECT_DOUBLE_EQ(thin.back().first, all.back().first);
}

TEST(Splits, DefaultNameFromLocalTimeAndSport) {
  Activity a = test::run(test::at("2015-08-15T09:00:00Z"), 9);
  EXPECT_EQ(default_activity_name(a), "Saturday morning run");
  a.local_offset_s = 12 * 3600;  // 21:00 local
  EXPECT_EQ(default_activity_name(a), "Saturday night run");
  a.sport = "cycling";
  a.local_offset_s = 6 * 3600;
  EXPECT_EQ(default_activity_name(a), "Saturday afternoon ride");
}

}  // namespace
}  // namespace rk
