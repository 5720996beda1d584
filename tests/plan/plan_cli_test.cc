// The plan commands end to end: import runs, assess, then log a painful run and see today's
// plan step back, as a runner would on the command line.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "support/run_cli.h"
#include "util/time.h"

namespace rk {
namespace {

using rk::testing::run_cli;

// The runner's own ~/.config/runknee (units) must not change these tests' text: every test of
// this binary sees an empty config folder of its own unless it sets one.
class HermeticConfig : public ::testing::Environment {
 public:
  void SetUp() override { setenv("XDG_CONFIG_HOME", dir_.path().c_str(), 1); }

 private:
  rk::testing::TempDir dir_{"rk_plan_cli_config_"};
};
[[maybe_unused]] auto* const kHermeticConfig =
    ::testing::AddGlobalTestEnvironment(new HermeticConfig);

class PlanCli : public ::testing::Test {
 protected:
  void SetUp() override {
    // 8 km every other day from 2026-09-02 to 2026-11-23 (RUNKNEE_NOW is 2026-11-25).
    std::ofstream log(dir_.path() / "log.csv");
    log << "date,distance_km,duration,rpe\n";
    for (auto t = *parse_iso8601("2026-09-02T07:00:00Z");
         t <= *parse_iso8601("2026-11-24T08:00:00Z"); t += 2 * 86400)
      log << format_utc(t).substr(0, 19) << ",8,48:00,4\n";
    log.close();
    db_ = "--db " + (dir_.path() / "runknee.db").string();
    ASSERT_EQ(run_cli(db_ + " import " + (dir_.path() / "log.csv").string()).code, 0);
    ASSERT_EQ(run_cli(db_ + " assess --answers " + std::string(RUNKNEE_SOURCE_DIR) +
                      "/examples/answers-overuse.json --format json")
                  .code,
              0);
  }

  nlohmann::json today() {
    const auto r = run_cli(db_ + " today --format json");
    EXPECT_EQ(r.code, 0);
    return nlohmann::json::parse(r.out);
  }

