// Issue 14 end to end on the command line: the one-screen assessment summary and --full, the
// plan's default of this week and next (--weeks, --all), and one dose text in every front end.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/run_cli.h"
#include "util/time.h"

namespace rk {
namespace {

using rk::testing::run_cli;

class HermeticConfig : public ::testing::Environment {
 public:
  void SetUp() override { setenv("XDG_CONFIG_HOME", dir_.path().c_str(), 1); }

 private:
  rk::testing::TempDir dir_{"rk_present_cli_config_"};
};
[[maybe_unused]] auto* const kHermeticConfig =
    ::testing::AddGlobalTestEnvironment(new HermeticConfig);

std::size_t line_count(const std::string& s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

std::size_t count_of(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

class PresentCli : public ::testing::Test {
 protected:
  void SetUp() override {
    // 8 km every other day up to the day before RUNKNEE_NOW (2026-11-25).
    std::ofstream log(dir_.path() / "log.csv");
    log << "date,distance_km,duration,rpe\n";
    for (auto t = *parse_iso8601("2026-09-02T07:00:00Z");
         t <= *parse_iso8601("2026-11-24T08:00:00Z"); t += 2 * 86400)
      log << format_utc(t).substr(0, 19) << ",8,48:00,4\n";
    log.close();
    db_ = "--db " + (dir_.path() / "runknee.db").string();
    ASSERT_EQ(run_cli(db_ + " import " + (dir_.path() / "log.csv").string()).code, 0);
  }
  std::string answers() const {
    return std::string(RUNKNEE_SOURCE_DIR) + "/examples/answers-overuse.json";
  }

  rk::testing::TempDir dir_{"rk_present_cli_"};
  std::string db_;
};

TEST_F(PresentCli, AssessEndsWithOneScreenAndFullPrintsTheRest) {
  const auto summary = run_cli(db_ + " assess --answers " + answers());
  ASSERT_EQ(summary.code, 0);
  EXPECT_LE(line_count(summary.out), 25u) << summary.out;
  EXPECT_NE(summary.out.find("What to do today:"), std::string::npos) << summary.out;
  EXPECT_NE(summary.out.find("Likely causes"), std::string::npos) << summary.out;
  EXPECT_NE(summary.out.find("runknee show-assessment 1 --full"), std::string::npos)
      << summary.out;
  EXPECT_EQ(summary.out.find("Sources:"), std::string::npos);

  const auto full = run_cli(db_ + " assess --full --no-save --answers " + answers());
  ASSERT_EQ(full.code, 0);
  EXPECT_GT(line_count(full.out), 60u);
  EXPECT_NE(full.out.find("Sources:"), std::string::npos);

  const auto shown = run_cli(db_ + " show-assessment 1");
  ASSERT_EQ(shown.code, 0);
  EXPECT_LE(line_count(shown.out), 26u) << shown.out;  // "Assessment 1" + the summary
  EXPECT_NE(shown.out.find("What to do today:"), std::string::npos);
  const auto shown_full = run_cli(db_ + " show-assessment 1 --full");
  ASSERT_EQ(shown_full.code, 0);
  EXPECT_NE(shown_full.out.find("Sources:"), std::string::npos);
  // The same banner in both.
  const auto banner = summary.out.substr(79, summary.out.find('\n', 79) - 79);
  EXPECT_NE(shown_full.out.find(banner), std::string::npos) << banner;
}

TEST_F(PresentCli, PlanShowsThisWeekAndNextUnlessAskedForMore) {
  ASSERT_EQ(run_cli(db_ + " assess --answers " + answers()).code, 0);
  const auto def = run_cli(db_ + " plan");
  ASSERT_EQ(def.code, 0);
  EXPECT_NE(def.out.find("\nWeek 1 "), std::string::npos) << def.out;
  EXPECT_NE(def.out.find("\nWeek 2 "), std::string::npos) << def.out;
  EXPECT_EQ(def.out.find("\nWeek 3 "), std::string::npos) << def.out;
  EXPECT_NE(def.out.find("--all"), std::string::npos) << "says how to see more";

  const auto four = run_cli(db_ + " plan --weeks 4");
  ASSERT_EQ(four.code, 0);
  EXPECT_NE(four.out.find("\nWeek 4 "), std::string::npos);
  EXPECT_EQ(four.out.find("\nWeek 5 "), std::string::npos);

  const auto all = run_cli(db_ + " plan --all --format json");
  ASSERT_EQ(all.code, 0);
  EXPECT_EQ(nlohmann::json::parse(all.out)["weeks"].size(), 26u);
  EXPECT_EQ(run_cli(db_ + " plan --all --weeks 3").code, 2) << "--all and --weeks exclude";
  EXPECT_EQ(run_cli(db_ + " plan --weeks 0").code, 2);
  EXPECT_EQ(run_cli(db_ + " plan --weeks 27").code, 2);
}

TEST_F(PresentCli, EveryFrontEndPrintsTheSameExerciseDoseOnce) {
  ASSERT_EQ(run_cli(db_ + " assess --answers " + answers()).code, 0);
  const auto j = nlohmann::json::parse(run_cli(db_ + " plan --weeks 3 --format json").out);
  const auto text = run_cli(db_ + " plan --weeks 3").out;
  const auto report = run_cli(db_ + " report --format html --weeks 3").out;
  int checked = 0;
  for (const auto& w : j["weeks"])
    for (const auto& s : w["sessions"])
      for (const auto& e : s["exercises"]) {
        const std::string dose = e["dose_text"];
        const std::string line = e["name"].get<std::string>() + ": " + dose;
        EXPECT_NE(dose.find(" × "), std::string::npos) << dose;
        EXPECT_NE(text.find(line), std::string::npos) << line;
        EXPECT_NE(report.find(line), std::string::npos) << line;
        ++checked;
      }
  ASSERT_GT(checked, 0) << "no strength session in three weeks";
  // The strength day's exercises are listed once per session, not again in its details.
  const std::string first = j["weeks"][0]["sessions"][0]["date"];
  std::size_t strength_days = 0;
  for (const auto& w : j["weeks"])
    for (const auto& s : w["sessions"]) strength_days += s["exercises"].empty() ? 0 : 1;
  const std::string name = "Clamshells";
  EXPECT_EQ(count_of(text, name), strength_days) << text;
  // The old "3x15 reps" shape is gone from every front end.
  const std::regex old_shape("\\d+x\\d+ ");
  EXPECT_FALSE(std::regex_search(text, old_shape)) << text;
  EXPECT_FALSE(std::regex_search(report, old_shape));
}

TEST_F(PresentCli, MedicineDoseTextIsTheSameInTheCliAndTheJson) {
  const auto j = nlohmann::json::parse(
      run_cli(db_ + " assess --no-save --format json --answers " + answers()).out);
  const auto full = run_cli(db_ + " assess --no-save --full --answers " + answers()).out;
  std::string flat;  // the text unwrapped, so a wrapped dose still matches
  for (char c : full) flat += c == '\n' ? ' ' : c;
  std::string squeezed;
  for (char c : flat)
    if (!(c == ' ' && !squeezed.empty() && squeezed.back() == ' ')) squeezed += c;
  int checked = 0;
  for (const auto& m : j["relief"]["medication"]["recommended"]) {
    const std::string dose = m["dose_text"];
    EXPECT_NE(squeezed.find(dose), std::string::npos) << dose;
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

}  // namespace
}  // namespace rk
