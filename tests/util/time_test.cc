#include "util/time.h"

#include <gtest/gtest.h>

namespace rk {
namespace {

TEST(Time, FormatsEpochAndLeapDay) {
  EXPECT_EQ(format_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(951782400), "2000-02-29T00:00:00Z");
  EXPECT_EQ(format_date(1700000000), "2023-11-14");
}

TEST(Time, LocalDateUsesOffset) {
  // 23:30 UTC on 14 Nov is already 15 Nov in UTC+1.
  const auto t = *parse_iso8601("2023-11-14T23:30:00Z");
  EXPECT_EQ(format_date(t, 0), "2023-11-14");
  EXPECT_EQ(format_date(t, 3600), "2023-11-15");
}

TEST(Time, ParsesIsoForms) {
  EXPECT_EQ(parse_iso8601("2024-05-01"), 1714521600);
  EXPECT_EQ(parse_iso8601("2024-05-01T06:30:00Z"), 1714545000);
  EXPECT_EQ(parse_iso8601("2024-05-01T08:30:00+02:00"), 1714545000);
  EXPECT_EQ(parse_iso8601("2024-05-01T06:30:00.250Z"), 1714545000);
  EXPECT_FALSE(parse_iso8601("2024-13-01"));
  EXPECT_FALSE(parse_iso8601("yesterday"));
  EXPECT_FALSE(parse_iso8601("2024-05-01T06:30"));
}

TEST(Time, NowHonoursFixedClock) {
  setenv("RUNKNEE_NOW", "2026-11-25T12:00:00Z", 1);
  EXPECT_EQ(format_utc(now_utc()), "2026-11-25T12:00:00Z");
}

}  // namespace
}  // namespace rk