  rk::testing::TempDir dir_{"rk_plan_cli_"};
  std::string db_;
};

TEST_F(PlanCli, PainfulRunStepsTheNextDayBack) {
  const auto before = today();
  ASSERT_TRUE(before["cleared"].get<bool>());
  for (const auto& s : before["sessions"]) {
    if (s["kind"] == "run") {
      EXPECT_LE(s["distance_km"].get<double>(), 8.0 * 1.10 + 1e-9);
    }
  }

  const auto logged = run_cli(db_ + " log --date 2026-11-23 --during 7 --after 6 --morning 5");
  ASSERT_EQ(logged.code, 0);
  EXPECT_NE(logged.out.find("linked to 1 run(s), 8.0 km"), std::string::npos) << logged.out;

  const auto after = today();
  EXPECT_FALSE(after["cleared"].get<bool>());
  ASSERT_TRUE(after["last_decision"].is_object());
  EXPECT_EQ(after["last_decision"]["decision"], "step_back");
  EXPECT_EQ(after["last_decision"]["rule"], "plan.pain_during_max");
}

// Issue 14: after a step back at the first stage, `today` reads as a runner expects: not
// "cleared to train", no raw decision id, no "A -> A" stage change. The journey of the last
// stop's closing note: a run whose pain had not settled by the next morning.
TEST_F(PlanCli, TodayAfterAStepBackAtTheFirstStageSaysNotRunningYet) {
  const auto first = today();  // the plan starts (at relief: the knee check reported pain)
  EXPECT_EQ(first["headline"].get<std::string>().rfind("Not running yet", 0), 0u)
      << first["headline"];
  const auto logged = run_cli(db_ + " log --date 2026-11-23 --during 3 --after 2 --morning 5");
  ASSERT_EQ(logged.code, 0);
  EXPECT_NE(logged.out.find("Plan, 2026-11-23: Stays at 'Relief and cross-training', the first "
                            "stage: pain had not settled by the next morning (5/10)."),
            std::string::npos)
      << logged.out;
  const auto text = run_cli(db_ + " today");
  ASSERT_EQ(text.code, 0);
  const std::string want =
      "Today, 2026-11-25: Not running yet: relief and cross-training until the return-to-run "
      "checks (a brisk walk and single-leg hops) are pain-free.\n"
      "Last change (2026-11-23): Stays at 'Relief and cross-training', the first stage: pain had "
      "not settled by the next morning (5/10). [silbernagel2007]\n";
  EXPECT_EQ(text.out.substr(0, want.size()), want) << text.out;
  for (const char* bad : {"Cleared", "cleared to train", "step_back", " -> ", "stage_"})
    EXPECT_EQ(text.out.find(bad), std::string::npos) << bad << " in:\n" << text.out;
  for (const std::string& out : {logged.out, text.out})
    EXPECT_EQ(out.find("step_back"), std::string::npos) << out;
  // The same sentence reaches the web (GET /api/v1/today's last_change, from today --format json).
  const auto j = today();
  EXPECT_EQ(j["last_change"],
            "Stays at 'Relief and cross-training', the first stage: pain had not settled by the "
            "next morning (5/10).");
  EXPECT_EQ(j["headline"].get<std::string>().rfind("Not running yet", 0), 0u) << j["headline"];
}

TEST_F(PlanCli, BadDiaryInputIsRejectedAndNotStored) {
  EXPECT_EQ(run_cli(db_ + " log --date 2026-11-24 --during 11").code, 2);
  EXPECT_EQ(run_cli(db_ + " log --date 2026-11-24 --where knee_cap").code, 2);
  const auto diary = run_cli(db_ + " diary --format json");
  ASSERT_EQ(diary.code, 0);
  EXPECT_TRUE(nlohmann::json::parse(diary.out).empty());
}

TEST_F(PlanCli, ExportsCalendarAndReport) {
  const auto ics = run_cli(db_ + " plan --weeks 2 --format ics");
  ASSERT_EQ(ics.code, 0);
  EXPECT_EQ(ics.out.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_NE(ics.out.find("BEGIN:VEVENT\r\n"), std::string::npos);
  EXPECT_NE(ics.out.find("END:VCALENDAR\r\n"), std::string::npos);

  const auto html = run_cli(db_ + " report --format html");
  ASSERT_EQ(html.code, 0);
  EXPECT_NE(html.out.find("<svg"), std::string::npos);
  EXPECT_NE(html.out.find("not a diagnosis"), std::string::npos);
}

// First run (issue 12, item 1): an empty store gets a welcome, never clearance wording.
class FirstRunCli : public ::testing::Test {
 protected:
  rk::testing::TempDir dir_{"rk_first_run_"};
  std::string db_ = "--db " + (dir_.path() / "runknee.db").string();
};

void expect_welcome(const std::string& out) {
  EXPECT_NE(out.find("Start with a knee check"), std::string::npos) << out;
  EXPECT_NE(out.find("runknee assess"), std::string::npos) << out;
  EXPECT_NE(out.find("Import your runs"), std::string::npos) << out;
  EXPECT_NE(out.find("GARMIN/Activity"), std::string::npos) << out;
  EXPECT_NE(out.find("Strava"), std::string::npos) << out;
  EXPECT_EQ(out.find("Cleared"), std::string::npos) << out;
  EXPECT_EQ(out.find("cleared"), std::string::npos) << out;
}

TEST_F(FirstRunCli, NoSubcommandOnAnEmptyStoreWelcomes) {
  const auto r = run_cli(db_);
  ASSERT_EQ(r.code, 0);
  expect_welcome(r.out);
}

TEST_F(FirstRunCli, TodayAndPlanBeforeAKneeCheckHaveNoClearance) {
  const auto t = run_cli(db_ + " today");
  ASSERT_EQ(t.code, 0);
  expect_welcome(t.out);
  EXPECT_NE(t.out.find("No knee check yet"), std::string::npos) << t.out;
  const auto j = nlohmann::json::parse(run_cli(db_ + " today --format json").out);
  EXPECT_TRUE(j["needs_assessment"].get<bool>());
  EXPECT_TRUE(j["sessions"].empty());
  ASSERT_TRUE(j["welcome"].is_object());
  std::vector<std::string> ids;
  for (const auto& s : j["welcome"]["steps"]) ids.push_back(s["id"]);
  EXPECT_EQ(ids.at(0), "knee_check");
  EXPECT_EQ(ids.at(1), "import");
  const auto p = nlohmann::json::parse(run_cli(db_ + " plan --format json").out);
  EXPECT_TRUE(p["needs_assessment"].get<bool>());
  EXPECT_TRUE(p["weeks"].empty());
  EXPECT_EQ(p["headline"].get<std::string>().find("leared"), std::string::npos);
}

TEST_F(FirstRunCli, RunsWithoutAKneeCheckStillWelcomeAndAfterTheCheckNot) {
  std::ofstream log(dir_.path() / "log.csv");
  log << "date,distance_km,duration,rpe\n2026-11-20T07:00:00,8,48:00,4\n";
  log.close();
  ASSERT_EQ(run_cli(db_ + " import " + (dir_.path() / "log.csv").string()).code, 0);
  const auto home = run_cli(db_);
  expect_welcome(home.out);
  EXPECT_NE(home.out.find("1 run(s)"), std::string::npos) << home.out;
  ASSERT_EQ(run_cli(db_ + " assess --answers " + std::string(RUNKNEE_SOURCE_DIR) +
                    "/examples/answers-overuse.json")
                .code,
            0);
  const auto after = run_cli(db_);
  EXPECT_EQ(after.out.find("Welcome"), std::string::npos) << after.out;
  EXPECT_NE(after.out.find("runknee today"), std::string::npos) << after.out;
  const auto j = nlohmann::json::parse(run_cli(db_ + " today --format json").out);
  EXPECT_FALSE(j["needs_assessment"].get<bool>());
  EXPECT_TRUE(j["welcome"].is_null());
}

// Units (issue 12, item 5): `runknee config set units mi` switches text to miles; JSON keeps km.
TEST_F(PlanCli, MilesSettingChangesTextNotJson) {
  rk::testing::TempDir config("rk_units_config_");
  const std::string saved = std::getenv("XDG_CONFIG_HOME") ? std::getenv("XDG_CONFIG_HOME") : "";
  setenv("XDG_CONFIG_HOME", config.path().c_str(), 1);
  const auto km_json = run_cli(db_ + " plan --weeks 2 --format json").out;
  ASSERT_EQ(run_cli("config set units mi").code, 0);
  EXPECT_TRUE(std::filesystem::exists(config.path() / "runknee" / "config.json"));
  EXPECT_EQ(run_cli("config get units").out, "mi\n");
  const auto text = run_cli(db_ + " plan --weeks 2").out;
  EXPECT_NE(text.find(" mi"), std::string::npos) << text;
  EXPECT_EQ(text.find(" km)"), std::string::npos) << text;
  EXPECT_EQ(text.find(" km planned"), std::string::npos) << text;
  EXPECT_EQ(run_cli(db_ + " plan --weeks 2 --format json").out, km_json);  // SI unchanged
  const auto logged = run_cli(db_ + " log --date 2026-11-23 --during 1");
  EXPECT_NE(logged.out.find("linked to 1 run(s), 5.0 mi"), std::string::npos) << logged.out;
  const auto acts = run_cli(db_ + " activities").out;  // 8 km in 48 min
  EXPECT_NE(acts.find("    4.97  "), std::string::npos) << acts.substr(0, 400);
  EXPECT_NE(acts.find("9:39/mi"), std::string::npos) << acts.substr(0, 400);
  EXPECT_EQ(run_cli("config set units furlongs").code, 2);
  EXPECT_EQ(run_cli("config set colour red").code, 2);
  EXPECT_EQ(run_cli("config get units").out, "mi\n");  // a rejected value changes nothing
  // The calendar's time of day: timed events with a reminder.
  ASSERT_EQ(run_cli("config set time 18:30").code, 0);
  EXPECT_EQ(run_cli("config get time").out, "18:30\n");
  const auto ics = run_cli(db_ + " plan --weeks 1 --format ics").out;
  EXPECT_NE(ics.find("DTSTART:20261125T183000\r\n"), std::string::npos) << ics.substr(0, 600);
  EXPECT_NE(ics.find("BEGIN:VALARM\r\n"), std::string::npos);
  // Calendar text in miles too.
  auto ics2 = run_cli(db_ + " plan --weeks 2 --format ics").out;
  for (auto at = ics2.find("\r\n "); at != std::string::npos; at = ics2.find("\r\n ")) {
    ics2.erase(at, 3);  // unfold the 75-octet lines
  }
  EXPECT_NE(ics2.find("Planned distance: 1.82 mi"), std::string::npos) << ics2;
  EXPECT_EQ(ics2.find("Planned distance: 2.93 km"), std::string::npos);
  EXPECT_EQ(run_cli("config set time 25:00").code, 2);
  EXPECT_EQ(run_cli("config get units").out, "mi\n");  // a rejected time leaves units alone
  ASSERT_EQ(run_cli("config set units km").code, 0);
  EXPECT_NE(run_cli(db_ + " plan --weeks 2").out.find(" km"), std::string::npos);
  setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
}

// Local days (issue 12, item 4): the runner's time zone decides "today" and the diary day.
class LocalDayCli : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* k : {"TZ", "RUNKNEE_NOW"}) {
      if (const char* v = std::getenv(k)) saved_[k] = v;
    }
  }
  void TearDown() override {
    for (const char* k : {"TZ", "RUNKNEE_NOW"}) {
      if (saved_.count(k)) {
        setenv(k, saved_[k].c_str(), 1);
      } else {
        unsetenv(k);
      }
    }
  }
  std::map<std::string, std::string> saved_;
  rk::testing::TempDir dir_{"rk_local_day_"};
  std::string db_ = "--db " + (dir_.path() / "runknee.db").string();
};

