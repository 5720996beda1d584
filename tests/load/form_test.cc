#include "load/form.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "load_test_util.h"
#include "load/data_thresholds.h"

namespace rk {
namespace {

using test::at;
using test::kDay;

const LoadThresholds& kT = testing::data_thresholds();
const std::int64_t kNow = at("2026-11-25T12:00:00Z");

// A 1 Hz run of `seconds` at a constant speed and cadence. The first half descends at -5%
// grade, the second half is flat: half of the distance is downhill.
Activity streamed_run(std::int64_t start, float speed, float cadence, int seconds = 1200) {
  Activity a = test::run(start, double{speed} * seconds / 1000.0, seconds / 60.0);
  Streams& s = a.streams;
  const float half_d = speed * static_cast<float>(seconds / 2);
  for (int i = 0; i <= seconds; ++i) {
    const float d = speed * static_cast<float>(i);
    s.time_s.push_back(static_cast<float>(i));
    s.distance_m.push_back(d);
    s.speed_mps.push_back(speed);
    s.cadence_spm.push_back(cadence);
    s.altitude_m.push_back(i <= seconds / 2 ? 100 - 0.05f * d : 100 - 0.05f * half_d);
  }
  return a;
}

TEST(Form, OneRunFromItsStreams) {
  Activity a = streamed_run(kNow - kDay, 10.0f / 3, 170);
  a.streams.vertical_oscillation_mm.assign(a.streams.size(), 80);
  a.streams.stance_time_ms.assign(a.streams.size(), 250);
  FormOptions o;
  o.height_m = 1.80;
  const RunForm f = run_form(a, kT, o);
  EXPECT_TRUE(f.from_streams);
  EXPECT_NEAR(*f.cadence_spm, 170, 1e-3);
  EXPECT_NEAR(*f.speed_mps, 10.0 / 3, 1e-5);
  EXPECT_NEAR(*f.step_length_m, (10.0 / 3) * 60 / 170, 1e-5);  // 1.176 m
  EXPECT_NEAR(*f.step_length_height_pct, (10.0 / 3) * 60 / 170 / 1.80 * 100, 1e-3);
  EXPECT_NEAR(*f.vertical_oscillation_mm, 80, 1e-9);
  EXPECT_NEAR(*f.stance_time_ms, 250, 1e-9);
  EXPECT_NEAR(*f.downhill_share_pct, 50, 1.0);
  // 300 s/km falls in band 10 of the 30 s/km bands.
  EXPECT_NEAR(f.bands[10].seconds, 1200, 1e-6);
}

TEST(Form, WalkingAndPausesAreLeftOut) {
  Activity a = streamed_run(kNow - kDay, 3.0f, 170, 600);
  for (std::size_t i = 0; i < 300; ++i) {  // the first five minutes walked
    a.streams.speed_mps[i] = 1.4f;
    a.streams.cadence_spm[i] = 110;
  }
  const RunForm f = run_form(a, kT, {});
  EXPECT_NEAR(*f.cadence_spm, 170, 1e-3);
}

TEST(Form, AveragesWhenThereAreNoStreams) {
  Activity a = test::run(kNow - kDay, 10, 50);
  a.avg_cadence_spm = 168;
  const RunForm f = run_form(a, kT, {});
  EXPECT_FALSE(f.from_streams);
  EXPECT_DOUBLE_EQ(*f.cadence_spm, 168);
  EXPECT_NEAR(*f.step_length_m, (10000.0 / 3000) * 60 / 168, 1e-9);
  EXPECT_FALSE(f.downhill_share_pct.has_value());
}

std::vector<Activity> baseline_then_recent(float recent_cadence) {
  std::vector<Activity> acts;
  for (int d = 100; d >= 20; d -= 5) acts.push_back(streamed_run(kNow - d * kDay, 10.0f / 3, 170));
  for (int d = 10; d >= 2; d -= 4)
    acts.push_back(streamed_run(kNow - d * kDay, 10.0f / 3, recent_cadence));
  return acts;
}

TEST(Form, MatchedPaceComparisonFindsLongerSteps) {
  const FormReport rep = analyze_form(baseline_then_recent(160), kNow, kT);
  const FormComparison& c = rep.comparison;
  EXPECT_EQ(c.recent_runs, 3);
  EXPECT_EQ(c.baseline_runs, 17);
  EXPECT_NEAR(*c.cadence_recent_spm, 160, 1e-3);
  EXPECT_NEAR(*c.cadence_baseline_spm, 170, 1e-3);
  EXPECT_EQ(c.bands_compared, 1);
  // Same pace: cadence 160/170 - 1 = -5.88%, step length 170/160 - 1 = +6.25%.
  EXPECT_NEAR(*c.cadence_matched_change_pct, (160.0 / 170 - 1) * 100, 1e-3);
  EXPECT_NEAR(*c.step_length_matched_change_pct, 6.25, 1e-3);
  EXPECT_TRUE(c.overstride_proxy);
  ASSERT_EQ(rep.flags.size(), 2u);
  EXPECT_EQ(rep.flags[0].id, "form.cadence_drop");
  EXPECT_EQ(rep.flags[1].id, "form.overstride_proxy");
  EXPECT_NEAR(*c.downhill_recent_pct, 50, 1.0);
  EXPECT_EQ(rep.cannot_see[1], "foot pronation (no foot pod)");
}

TEST(Form, UnchangedFormRaisesNothing) {
  const FormReport rep = analyze_form(baseline_then_recent(170), kNow, kT);
  EXPECT_NEAR(*rep.comparison.cadence_matched_change_pct, 0, 1e-6);
  EXPECT_FALSE(rep.comparison.overstride_proxy);
  EXPECT_TRUE(rep.flags.empty());
}

TEST(Form, DifferentPacesAreNotCompared) {
  std::vector<Activity> acts;
  for (int d = 60; d >= 20; d -= 5) acts.push_back(streamed_run(kNow - d * kDay, 2.5f, 160));
  acts.push_back(streamed_run(kNow - 3 * kDay, 4.0f, 180));  // 4:10/km vs 6:40/km
  const FormReport rep = analyze_form(acts, kNow, kT);
  EXPECT_EQ(rep.comparison.bands_compared, 0);
  EXPECT_FALSE(rep.comparison.cadence_matched_change_pct.has_value());
  EXPECT_NEAR(*rep.comparison.cadence_recent_spm, 180, 1e-3);  // plain medians still shown
}

}  // namespace
}  // namespace rk
