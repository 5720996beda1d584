// The FIT decoder on small hand-written files: one feature per test.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "fit_test_util.h"
#include "formats/decode.h"
#include "formats/fit/fit_crc.h"
#include "formats/fit/fit_decoder.h"
#include "formats/fit/fit_inspect.h"

namespace rk {
namespace {

using fit_test::FitWriter;
constexpr std::uint32_t kT0 = 1000000000;  // FIT time: 2021-09-09

// record: timestamp, heart_rate, speed, distance, cadence, fractional_cadence
void define_record(FitWriter& w, std::uint8_t local, bool be = false) {
  w.define(local, 20,
           {{253, 4, 0x86}, {3, 1, 0x02}, {6, 2, 0x84}, {5, 4, 0x86}, {4, 1, 0x02}, {53, 1, 0x02}},
           be);
}
void put_record(FitWriter& w, std::uint8_t local, std::uint32_t t, std::uint8_t hr,
                std::uint16_t speed_mm_s, std::uint32_t dist_cm, std::uint8_t cad,
                std::uint8_t frac, bool be = false) {
  w.data(local);
  w.put(t, 4, be);
  w.put(hr, 1);
  w.put(speed_mm_s, 2, be);
  w.put(dist_cm, 4, be);
  w.put(cad, 1);
  w.put(frac, 1);
}
void put_session(FitWriter& w, std::uint8_t local, std::uint8_t sport, std::uint32_t start,
                 std::uint32_t elapsed_ms, std::uint32_t dist_cm) {
  w.define(local, 18,
           {{253, 4, 0x86}, {2, 4, 0x86}, {5, 1, 0x00}, {7, 4, 0x86}, {8, 4, 0x86}, {9, 4, 0x86}});
  w.data(local);
  w.put(start + elapsed_ms / 1000, 4);
  w.put(start, 4);
  w.put(sport, 1);
  w.put(elapsed_ms, 4);
  w.put(elapsed_ms, 4);
  w.put(dist_cm, 4);
}

Decoded decode_ok(const std::vector<std::uint8_t>& b) {
  auto r = decode_fit(b, "t.fit");
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
  return r ? *r : Decoded{};
}

TEST(FitCrc, MatchesCrc16Arc) {
  const char* s = "123456789";
  EXPECT_EQ(fit::crc16(reinterpret_cast<const std::uint8_t*>(s), 9), 0xBB3D);
  // Split anywhere, same result.
  const std::uint16_t a = fit::crc16(reinterpret_cast<const std::uint8_t*>(s), 3);
  EXPECT_EQ(fit::crc16(reinterpret_cast<const std::uint8_t*>(s) + 3, 6, a), 0xBB3D);
}

TEST(FitDecoder, BothByteOrdersGiveTheSameRecord) {
  for (bool be : {false, true}) {
    FitWriter w;
    define_record(w, 0, be);
    put_record(w, 0, kT0, 150, 3000, 12345, 85, 64, be);
    const Decoded d = decode_ok(w.bytes());
    ASSERT_EQ(d.activities.size(), 1U) << be;
    const Streams& s = d.activities[0].streams;
    ASSERT_EQ(s.size(), 1U);
    EXPECT_FLOAT_EQ(s.heart_rate_bpm[0], 150);
    EXPECT_FLOAT_EQ(s.speed_mps[0], 3.0F);
    EXPECT_FLOAT_EQ(s.distance_m[0], 123.45F);
    EXPECT_TRUE(d.warnings.empty());
  }
}

TEST(FitDecoder, RunningCadenceIsDoubledFromStridesWithFraction) {
  FitWriter w;
  define_record(w, 0);
  put_record(w, 0, kT0, 150, 3000, 0, 85, 64);  // 85.5 strides/min
  put_session(w, 1, /*running*/ 1, kT0, 1000, 0);
  const Decoded d = decode_ok(w.bytes());
  ASSERT_EQ(d.activities.size(), 1U);
  EXPECT_EQ(d.activities[0].sport, "running");
  EXPECT_FLOAT_EQ(d.activities[0].streams.cadence_spm[0], 171.0F);
}

TEST(FitDecoder, CyclingCadenceStaysRpm) {
  FitWriter w;
  define_record(w, 0);
  put_record(w, 0, kT0, 150, 3000, 0, 85, 0);
  put_session(w, 1, /*cycling*/ 2, kT0, 1000, 0);
  const Decoded d = decode_ok(w.bytes());
  ASSERT_EQ(d.activities.size(), 1U);
  EXPECT_FLOAT_EQ(d.activities[0].streams.cadence_spm[0], 85.0F);
}

TEST(FitDecoder, InvalidValuesAreAbsent) {
  FitWriter w;
  define_record(w, 0);
  put_record(w, 0, kT0, 0xFF, 0xFFFF, 0xFFFFFFFF, 0xFF, 0xFF);
  put_record(w, 0, kT0 + 1, 140, 0xFFFF, 0xFFFFFFFF, 0xFF, 0xFF);
  const Decoded d = decode_ok(w.bytes());
  ASSERT_EQ(d.activities.size(), 1U);
  const Streams& s = d.activities[0].streams;
  ASSERT_EQ(s.size(), 2U);
  EXPECT_TRUE(std::isnan(s.heart_rate_bpm[0]));
  EXPECT_FLOAT_EQ(s.heart_rate_bpm[1], 140);
  EXPECT_TRUE(s.speed_mps.empty());  // never present: no column
  EXPECT_TRUE(s.distance_m.empty());
  EXPECT_TRUE(s.cadence_spm.empty());
}

TEST(FitDecoder, CompressedTimestampsRollOver) {
  FitWriter w;
  define_record(w, 0);
  put_record(w, 0, kT0 + 30, 100, 1000, 0, 80, 0);  // low 5 bits of kT0+30 = 30 (kT0 % 32 == 0)
  w.define(1, 20, {{3, 1, 0x02}});
  w.compressed(1, 31);  // kT0 + 31
  w.put(101, 1);
  w.compressed(1, 2);  // rolled over: kT0 + 34
  w.put(102, 1);
  const Decoded d = decode_ok(w.bytes());
  ASSERT_EQ(d.activities.size(), 1U);
  const Streams& s = d.activities[0].streams;
  ASSERT_EQ(s.size(), 3U);
  ASSERT_EQ(kT0 % 32, 0U);
  EXPECT_FLOAT_EQ(s.time_s[1], 1);
  EXPECT_FLOAT_EQ(s.time_s[2], 4);
  EXPECT_FLOAT_EQ(s.heart_rate_bpm[2], 102);
}

TEST(FitDecoder, LocalMessageRedefinitionSwitchesLayout) {
  FitWriter w;
  w.define(0, 20, {{253, 4, 0x86}, {3, 1, 0x02}});
  w.data(0);
  w.put(kT0, 4);
  w.put(120, 1);
  w.define(0, 20, {{253, 4, 0x86}, {6, 2, 0x84}, {3, 1, 0x02}});
  w.data(0);
  w.put(kT0 + 1, 4);
  w.put(2500, 2);
  w.put(121, 1);
  const Decoded d = decode_ok(w.bytes());
  ASSERT_EQ(d.activities.size(), 1U);
  const Streams& s = d.activities[0].streams;
  ASSERT_EQ(s.size(), 2U);
  EXPECT_FLOAT_EQ(s.heart_rate_bpm[1], 121);
  EXPECT_FLOAT_EQ(s.speed_mps[1], 2.5F);
  EXPECT_TRUE(std::isnan(s.speed_mps[0]));
}

TEST(FitDecoder, EnhancedSpeedAndAltitudeWin) {
  FitWriter w;
  w.define(0, 20, {{253, 4, 0x86}, {6, 2, 0x84}, {73, 4, 0x86}, {2, 2, 0x84}, {78, 4, 0x86}});
  w.data(0);
  w.put(kT0, 4);
  w.put(1000, 2);              // speed 1.0
  w.put(70000, 4);             // enhanced_speed 70.0 (beyond uint16's range)
  w.put(3000, 2);              // altitude 100 m
  w.put((9000 + 500) * 5, 4);  // enhanced_altitude 9000 m
  const Decoded d = decode_ok(w.bytes());
  ASSERT_EQ(d.activities.size(), 1U);
  EXPECT_FLOAT_EQ(d.activities[0].streams.speed_mps[0], 70.0F);
  EXPECT_FLOAT_EQ(d.activities[0].streams.altitude_m[0], 9000.0F);
}

TEST(FitDecoder, DeveloperFieldsAreNamedByTheirDescription) {
  FitWriter w;
  w.define(0, 207, {{3, 1, 0x02}});
  w.data(0);
  w.put(0, 1);
  w.define(1, 206, {{0, 1, 0x02}, {1, 1, 0x02}, {2, 1, 0x02}, {3, 16, 0x07}, {8, 8, 0x07}});
  w.data(1);
  w.put(0, 1);
  w.put(7, 1);
  w.put(0x84, 1);  // uint16
  w.put_string("Form Power", 16);
  w.put_string("Watts", 8);
  w.define(2, 20, {{253, 4, 0x86}}, false, {{7, 2, 0}});
  w.data(2);
  w.put(kT0, 4);
  w.put(250, 2);
  auto r = fit::decode_fit_detailed(w.bytes(), "dev.fit");
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->developer_fields.size(), 1U);
  const fit::DeveloperField& f = r->developer_fields[0];
  EXPECT_EQ(f.name, "Form Power");
  EXPECT_EQ(f.units, "Watts");
  EXPECT_EQ(f.message, 20);
  ASSERT_EQ(f.values.size(), 1U);
  EXPECT_DOUBLE_EQ(f.values[0], 250);
  EXPECT_EQ(f.times_utc[0], kT0 + 631065600LL);
}

TEST(FitDecoder, NoSessionBuildsSummaryFromRecords) {
  FitWriter w;
  define_record(w, 0);
  for (std::uint32_t i = 0; i < 61; ++i)
    put_record(w, 0, kT0 + i, static_cast<std::uint8_t>(140 + i % 3), 3000, i * 300, 85, 0);
  const Decoded d = decode_ok(w.bytes());
  ASSERT_EQ(d.activities.size(), 1U);
  const Activity& a = d.activities[0];
  EXPECT_EQ(a.start_utc, kT0 + 631065600LL);
  EXPECT_DOUBLE_EQ(a.elapsed_s, 60);
  EXPECT_NEAR(a.distance_m, 180, 1e-3);
  EXPECT_DOUBLE_EQ(*a.max_heart_rate, 142);
}

TEST(FitDecoder, SettingsFileHasNoActivities) {
  FitWriter w;
  w.define(0, 0, {{0, 1, 0x00}});
  w.data(0);
  w.put(2, 1);  // type settings
  const Decoded d = decode_ok(w.bytes());
  EXPECT_TRUE(d.activities.empty());
  EXPECT_TRUE(d.warnings.empty());
}

TEST(FitDecoder, TwelveByteHeader) {
  FitWriter w;
  define_record(w, 0);
  put_record(w, 0, kT0, 150, 3000, 0, 85, 0);
  const Decoded d = decode_ok(w.bytes(/*header14=*/false));
  EXPECT_EQ(d.activities.size(), 1U);
  EXPECT_TRUE(d.warnings.empty());
}

TEST(FitDecoder, ChainedFilesAreAllDecoded) {
  FitWriter a, b;
  define_record(a, 0);
  put_record(a, 0, kT0, 150, 3000, 0, 85, 0);
  put_session(a, 1, 1, kT0, 1000, 100);
  define_record(b, 3);
  put_record(b, 3, kT0 + 5000, 150, 3000, 0, 85, 0);
  put_session(b, 4, 2, kT0 + 5000, 1000, 200);
  auto bytes = a.bytes();
  const auto second = b.bytes(false);
  bytes.insert(bytes.end(), second.begin(), second.end());
  const Decoded d = decode_ok(bytes);
  ASSERT_EQ(d.activities.size(), 2U);
  EXPECT_EQ(d.activities[0].sport, "running");
  EXPECT_EQ(d.activities[1].sport, "cycling");
  EXPECT_DOUBLE_EQ(d.activities[1].distance_m, 2.0);
}

TEST(FitDecoder, NotAFitFileIsAnError) {
  const std::vector<std::uint8_t> junk(40, 'x');
  auto r = decode_fit(junk, "junk.fit");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message.rfind("junk.fit: byte 0: ", 0), 0U) << r.error().message;
}