TEST_F(LocalDayCli, LosAngelesEveningEntryIsThatDayAndLinksToTheEveningRun) {
  setenv("TZ", "America/Los_Angeles", 1);
  setenv("RUNKNEE_NOW", "2026-01-03T05:00:00Z", 1);  // 21:00 on 2 January in Los Angeles
  std::ofstream log(dir_.path() / "log.csv");
  log << "date,distance_km,duration,rpe\n2026-01-02T18:00:00,6,36:00,4\n";
  log.close();
  ASSERT_EQ(run_cli(db_ + " import " + (dir_.path() / "log.csv").string()).code, 0);
  const auto logged = run_cli(db_ + " log --during 3 --after 2");
  ASSERT_EQ(logged.code, 0);
  EXPECT_NE(logged.out.find("Logged 2026-01-02 (linked to 1 run(s)"), std::string::npos)
      << logged.out;
  const auto t = nlohmann::json::parse(run_cli(db_ + " today --format json").out);
  EXPECT_EQ(t["date"], "2026-01-02");
}

TEST_F(LocalDayCli, AucklandIsAlreadyTheNextDay) {
  setenv("TZ", "Pacific/Auckland", 1);
  setenv("RUNKNEE_NOW", "2026-01-02T12:30:00Z", 1);  // 01:30 on 3 January in Auckland
  const auto logged = run_cli(db_ + " log --morning 1");
  EXPECT_NE(logged.out.find("Logged 2026-01-03"), std::string::npos) << logged.out;
  const auto t = nlohmann::json::parse(run_cli(db_ + " today --format json").out);
  EXPECT_EQ(t["date"], "2026-01-03");
  setenv("TZ", "UTC", 1);
  const auto utc = nlohmann::json::parse(run_cli(db_ + " today --format json").out);
  EXPECT_EQ(utc["date"], "2026-01-02");
}

