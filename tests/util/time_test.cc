#include "util/time.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

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

/// Sets TZ for one test and restores it after.
class LocalTime : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* tz = std::getenv("TZ")) saved_ = tz;
  }
  void TearDown() override {
    if (saved_) {
      setenv("TZ", saved_->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
  }
  std::optional<std::string> saved_;
};

TEST_F(LocalTime, EveningInLosAngelesIsStillThatDay) {
  setenv("TZ", "America/Los_Angeles", 1);
  const auto t = *parse_iso8601("2026-01-03T05:00:00Z");  // 21:00 on 2 January, PST
  EXPECT_EQ(local_offset_s(t), -8 * 3600);
  EXPECT_EQ(format_local_date(t), "2026-01-02");
  EXPECT_EQ(local_day_of(t), days_from_civil(2026, 1, 2));
  EXPECT_EQ(format_local_date(*parse_iso8601("2026-01-03T07:59:59Z")), "2026-01-02");
  EXPECT_EQ(format_local_date(*parse_iso8601("2026-01-03T08:00:00Z")), "2026-01-03");  // midnight
}

TEST_F(LocalTime, AucklandIsAlreadyTomorrow) {
  setenv("TZ", "Pacific/Auckland", 1);
  const auto t = *parse_iso8601("2026-01-02T12:30:00Z");  // 01:30 on 3 January, NZDT (+13)
  EXPECT_EQ(local_offset_s(t), 13 * 3600);
  EXPECT_EQ(format_local_date(t), "2026-01-03");
  EXPECT_EQ(format_local_date(*parse_iso8601("2026-01-02T10:59:59Z")), "2026-01-02");
  EXPECT_EQ(format_local_date(*parse_iso8601("2026-01-02T11:00:00Z")), "2026-01-03");
}

TEST_F(LocalTime, AcrossDaylightSavingChanges) {
  setenv("TZ", "America/Los_Angeles", 1);
  // 8 March 2026: clocks go from 02:00 PST to 03:00 PDT.
  EXPECT_EQ(local_offset_s(*parse_iso8601("2026-03-08T09:59:59Z")), -8 * 3600);
  EXPECT_EQ(local_offset_s(*parse_iso8601("2026-03-08T10:00:00Z")), -7 * 3600);
  // Local midnight after the change is 07:00 UTC, not 08:00.
  EXPECT_EQ(format_local_date(*parse_iso8601("2026-03-09T06:59:59Z")), "2026-03-08");
  EXPECT_EQ(format_local_date(*parse_iso8601("2026-03-09T07:00:00Z")), "2026-03-09");
  setenv("TZ", "Pacific/Auckland", 1);
  // 5 April 2026: NZDT (+13) ends at 03:00 local, back to NZST (+12).
  EXPECT_EQ(local_offset_s(*parse_iso8601("2026-04-04T13:59:59Z")), 13 * 3600);
  EXPECT_EQ(local_offset_s(*parse_iso8601("2026-04-04T14:00:00Z")), 12 * 3600);
  EXPECT_EQ(format_local_date(*parse_iso8601("2026-04-05T11:59:59Z")), "2026-04-05");
  EXPECT_EQ(format_local_date(*parse_iso8601("2026-04-05T12:00:00Z")), "2026-04-06");
}

TEST_F(LocalTime, UtcZoneMatchesUtcDays) {
  setenv("TZ", "UTC", 1);
  const auto t = *parse_iso8601("2026-11-25T23:59:59Z");
  EXPECT_EQ(local_offset_s(t), 0);
  EXPECT_EQ(local_day_of(t), t / 86400);
}

}  // namespace
}  // namespace rk

namespace rk {
namespace {

// Issue 13 item 10: 2024-02-30 was accepted (as 1 March) by the CLI and the API.
TEST(Time, ImpossibleDatesRejected) {
  EXPECT_FALSE(parse_iso8601("2024-02-30"));
  EXPECT_FALSE(parse_iso8601("2023-02-29"));
  EXPECT_FALSE(parse_iso8601("2026-04-31T10:00:00Z"));
  EXPECT_FALSE(parse_iso8601("1900-02-29"));
  EXPECT_TRUE(parse_iso8601("2024-02-29"));
  EXPECT_TRUE(parse_iso8601("2000-02-29"));
  EXPECT_TRUE(parse_iso8601("2026-12-31"));
}

TEST(Time, LocalTimeAndIsoWithOffset) {
  const auto t = *parse_iso8601("2026-01-03T02:05:09Z");
  EXPECT_EQ(format_local_time(t, -8 * 3600), "2026-01-02 18:05");
  EXPECT_EQ(format_iso_local(t, -8 * 3600), "2026-01-02T18:05:09-08:00");
  EXPECT_EQ(format_iso_local(t, 5 * 3600 + 45 * 60), "2026-01-03T07:50:09+05:45");
  EXPECT_EQ(activity_offset_s(t, 3600), 3600);  // the file's own offset wins
}

}  // namespace
}  // namespace rk