TEST(FitDecoder, TruncatedDefinitionIsNamedWithItsOffset) {
  FitWriter w;
  define_record(w, 0);
  put_record(w, 0, kT0, 150, 3000, 0, 85, 0);
  auto bytes = w.bytes();
  const std::size_t def_at = bytes.size() - 2;  // where a new definition would start
  bytes.resize(def_at);
  bytes.insert(bytes.end(), {0x43, 0, 0, 20, 0});  // local 3, cut before its field count
  // Patch the header's data size so the definition lies inside the data.
  const auto n = static_cast<std::uint32_t>(bytes.size() - 14);
  for (int i = 0; i < 4; ++i) bytes[4 + i] = static_cast<std::uint8_t>(n >> (8 * i));
  auto r = decode_fit(bytes, "run.fit");
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->activities.size(), 1U);  // the record before it is kept
  bool found = false;
  for (const Diagnostic& w2 : r->warnings) {
    found |= w2.message ==
             fmt::format("run.fit: byte {}: definition for local message 3 truncated", def_at);
  }
  EXPECT_TRUE(found);
}

TEST(FitInspect, ListsDefinitionsAndCrcs) {
  FitWriter w;
  define_record(w, 0);
  put_record(w, 0, kT0, 150, 3000, 0, 85, 0);
  auto in = fit::inspect_fit(w.bytes(), "x.fit");
  ASSERT_TRUE(in.has_value());
  ASSERT_EQ(in->definitions.size(), 1U);
  EXPECT_EQ(in->definitions[0].global, 20);
  EXPECT_EQ(in->definitions[0].fields.size(), 6U);
  const std::string text = fit::format_inspection(*in, "x.fit");
  EXPECT_NE(text.find("local 0 -> global 20 record"), std::string::npos) << text;
  EXPECT_NE(text.find("heart_rate"), std::string::npos);
  EXPECT_NE(text.find("file CRC: stored"), std::string::npos);
  EXPECT_NE(text.find("(ok)"), std::string::npos);
}

}  // namespace
}  // namespace rk