// A GPX file carries UTC times only: the run's day and the times shown are the runner's zone.
TEST_F(LocalDayCli, GpxRunIsListedAndLinkedInTheRunnersTimeZone) {
  setenv("TZ", "America/Los_Angeles", 1);
  setenv("RUNKNEE_NOW", "2026-01-03T05:00:00Z", 1);  // 21:00 on 2 January in Los Angeles
  std::ofstream gpx(dir_.path() / "evening.gpx");
  gpx << R"(<?xml version="1.0"?><gpx version="1.1" creator="t"><trk><type>running</type><trkseg>)"
      << R"(<trkpt lat="34.0" lon="-118.0"><time>2026-01-03T02:00:00Z</time></trkpt>)"
      << R"(<trkpt lat="34.01" lon="-118.0"><time>2026-01-03T02:07:00Z</time></trkpt>)"
      << R"(<trkpt lat="34.02" lon="-118.0"><time>2026-01-03T02:14:00Z</time></trkpt>)"
      << "</trkseg></trk></gpx>\n";
  gpx.close();
  ASSERT_EQ(run_cli(db_ + " import " + (dir_.path() / "evening.gpx").string()).code, 0);
  const auto list = run_cli(db_ + " activities").out;
  EXPECT_NE(list.find("start (local)"), std::string::npos) << list;
  EXPECT_NE(list.find("2026-01-02 18:00"), std::string::npos) << list;
  const auto logged = run_cli(db_ + " log --during 2");
  EXPECT_NE(logged.out.find("Logged 2026-01-02 (linked to 1 run(s)"), std::string::npos)
      << logged.out;
  setenv("TZ", "Asia/Tokyo", 1);  // the same run is on 3 January in Tokyo
  EXPECT_NE(run_cli(db_ + " activities").out.find("2026-01-03 11:00"), std::string::npos);
}

