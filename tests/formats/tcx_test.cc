#include <gtest/gtest.h>

#include <cmath>

#include "formats/decode.h"
#include "test_util.h"
#include "util/time.h"

namespace rk {
namespace {

TEST(Tcx, EveryCorpusFileDecodesOrSaysWhyNot) {
  const auto files = test::corpus_files(".tcx");
  ASSERT_GE(files.size(), 15u);
  std::size_t activities = 0;
  for (const auto& f : files) {
    auto d = decode_tcx(test::read(f), f.filename().string());
    ASSERT_TRUE(d) << f << ": " << d.error().message;  // none is broken on purpose
    if (d->activities.empty()) {
      ASSERT_FALSE(d->warnings.empty()) << f;
      EXPECT_NE(d->warnings[0].message.find("not a recorded activity"), std::string::npos);
    }
    for (const auto& a : d->activities) {
      EXPECT_GT(a.distance_m, 0) << f;
      EXPECT_GT(a.elapsed_s, 0) << f;
      EXPECT_LE(a.moving_s, a.elapsed_s + 1e-6) << f;
    }
    activities += d->activities.size();
  }
  EXPECT_EQ(activities, 18u);  // 19 files: one course, one workout, one file with two
}

TEST(Tcx, RunningWorkoutHandChecked) {
  auto d = decode_tcx(test::corpus("tcx/dblock-tcx/running/running_workout_1.tcx"), "w.tcx");
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->activities.size(), 1u);
  const Activity& a = d->activities[0];
  EXPECT_EQ(a.sport, "running");
  EXPECT_EQ(format_utc(a.start_utc), "2025-09-24T13:40:09Z");
  EXPECT_EQ(a.source.device, "Forerunner 945");
  ASSERT_EQ(a.laps.size(), 16u);
  EXPECT_NEAR(a.laps[0].timer_s, 610.857, 1e-9);
  EXPECT_NEAR(a.laps[0].distance_m, 1609.34, 1e-9);
  EXPECT_EQ(a.laps[0].avg_heart_rate, 122);
  EXPECT_EQ(a.laps[0].max_heart_rate, 128);
  EXPECT_EQ(a.laps[0].avg_cadence_spm, 152);  // LX AvgRunCadence 76, one foot
  EXPECT_NEAR(a.distance_m, 12934.31, 1e-6);  // sum of laps
  EXPECT_NEAR(a.moving_s, 4369.146, 1e-6);    // sum of lap timer times
  EXPECT_EQ(a.streams.size(), 1042u);
  EXPECT_FLOAT_EQ(a.streams.cadence_spm[2], 146);  // TPX RunCadence 73
  EXPECT_FLOAT_EQ(a.streams.speed_mps[3], 2.463f);
  ASSERT_TRUE(a.avg_cadence_spm);
  EXPECT_GT(*a.avg_cadence_spm, 140);  // a runner's steps, not strides
  EXPECT_LT(*a.avg_cadence_spm, 200);
}

TEST(Tcx, TreadmillWithoutPositions) {
  auto d = decode_tcx(test::corpus("tcx/dblock-tcx/running/treadmill_1.tcx"), "t.tcx");
  ASSERT_TRUE(d);
  ASSERT_EQ(d->activities.size(), 1u);
  const Activity& a = d->activities[0];
  EXPECT_TRUE(a.streams.lat_deg.empty());
  ASSERT_EQ(a.laps.size(), 3u);
  EXPECT_NEAR(a.distance_m, 1609.34 * 2 + 892.8, 1e-6);
  EXPECT_EQ(a.laps[0].avg_cadence_spm, 148);  // AvgRunCadence 74
}

TEST(Tcx, SeveralActivitiesInOneFile) {
  auto both =
      decode_tcx(test::corpus("tcx/dblock-tcx/running/multiple_running_activities.tcx"), "m.tcx");
  auto first = decode_tcx(test::corpus("tcx/dblock-tcx/running/running_activity_1.tcx"), "1.tcx");
  ASSERT_TRUE(both && first);
  ASSERT_EQ(both->activities.size(), 2u);
  EXPECT_EQ(both->activities[0].start_utc, first->activities[0].start_utc);
  EXPECT_EQ(both->activities[0].distance_m, first->activities[0].distance_m);
  EXPECT_EQ(both->activities[0].laps.size(), 15u);
}

TEST(Tcx, HeartRateAbsentStaysAbsent) {
  auto d = decode_tcx(test::corpus("tcx/python-tcxparser/no_hr.tcx"), "no_hr.tcx");
  ASSERT_TRUE(d);
  ASSERT_EQ(d->activities.size(), 1u);
  EXPECT_FALSE(d->activities[0].avg_heart_rate.has_value());
  EXPECT_TRUE(d->activities[0].streams.heart_rate_bpm.empty());
}

TEST(Tcx, CourseIsNotAnActivity) {
  auto d = decode_tcx(test::corpus("tcx/dblock-tcx/courses/brighton-beach.tcx"), "c.tcx");
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->activities.empty());
  EXPECT_EQ(d->warnings.at(0).message, "c.tcx: a course, not a recorded activity");
}

TEST(Tcx, GzipVariantAndSniffing) {
  const auto raw = test::corpus("tcx/python-tcxparser/test.tcx");
  auto gz = decode_any(test::gzip(raw), "run.tcx.gz");
  ASSERT_TRUE(gz) << gz.error().message;
  ASSERT_EQ(gz->activities.size(), 1u);
  EXPECT_EQ(gz->activities[0].source.format, "tcx");
  auto sniffed = decode_any(raw, "no-extension");
  ASSERT_TRUE(sniffed);
  EXPECT_EQ(sniffed->activities[0].source.format, "tcx");
  EXPECT_EQ(sniffed->activities[0].start_utc, gz->activities[0].start_utc);
}

TEST(Tcx, FlippedAndTruncatedFilesNeverCrash) {
  for (const auto& m : test::mutations(test::corpus("tcx/python-tcxparser/test.tcx"), 80)) {
    auto d = decode_tcx(m, "m.tcx");
    if (!d) {
      EXPECT_EQ(d.error().message.rfind("m.tcx: ", 0), 0u) << d.error().message;
    }
  }
  auto truncated_gz = test::gzip(test::corpus("tcx/python-tcxparser/test.tcx"));
  truncated_gz.resize(truncated_gz.size() / 2);
  auto d = decode_any(truncated_gz, "t.tcx.gz");
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().message.find("t.tcx.gz: byte "), std::string::npos) << d.error().message;
  EXPECT_NE(d.error().message.find("truncated"), std::string::npos) << d.error().message;
}

}  // namespace
}  // namespace rk
