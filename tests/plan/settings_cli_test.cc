// Settings beyond units (issue 12 items 4 and 7): the runner's time zone as a setting that wins
// over the TZ variable (`config set tz`), and the calendar's optional daily check-in event with
// its reminder (`config set checkin HH:MM|off`). Bad values exit 2 and leave the file unchanged.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/run_cli.h"

namespace rk {
namespace {

using rk::testing::run_cli;
using rk::testing::Stderr;

class SettingsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    old_config_ = std::getenv("XDG_CONFIG_HOME") ? std::getenv("XDG_CONFIG_HOME") : "";
    setenv("XDG_CONFIG_HOME", (dir_.path() / "config").c_str(), 1);
    db_ = "--db " + (dir_.path() / "runknee.db").string();
  }
  void TearDown() override {
    setenv("XDG_CONFIG_HOME", old_config_.c_str(), 1);
    unsetenv("TZ");
    setenv("RUNKNEE_NOW", "2026-11-25T12:00:00Z", 1);
  }
  std::string today_date() {
    const auto r = run_cli(db_ + " today --format json");
    EXPECT_EQ(r.code, 0);
    return nlohmann::json::parse(r.out)["date"].get<std::string>();
  }

  rk::testing::TempDir dir_{"rk_settings_cli_"};
  std::string db_, old_config_;
};

TEST_F(SettingsCli, TimeZoneSettingDecidesTodayAndWinsOverTz) {
  setenv("RUNKNEE_NOW", "2026-11-25T12:00:00Z", 1);  // 01:00 on the 26th in Auckland
  setenv("TZ", "America/Los_Angeles", 1);            // 04:00 on the 25th there
  EXPECT_EQ(today_date(), "2026-11-25");
  ASSERT_EQ(run_cli(db_ + " config set tz Pacific/Auckland").code, 0);
  EXPECT_EQ(run_cli(db_ + " config get tz").out, "Pacific/Auckland\n");
  EXPECT_EQ(today_date(), "2026-11-26");
  // A diary entry without --date is the runner's day, not the TZ variable's.
  ASSERT_EQ(run_cli(db_ + " log --during 2").code, 0);
  const auto diary = nlohmann::json::parse(run_cli(db_ + " diary --format json").out);
  ASSERT_EQ(diary.size(), 1u);
  EXPECT_EQ(diary[0]["date"], "2026-11-26");

  const auto bad = run_cli(db_ + " config set tz Mars/Olympus_Mons", Stderr::kMerge);
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.out.find("not a time zone this system knows"), std::string::npos) << bad.out;
  EXPECT_EQ(run_cli(db_ + " config set tz ../../etc/passwd").code, 2);
  EXPECT_EQ(run_cli(db_ + " config get tz").out, "Pacific/Auckland\n");  // unchanged

  ASSERT_EQ(run_cli(db_ + " config set tz system").code, 0);
  EXPECT_EQ(today_date(), "2026-11-25");  // the TZ variable again
}

TEST_F(SettingsCli, DailyCheckInEventWithItsReminderWhenSet) {
  ASSERT_EQ(run_cli(db_ + " assess --answers " + std::string(RUNKNEE_SOURCE_DIR) +
                    "/examples/answers-overuse.json --format json")
                .code,
            0);
  auto ics = run_cli(db_ + " plan --format ics --weeks 2");
  ASSERT_EQ(ics.code, 0);
  EXPECT_EQ(ics.out.find("check-in"), std::string::npos);  // off by default

  ASSERT_EQ(run_cli(db_ + " config set checkin 20:30").code, 0);
  EXPECT_EQ(run_cli(db_ + " config get checkin").out, "20:30\n");
  ics = run_cli(db_ + " plan --format ics --weeks 2");
  ASSERT_EQ(ics.code, 0);
  const auto at = ics.out.find("UID:20261125-check-in@runknee");
  ASSERT_NE(at, std::string::npos) << ics.out;
  const auto event = ics.out.substr(at, ics.out.find("END:VEVENT", at) - at);
  EXPECT_NE(event.find("DTSTART:20261125T203000\r\n"), std::string::npos) << event;
  // Today (Wednesday) to the Sunday of next week: 12 days.
  EXPECT_NE(event.find("RRULE:FREQ=DAILY;COUNT=12\r\n"), std::string::npos) << event;
  EXPECT_NE(event.find("SUMMARY:Knee check-in\r\n"), std::string::npos);
  EXPECT_NE(event.find("BEGIN:VALARM\r\nACTION:DISPLAY"), std::string::npos);
  EXPECT_NE(event.find("TRIGGER:PT0M\r\n"), std::string::npos);

  EXPECT_EQ(run_cli(db_ + " config set checkin 25:00").code, 2);
  EXPECT_EQ(run_cli(db_ + " config get checkin").out, "20:30\n");
  ASSERT_EQ(run_cli(db_ + " config set checkin off").code, 0);
  EXPECT_EQ(run_cli(db_ + " plan --format ics --weeks 2").out.find("check-in"), std::string::npos);
}

}  // namespace
}  // namespace rk
