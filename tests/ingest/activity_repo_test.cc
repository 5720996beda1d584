#include "store/activity_repo.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "../formats/test_util.h"
#include "formats/decode.h"
#include "store/store.h"

namespace rk {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

Activity sample_activity(std::int64_t start, double distance) {
  Activity a;
  a.start_utc = start;
  a.distance_m = distance;
  a.elapsed_s = 1800;
  a.moving_s = 1750;
  a.avg_heart_rate = 150;
  a.local_offset_s = 7200;
  a.source = {"run.fit", 1234, std::string(64, 'a'), "fit", "garmin fr945"};
  a.laps.push_back({start, 900, 880, distance / 2, 148, 160, 170});
  a.laps.push_back({start + 900, 900, 870, distance / 2, std::nullopt, std::nullopt, std::nullopt});
  Streams& s = a.streams;
  for (int i = 0; i < 1800; ++i) {
    s.time_s.push_back(static_cast<float>(i));
    s.lat_deg.push_back(47.0 + i * 1.0e-5);
    s.lon_deg.push_back(8.0 - i * 3.3e-6);
    s.distance_m.push_back(static_cast<float>(i * distance / 1800));
    s.heart_rate_bpm.push_back(i % 100 == 7 ? kNaN : static_cast<float>(120 + i % 40));
    s.cadence_spm.push_back(170.0f + static_cast<float>(i % 3) / 64.0f);
  }
  return a;
}

struct RepoTest : ::testing::Test {
  void SetUp() override {
    auto opened = Store::open(":memory:");
    ASSERT_TRUE(opened) << opened.error().message;
    store.emplace(std::move(*opened));
  }
  std::optional<Store> store;
};

TEST_F(RepoTest, StreamsRoundTripWithinTheirResolution) {
  ActivityRepo repo(store->db());
  const Activity a = sample_activity(1714545000, 5000);
  auto id = repo.insert(store->local_user(), a);
  ASSERT_TRUE(id) << id.error().message;
  auto found = repo.find(store->local_user(), *id);
  ASSERT_TRUE(found && *found);
  const Streams& s = (*found)->activity.streams;
  ASSERT_EQ(s.size(), a.streams.size());
  EXPECT_TRUE(s.speed_mps.empty());  // never present: stays absent
  for (std::size_t i = 0; i < s.size(); ++i) {
    EXPECT_NEAR(s.time_s[i], a.streams.time_s[i], 0.0005);
    EXPECT_NEAR(s.lat_deg[i], a.streams.lat_deg[i], 1e-7);  // about 1 cm
    EXPECT_NEAR(s.lon_deg[i], a.streams.lon_deg[i], 1e-7);
    EXPECT_NEAR(s.distance_m[i], a.streams.distance_m[i], 0.006);
    EXPECT_EQ(s.cadence_spm[i], a.streams.cadence_spm[i]);  // 1/64 steps: exact
    if (std::isnan(a.streams.heart_rate_bpm[i])) {
      EXPECT_TRUE(std::isnan(s.heart_rate_bpm[i])) << i;
    } else {
      EXPECT_EQ(s.heart_rate_bpm[i], a.streams.heart_rate_bpm[i]);
    }
  }
  const Activity& b = (*found)->activity;
  EXPECT_EQ(b.local_offset_s, 7200);
  EXPECT_EQ(b.source.device, "garmin fr945");
  ASSERT_EQ(b.laps.size(), 2u);
  EXPECT_EQ(b.laps[0].avg_cadence_spm, 170);
  EXPECT_FALSE(b.laps[1].avg_heart_rate.has_value());
  EXPECT_EQ(b.laps[1].start_utc, a.start_utc + 900);
}

TEST_F(RepoTest, PackedStreamsAreSmall) {
  const Activity a = sample_activity(1714545000, 5000);
  const auto packed = ActivityRepo::pack_streams(a.streams);
  // 1800 samples x 6 columns would be 54 KB as floats and doubles.
  EXPECT_LT(packed.size(), 12000u);
}

TEST_F(RepoTest, HugeValuesAreKeptRaw) {
  Streams s;
  s.time_s = {0, 1, 2};
  s.altitude_m = {1e30f, -5, kNaN};
  auto back = ActivityRepo::unpack_streams(ActivityRepo::pack_streams(s));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->altitude_m[0], 1e30f);
  EXPECT_EQ(back->altitude_m[1], -5);
  EXPECT_TRUE(std::isnan(back->altitude_m[2]));
}

