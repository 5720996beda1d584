#include <gtest/gtest.h>

#include "formats/decode.h"
#include "test_util.h"
#include "util/time.h"

namespace rk {
namespace {

TEST(CsvLog, GoodRowsWithUnitsAndDurations) {
  auto d = decode_csv_log(test::testdata("formats/log_good.csv"), "log.csv");
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->activities.size(), 4u);
  EXPECT_TRUE(d->warnings.empty());
  const auto& a = d->activities;
  EXPECT_EQ(format_utc(a[0].start_utc), "2024-05-01T00:00:00Z");
  EXPECT_DOUBLE_EQ(a[0].distance_m, 10500);
  EXPECT_DOUBLE_EQ(a[0].elapsed_s, 52 * 60 + 30);
  EXPECT_EQ(a[0].rpe, 6);
  EXPECT_EQ(a[0].notes, "easy, with \"strides\"");
  EXPECT_EQ(a[0].sport, "running");
  EXPECT_EQ(a[0].source.name, "log.csv:2");
  EXPECT_DOUBLE_EQ(a[1].elapsed_s, 45 * 60);  // bare number: minutes
  EXPECT_EQ(a[1].rpe, 4);
  EXPECT_FALSE(a[3].rpe.has_value());
  EXPECT_EQ(format_utc(a[2].start_utc), "2024-05-05T07:15:00Z");
  EXPECT_DOUBLE_EQ(a[2].elapsed_s, 6900);
  EXPECT_EQ(a[2].source.name, "log.csv:5");   // line numbers count comments and blanks
  EXPECT_DOUBLE_EQ(a[3].distance_m, 5000);    // "5 km"
  EXPECT_DOUBLE_EQ(a[3].elapsed_s, 25 * 60);  // mm:ss
  ASSERT_TRUE(a[0].pace_s_per_km());
  EXPECT_NEAR(*a[0].pace_s_per_km(), 300, 1e-9);
}

TEST(CsvLog, MetresSemicolonsAndCaseInsensitiveHeaders) {
  auto d = decode_csv_log(test::testdata("formats/log_metres.csv"), "m.csv");
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->activities.size(), 2u);
  EXPECT_DOUBLE_EQ(d->activities[0].distance_m, 8000);
  EXPECT_DOUBLE_EQ(d->activities[0].elapsed_s, 2400);
  EXPECT_EQ(d->activities[0].rpe, 5);
  EXPECT_DOUBLE_EQ(d->activities[1].elapsed_s, 3600);
}

TEST(CsvLog, BadRowsAreReportedWithLineNumbers) {
  auto d = decode_csv_log(test::testdata("formats/log_bad_rows.csv"), "log.csv");
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->activities.size(), 2u);
  ASSERT_EQ(d->warnings.size(), 4u);
  EXPECT_EQ(d->warnings[0].message,
            "log.csv:3: bad date '2024-13-01' (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)");
  EXPECT_EQ(d->warnings[1].message.rfind("log.csv:4: bad distance 'ten'", 0), 0u);
  EXPECT_EQ(d->warnings[2].message.rfind("log.csv:5: bad duration 'fifty'", 0), 0u);
  EXPECT_EQ(d->warnings[3].message, "log.csv:6: bad RPE '11' (expected 0 to 10)");
}

TEST(CsvLog, MissingColumnIsAnError) {
  auto d = decode_csv_log(test::testdata("formats/log_no_duration.csv"), "x.csv");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().message,
            "x.csv:1: not a training log: no 'duration' column (need date, distance, duration)");
}

TEST(CsvLog, OnlyBadRowsIsAnError) {
  auto d = decode_csv_log(test::bytes_of("date,km,minutes\nyesterday,5,30\n"), "y.csv");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().message.rfind("y.csv:2: bad date 'yesterday'", 0), 0u) << d.error().message;
  auto empty = decode_csv_log(test::bytes_of(""), "e.csv");
  ASSERT_FALSE(empty);
  auto binary = decode_csv_log(test::bytes_of(std::string("date\0x", 6)), "b.csv");
  ASSERT_FALSE(binary);
  EXPECT_EQ(binary.error().message, "b.csv: byte 4: binary data, not a CSV training log");
}

TEST(CsvLog, GzippedLogThroughDecodeAny) {
  auto d = decode_any(test::gzip(test::testdata("formats/log_good.csv")), "log.csv.gz");
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->activities.size(), 4u);
  EXPECT_EQ(d->activities[0].source.format, "csv");
  EXPECT_EQ(d->activities[0].source.sha256.size(), 64u);
}

TEST(CsvLog, FlippedAndTruncatedFilesNeverCrash) {
  int decoded = 0;
  for (const auto& m : test::mutations(test::testdata("formats/log_good.csv"), 200)) {
    auto d = decode_csv_log(m, "m.csv");
    if (d) {
      ++decoded;
      for (const auto& a : d->activities) EXPECT_GE(a.distance_m, 0);
    } else {
      EXPECT_EQ(d.error().message.rfind("m.csv:", 0), 0u) << d.error().message;
    }
  }
  EXPECT_GT(decoded, 0);
}

}  // namespace
}  // namespace rk