// Plan weeks are ISO weeks (issue 12, item 4): Monday to Sunday, the first from today on.
TEST_F(PlanCli, PlanWeeksStartOnMondayAndTheFirstStartsToday) {
  const auto p = nlohmann::json::parse(run_cli(db_ + " plan --weeks 3 --format json").out);
  ASSERT_EQ(p["weeks"].size(), 3u);
  EXPECT_EQ(p["weeks"][0]["start_date"], "2026-11-23");  // 2026-11-25 is a Wednesday
  EXPECT_EQ(p["weeks"][1]["start_date"], "2026-11-30");
  EXPECT_EQ(p["weeks"][2]["start_date"], "2026-12-07");
  for (std::size_t w = 0; w < 3; ++w) {
    for (const auto& s : p["weeks"][w]["sessions"]) {
      EXPECT_GE(s["date"].get<std::string>(), w == 0 ? "2026-11-25" : p["weeks"][w]["start_date"]);
      EXPECT_LT(s["date"].get<std::string>(),
                w == 2 ? "2026-12-14" : p["weeks"][w + 1]["start_date"].get<std::string>());
    }
  }
}

// Next-morning logging (issue 12, items 3 and 8): the runner's day as the plan describes it.
class NextMorningCli : public LocalDayCli {
 protected:
  void SetUp() override {
    LocalDayCli::SetUp();
    setenv("TZ", "UTC", 1);
    // 8 km every other day at 07:00 from 2026-09-03 to 2026-11-24.
    std::ofstream log(dir_.path() / "log.csv");
    log << "date,distance_km,duration,rpe\n";
    for (auto t = *parse_iso8601("2026-09-03T07:00:00Z");
         t <= *parse_iso8601("2026-11-24T08:00:00Z"); t += 2 * 86400)
      log << format_utc(t).substr(0, 19) << ",8,48:00,4\n";
    log.close();
    at("2026-11-24T19:00:00Z");
    ASSERT_EQ(run_cli(db_ + " import " + (dir_.path() / "log.csv").string()).code, 0);
    ASSERT_EQ(run_cli(db_ + " assess --answers " + std::string(RUNKNEE_SOURCE_DIR) +
                      "/examples/answers-overuse.json --format json")
                  .code,
              0);
  }
  static void at(const char* iso) { setenv("RUNKNEE_NOW", iso, 1); }
  nlohmann::json today() {
    const auto r = run_cli(db_ + " today --format json");
    EXPECT_EQ(r.code, 0);
    return nlohmann::json::parse(r.out);
  }
};

TEST_F(NextMorningCli, AssessPlanTodayLogThenMorningPainTheNextDay) {
  const auto plan = run_cli(db_ + " plan --weeks 2");
  ASSERT_EQ(plan.code, 0);
  EXPECT_NE(plan.out.find("the next morning `--morning N"), std::string::npos) << plan.out;
  const auto before = today();
  EXPECT_EQ(before["date"], "2026-11-24");

  const auto evening = run_cli(db_ + " log --during 1 --after 1");
  ASSERT_EQ(evening.code, 0);
  EXPECT_NE(evening.out.find("Logged 2026-11-24 (linked to 1 run(s), 8.0 km)"), std::string::npos)
      << evening.out;
  const auto pending = today();
  EXPECT_TRUE(pending["last_decision"].is_null() ||
              pending["last_decision"]["date"] != "2026-11-24")
      << pending.dump(2);  // waiting for the next morning

  at("2026-11-25T07:15:00Z");  // the next morning
  const auto morning = run_cli(db_ + " log --morning 0");
  ASSERT_EQ(morning.code, 0);
  EXPECT_NE(morning.out.find("for the run on 2026-11-24"), std::string::npos) << morning.out;
  EXPECT_NE(morning.out.find("Plan, 2026-11-24: "), std::string::npos) << morning.out;

  const auto after = today();
  EXPECT_EQ(after["date"], "2026-11-25");
  ASSERT_TRUE(after["last_decision"].is_object()) << after.dump(2);
  EXPECT_EQ(after["last_decision"]["date"], "2026-11-24");
  EXPECT_EQ(after["last_decision"]["reason"].get<std::string>().find("not logged"),
            std::string::npos)
      << after["last_decision"].dump();
  EXPECT_NE(after["last_decision"]["decision"], "step_back");

  const auto diary = nlohmann::json::parse(run_cli(db_ + " diary --format json").out);
  ASSERT_EQ(diary.size(), 1u);  // no entry dated the morning
  EXPECT_EQ(diary[0]["date"], "2026-11-24");
  EXPECT_EQ(diary[0]["pain_during"], 1);
  EXPECT_EQ(diary[0]["pain_morning"], 0);
  EXPECT_EQ(diary[0]["morning_logged"], "2026-11-25");
  EXPECT_NE(run_cli(db_ + " diary").out.find("(morning logged 2026-11-25)"), std::string::npos);
}

