#include <gtest/gtest.h>

#include <cmath>

#include "formats/decode.h"
#include "formats/track_stats.h"
#include "test_util.h"
#include "util/time.h"

namespace rk {
namespace {

TEST(Gpx, EveryCorpusFileDecodesOrSaysWhyNot) {
  const auto files = test::corpus_files(".gpx");
  ASSERT_GT(files.size(), 30u);
  for (const auto& f : files) {
    const auto bytes = test::read(f);
    auto d = decode_gpx(bytes, f.filename().string());
    // No GPX in the corpus is broken on purpose (MANIFEST.tsv); routes and waypoint files
    // decode to no activity, with the reason as a warning.
    ASSERT_TRUE(d) << f << ": " << d.error().message;
    if (d->activities.empty()) {
      ASSERT_FALSE(d->warnings.empty()) << f;
      EXPECT_NE(d->warnings.front().message.find("not an activity"), std::string::npos) << f;
    }
    for (const auto& a : d->activities) {
      EXPECT_GT(a.start_utc, 0) << f;
      EXPECT_GE(a.elapsed_s, 0) << f;
      EXPECT_GE(a.distance_m, 0) << f;
      EXPECT_LE(a.moving_s, a.elapsed_s + 1e-6) << f;
    }
  }
}

TEST(Gpx, GarminActivityHandChecked) {
  auto d = decode_gpx(test::corpus("gpx/georust-gpx/garmin-activity.gpx"), "garmin-activity.gpx");
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->activities.size(), 1u);
  const Activity& a = d->activities[0];
  EXPECT_EQ(a.sport, "running");
  EXPECT_EQ(a.source.device, "Garmin Connect");
  EXPECT_EQ(format_utc(a.start_utc), "2017-07-29T14:46:35Z");
  EXPECT_EQ(a.streams.size(), 988u);
  EXPECT_NEAR(a.elapsed_s, 5498, 0.5);  // 14:46:35 to 16:18:13
  // Independent haversine sum over all 988 points (python, same Earth radius).
  EXPECT_NEAR(a.distance_m, 12821.2, 1.0);
  ASSERT_TRUE(a.avg_heart_rate && a.max_heart_rate);
  EXPECT_NEAR(*a.avg_heart_rate, 145.52, 0.01);
  EXPECT_EQ(*a.max_heart_rate, 171);
  // The file's <cad> counts one foot (79 at the first point): steps per minute double it.
  EXPECT_FLOAT_EQ(a.streams.cadence_spm[0], 158);
  ASSERT_TRUE(a.avg_cadence_spm);
  EXPECT_NEAR(*a.avg_cadence_spm, 160.09, 0.01);
  ASSERT_TRUE(a.ascent_m);
  EXPECT_GT(*a.ascent_m, 0);
  EXPECT_LT(a.moving_s, a.elapsed_s);
}

TEST(Gpx, TracksCloseInTimeMergeOthersSplit) {
  auto d = decode_gpx(test::testdata("formats/three_tracks.gpx"), "three.gpx");
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->activities.size(), 2u);
  EXPECT_EQ(d->activities[0].streams.size(), 5u);
  EXPECT_EQ(d->activities[1].streams.size(), 8u);  // second and third tracks, 10 min apart
  EXPECT_EQ(d->activities[1].start_utc - d->activities[0].start_utc, 3 * 3600);
  // 4 steps of 0.001 degrees of latitude, about 111.2 m each.
  EXPECT_NEAR(d->activities[0].distance_m, 4 * haversine_m(47, 8, 47.001, 8), 0.01);
}

TEST(Gpx, SegmentsAndExtensionsOfOneTrack) {
  auto d = decode_gpx(test::testdata("ingest/same_run.gpx"), "same_run.gpx");
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->activities.size(), 1u);
  const Activity& a = d->activities[0];
  EXPECT_EQ(a.streams.size(), 21u);  // two segments
  EXPECT_NEAR(a.distance_m, 667.17, 0.05);
  EXPECT_FLOAT_EQ(a.streams.heart_rate_bpm[20], 160);
  EXPECT_FLOAT_EQ(a.streams.cadence_spm[3], 170);  // 85 per foot
  EXPECT_NEAR(a.elapsed_s, 200, 1e-9);
}

TEST(Gpx, Version10SpeedAndFractionalSeconds) {
  auto d = decode_gpx(test::testdata("formats/gpx10_speed.gpx"), "g10.gpx");
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->activities.size(), 1u);
  const Activity& a = d->activities[0];
  EXPECT_EQ(a.sport, "cycling");
  ASSERT_EQ(a.streams.speed_mps.size(), 3u);
  EXPECT_FLOAT_EQ(a.streams.speed_mps[1], 5.6f);
  EXPECT_FLOAT_EQ(a.streams.time_s[2], 40.5f);
  EXPECT_NEAR(a.elapsed_s, 40.5, 1e-6);
}

TEST(Gpx, PlaceholderTimesBefore1980AreAbsent) {
  // Every point of this file is stamped 1901-12-13 (a device without a clock fix).
  auto d = decode_gpx(test::corpus("gpx/gpxpy/Mojstrovka.gpx"), "m.gpx");
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->activities.empty());
}

TEST(Gpx, RoutesAreNotActivities) {
  auto d = decode_gpx(test::corpus("gpx/gpxpy/route.gpx"), "route.gpx");
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->activities.empty());
  ASSERT_FALSE(d->warnings.empty());
  EXPECT_EQ(d->warnings[0].message.rfind("route.gpx: ", 0), 0u);
}

TEST(Gpx, NotXmlIsAnErrorWithAByteOffset) {
  auto d = decode_gpx(test::bytes_of("<gpx><trk><trkseg><trkpt lat=\"1\" lon="), "bad.gpx");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().message.rfind("bad.gpx: byte ", 0), 0u) << d.error().message;
  auto other = decode_gpx(test::bytes_of("<kml></kml>"), "x.gpx");
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().message.find("not a GPX file"), std::string::npos);
}

TEST(Gpx, GzipVariantDecodesTheSame) {
  const auto raw = test::corpus("gpx/georust-gpx/garmin-activity.gpx");
  auto plain = decode_any(raw, "a.gpx");
  auto gz = decode_any(test::gzip(raw), "a.gpx.gz");
  ASSERT_TRUE(plain && gz);
  ASSERT_EQ(gz->activities.size(), 1u);
  EXPECT_EQ(gz->activities[0].distance_m, plain->activities[0].distance_m);
  EXPECT_EQ(gz->activities[0].source.format, "gpx");
  EXPECT_NE(gz->activities[0].source.sha256, plain->activities[0].source.sha256);
  EXPECT_EQ(gz->activities[0].source.size, test::gzip(raw).size());
}

TEST(Gpx, FlippedAndTruncatedFilesNeverCrash) {
  for (const char* f : {"gpx/georust-gpx/garmin-activity.gpx", "gpx/gpxpy/cerknicko-jezero.gpx"}) {
    for (const auto& m : test::mutations(test::corpus(f), 60)) {
      auto d = decode_gpx(m, "m.gpx");
      if (!d) {
        EXPECT_EQ(d.error().message.rfind("m.gpx: ", 0), 0u) << d.error().message;
      } else {
        for (const auto& a : d->activities) EXPECT_TRUE(std::isfinite(a.distance_m));
      }
    }
  }
}

}  // namespace
}  // namespace rk