TEST_F(RepoTest, CorruptBlobIsAnErrorNotACrash) {
  const auto packed = ActivityRepo::pack_streams(sample_activity(0, 1000).streams);
  for (const auto& m : test::mutations(packed, 100)) {
    auto r = ActivityRepo::unpack_streams(m);
    if (!r) {
      EXPECT_EQ(r.error().message.rfind("stored streams: ", 0), 0u);
    }
  }
}

TEST_F(RepoTest, ListFiltersByDateOldestFirst) {
  ActivityRepo repo(store->db());
  ASSERT_TRUE(repo.insert(store->local_user(), sample_activity(3000, 1000)));
  ASSERT_TRUE(repo.insert(store->local_user(), sample_activity(1000, 1000)));
  ASSERT_TRUE(repo.insert(store->local_user(), sample_activity(2000, 1000)));
  auto all = repo.list(store->local_user());
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].activity.start_utc, 1000);
  EXPECT_TRUE((*all)[0].activity.streams.time_s.empty());  // not asked for
  auto some =
      repo.list(store->local_user(), {.since_utc = 1500, .until_utc = 3000, .with_streams = true});
  ASSERT_TRUE(some);
  ASSERT_EQ(some->size(), 1u);
  EXPECT_EQ((*some)[0].activity.start_utc, 2000);
  EXPECT_EQ((*some)[0].activity.streams.size(), 1800u);
  auto missing = repo.find(store->local_user(), 999);
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_F(RepoTest, DuplicatesBySameFileAndSameActivity) {
  ActivityRepo repo(store->db());
  const Activity a = sample_activity(1714545000, 10000);
  ASSERT_TRUE(repo.insert(store->local_user(), a));
  auto known = repo.has_file(store->local_user(), a.source.sha256);
  ASSERT_TRUE(known);
  EXPECT_TRUE(*known);
  EXPECT_FALSE(*repo.has_file(store->local_user(), std::string(64, 'b')));

  Activity other = a;
  other.start_utc += 45;      // another device started a little later
  other.distance_m *= 1.015;  // and measured 1.5% more
  EXPECT_TRUE(repo.find_duplicate(store->local_user(), other)->has_value());
  other.distance_m = a.distance_m * 1.05;
  EXPECT_FALSE(repo.find_duplicate(store->local_user(), other)->has_value());
  other.distance_m = a.distance_m;
  other.start_utc = a.start_utc + 120;
  EXPECT_FALSE(repo.find_duplicate(store->local_user(), other)->has_value());
  other.start_utc = a.start_utc;
  other.sport = "cycling";
  EXPECT_FALSE(repo.find_duplicate(store->local_user(), other)->has_value());
}

TEST_F(RepoTest, SameRunAsGpxAndTcxIsOneActivity) {
  auto gpx = decode_any(test::testdata("ingest/same_run.gpx"), "same_run.gpx");
  auto tcx = decode_any(test::testdata("ingest/same_run.tcx"), "same_run.tcx");
  ASSERT_TRUE(gpx && tcx);
  ActivityRepo repo(store->db());
  auto id = repo.insert(store->local_user(), gpx->activities.at(0));
  ASSERT_TRUE(id);
  auto dup = repo.find_duplicate(store->local_user(), tcx->activities.at(0));
  ASSERT_TRUE(dup);
  ASSERT_TRUE(dup->has_value());
  EXPECT_EQ(**dup, *id);
}

}  // namespace
}  // namespace rk