TEST_F(NextMorningCli, BackFilledMorningPainDecidesThatDayAndTheLaterOnesAgain) {
  ASSERT_EQ(run_cli(db_ + " plan").code, 0);  // the plan starts here
  at("2026-11-20T19:00:00Z");
  ASSERT_EQ(run_cli(db_ + " log --during 1 --after 1").code, 0);  // morning pain forgotten
  at("2026-11-22T19:00:00Z");
  ASSERT_EQ(run_cli(db_ + " log --during 1 --after 0").code, 0);
  at("2026-11-23T07:00:00Z");
  ASSERT_EQ(run_cli(db_ + " log --morning 0").code, 0);  // for the 22nd's run
  at("2026-11-23T12:00:00Z");
  auto t = today();
  ASSERT_TRUE(t["last_decision"].is_object());
  EXPECT_EQ(t["last_decision"]["date"], "2026-11-22");
  const auto held = t["last_decision"];

  const auto backfill = run_cli(db_ + " log --date 2026-11-20 --morning 0");
  ASSERT_EQ(backfill.code, 0);
  EXPECT_NE(backfill.out.find("Plan, 2026-11-20 (decided again): "), std::string::npos)
      << backfill.out;
  EXPECT_NE(backfill.out.find("Plan, 2026-11-22 (decided again): "), std::string::npos)
      << backfill.out;
  t = today();
  EXPECT_EQ(t["last_decision"]["date"], "2026-11-22");
  // With the 20th now a settled, pain-free session, the 22nd is one more pain-free session than
  // before: a decision that counted one session now counts two (or advanced).
  EXPECT_NE(t["last_decision"], held) << t["last_decision"].dump() << " vs " << held.dump();
  EXPECT_NE(t["last_decision"]["decision"], "step_back");
}

// "(decided again)" names only the days the plan had decided before the change: a day decided
// for the first time in the same call is not "again".
TEST_F(NextMorningCli, OnlyDaysDecidedBeforeAreSaidToBeDecidedAgain) {
  ASSERT_EQ(run_cli(db_ + " plan").code, 0);
  at("2026-11-20T19:00:00Z");
  ASSERT_EQ(run_cli(db_ + " log --during 1 --after 1").code, 0);  // morning pain forgotten
  at("2026-11-22T12:00:00Z");
  ASSERT_EQ(run_cli(db_ + " today").code, 0);  // decides the 20th (held: morning not logged)
  at("2026-11-22T19:00:00Z");
  ASSERT_EQ(run_cli(db_ + " log --during 1 --after 0").code, 0);  // the 22nd's morning forgotten
  at("2026-11-24T12:00:00Z");  // the 22nd is ready to decide, but nothing has looked yet
  const auto backfill = run_cli(db_ + " log --date 2026-11-20 --morning 0");
  ASSERT_EQ(backfill.code, 0);
  EXPECT_NE(backfill.out.find("Plan, 2026-11-20 (decided again): "), std::string::npos)
      << backfill.out;
  EXPECT_NE(backfill.out.find("Plan, 2026-11-22: "), std::string::npos) << backfill.out;
  EXPECT_EQ(backfill.out.find("Plan, 2026-11-22 (decided again)"), std::string::npos)
      << backfill.out;
}

}  // namespace
}  // namespace rk
