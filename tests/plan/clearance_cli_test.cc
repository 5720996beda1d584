// Clearance from the assessment, end to end (issue 10, item 4; the hazard log in
// docs/clinical-safety.md refers to these tests): a runner whose knee check reports severe pain
// and mechanical symptoms, with weeks of imported runs, is never told they are cleared and is
// never given a run, whichever came first, the runs or the knee check.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/run_cli.h"
#include "util/time.h"

namespace rk {
namespace {

using nlohmann::json;
using rk::testing::run_cli;

class PlanClearanceCli : public ::testing::Test {
 protected:
  void SetUp() override {
    // Six weeks of 8 km every other day up to 2026-11-24 (RUNKNEE_NOW is 2026-11-25).
    std::ofstream log(dir_.path() / "log.csv");
    log << "date,distance_km,duration,rpe\n";
    for (auto t = *parse_iso8601("2026-10-14T07:00:00Z");
         t <= *parse_iso8601("2026-11-24T08:00:00Z"); t += 2 * 86400)
      log << format_utc(t).substr(0, 19) << ",8,48:00,4\n";
    db_ = "--db " + (dir_.path() / "runknee.db").string();
  }

  /// The overuse example's answers with these changes.
  std::string answers(const json& changes) {
    std::ifstream in(std::string(RUNKNEE_SOURCE_DIR) + "/examples/answers-overuse.json");
    json a = json::parse(in);
    a.update(changes);
    const auto path = dir_.path() / ("answers" + std::to_string(++n_) + ".json");
    std::ofstream(path) << a.dump();
    return path.string();
  }

  json assess(const json& changes) {
    const auto r = run_cli(db_ + " assess --answers " + answers(changes) + " --format json");
    EXPECT_EQ(r.code, 0);
    return json::parse(r.out);
  }

  void import_runs() {
    ASSERT_EQ(run_cli(db_ + " import " + (dir_.path() / "log.csv").string()).code, 0);
  }

  /// No run or walk/run in any session of today's view or a 6-week plan.
  void expect_no_running() {
    const auto today = run_cli(db_ + " today --format json");
    ASSERT_EQ(today.code, 0);
    const auto t = json::parse(today.out);
    EXPECT_FALSE(t["cleared"].get<bool>());
    EXPECT_FALSE(t["not_cleared_reasons"].empty());
    for (const auto& s : t["sessions"]) {
      EXPECT_NE(s["kind"], "run");
      EXPECT_NE(s["kind"], "walk_run");
      EXPECT_TRUE(s["distance_km"].is_null()) << s.dump();
    }
    const auto plan = run_cli(db_ + " plan --weeks 6 --format json");
    ASSERT_EQ(plan.code, 0);
    const auto p = json::parse(plan.out);
    EXPECT_FALSE(p["cleared"].get<bool>());
    for (const auto& w : p["weeks"]) {
      EXPECT_EQ(w["planned_km"].get<double>(), 0.0) << w["start_date"];
      for (const auto& s : w["sessions"]) {
        EXPECT_NE(s["kind"], "run") << s["date"];
        EXPECT_NE(s["kind"], "walk_run") << s["date"];
      }
    }
    const auto text = run_cli(db_ + " today");
    ASSERT_EQ(text.code, 0);
    EXPECT_EQ(text.out.find("Cleared"), std::string::npos) << text.out;
    EXPECT_EQ(text.out.find(" km)"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("not cleared:"), std::string::npos) << text.out;
  }

  int n_ = 0;
  rk::testing::TempDir dir_{"rk_clearance_cli_"};
  std::string db_;
};

const json kSevere = {{"pain_during", 9}, {"pain_after", 8},           {"pain_morning", 6},
                      {"trend", "worse"}, {"locking", true},           {"locked_now", false},
                      {"catching", true}, {"giving_way", "sometimes"}, {"weight_bearing", "limp"}};

TEST_F(PlanClearanceCli, SeverePainAndLockingAfterImportedRunsIsNotCleared) {
  import_runs();
  const auto a = assess(kSevere);
  ASSERT_EQ(a["urgency"]["level"], "soon");  // the case of the issue: no red flag, urgency soon
  expect_no_running();
  const auto t = json::parse(run_cli(db_ + " today --format json").out);
  std::string reasons = t["not_cleared_reasons"].dump();
  EXPECT_NE(reasons.find("9/10"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("locks"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("limp"), std::string::npos) << reasons;
}

TEST_F(PlanClearanceCli, RunsImportedAfterThePainfulCheckDoNotClearIt) {
  assess(kSevere);
  import_runs();
  expect_no_running();
}

TEST_F(PlanClearanceCli, PainSixWithoutMechanicalSymptomsIsNotCleared) {
  import_runs();
  assess({{"pain_during", 6}, {"pain_after", 4}, {"pain_morning", 2}});
  expect_no_running();
}

TEST_F(PlanClearanceCli, CatchingWithGivingWayAloneIsNotCleared) {
  import_runs();
  assess({{"pain_during", 2},
          {"pain_after", 2},
          {"pain_morning", 0},
          {"catching", true},
          {"giving_way", "sometimes"}});
  expect_no_running();
}

TEST_F(PlanClearanceCli, UrgentCaseIsToldToday) {
  import_runs();
  const auto a = assess({{"giving_way", "caused_fall"}});
  ASSERT_EQ(a["urgency"]["level"], "urgent");
  expect_no_running();
  const auto text = run_cli(db_ + " today").out;
  EXPECT_NE(text.find("today"), std::string::npos) << text;
  EXPECT_EQ(text.find("within days"), std::string::npos) << text;
  EXPECT_EQ(text.find("within the next few days"), std::string::npos) << text;
}

TEST_F(PlanClearanceCli, ModeratePainIsClearedButNeverStartsAtBuild) {
  import_runs();
  assess({{"pain_during", 3}, {"pain_after", 4}, {"pain_morning", 1}});  // 4/10 at worst
  const auto p = json::parse(run_cli(db_ + " plan --weeks 1 --format json").out);
  EXPECT_TRUE(p["cleared"].get<bool>());
  EXPECT_NE(p["stage"], "build");
  ASSERT_FALSE(p["weeks"].empty());
  EXPECT_NE(p["weeks"][0]["stage"], "build");
}

TEST_F(PlanClearanceCli, PainFreeRunnerStartsAtBuild) {
  import_runs();
  assess({{"pain_during", 1}, {"pain_after", 2}, {"pain_morning", 0}});
  const auto p = json::parse(run_cli(db_ + " plan --weeks 1 --format json").out);
  EXPECT_TRUE(p["cleared"].get<bool>());
  EXPECT_EQ(p["stage"], "build");
}

TEST_F(PlanClearanceCli, APainfulNewCheckTakesABuildingPlanBackToTheChecks) {
  import_runs();
  assess({{"pain_during", 1}, {"pain_after", 2}, {"pain_morning", 0}});
  ASSERT_EQ(json::parse(run_cli(db_ + " plan --weeks 1 --format json").out)["stage"], "build");
  assess({{"pain_during", 4}, {"pain_after", 3}, {"pain_morning", 1}});
  const auto p = json::parse(run_cli(db_ + " plan --weeks 1 --format json").out);
  EXPECT_NE(p["stage"], "build");
}

// Hazard H8: the assessment and the plan never disagree about running today. The summary's
// "What to do today" leads with the plan's own headline and today's sessions, for every picture
// (pain-free, moderate pain, a sudden onset, pain not given, see a clinician soon, a red flag).
class AssessPlanPathwayCli : public PlanClearanceCli {
 protected:
  /// The text an assessment prints, with line wrapping undone.
  std::string assess_text(json changes) {
    std::ifstream in(std::string(RUNKNEE_SOURCE_DIR) + "/examples/answers-overuse.json");
    json a = json::parse(in);
    for (const auto& [k, v] : changes.items()) {
      if (v.is_null())
        a.erase(k);  // a question left unanswered
      else
        a[k] = v;
    }
    const auto path = dir_.path() / "pathway.json";
    std::ofstream(path) << a.dump();
    const auto r = run_cli(db_ + " assess --answers " + path.string());
    EXPECT_EQ(r.code, 0) << r.out;
    return unwrapped(r.out);
  }

  static std::string unwrapped(const std::string& text) {
    std::string out;
    for (char c : text) {
      if (c == '\n' || c == ' ') {
        if (!out.empty() && out.back() != ' ') out += ' ';
      } else {
        out += c;
      }
    }
    return out;
  }

  /// The summary's plan lines for today's view: what `today --format json` says.
  void expect_assessment_repeats_today(const std::string& text) {
    const auto t = json::parse(run_cli(db_ + " today --format json").out);
    const std::string headline = t["headline"].get<std::string>();
    EXPECT_NE(text.find("What to do today: - Your plan: " + headline), std::string::npos)
        << "assessment:\n"
        << text << "\ntoday: " << headline;
    bool runs_today = false;
    for (const auto& s : t["sessions"]) {
      EXPECT_NE(text.find("- Today: " + s["title"].get<std::string>()), std::string::npos) << text;
      runs_today = runs_today || s["kind"] == "run" || s["kind"] == "walk_run";
    }
    if (!runs_today) {
      EXPECT_EQ(text.find("- Today: Easy run"), std::string::npos) << text;
    }
  }
};

TEST_F(AssessPlanPathwayCli, EveryPictureLeadsWithWhatThePlanSaysToday) {
  import_runs();
  const std::vector<json> pictures = {
      {{"pain_during", 1}, {"pain_after", 1}, {"pain_morning", 0}},  // pain-free: building
      {{"pain_during", 4}, {"pain_after", 3}, {"pain_morning", 1}},  // moderate: the checks
      {{"pain_during", 1}, {"pain_after", 1}, {"pain_morning", 0}, {"onset", "sudden"}},
      {{"pain_during", nullptr}, {"pain_after", nullptr}, {"pain_morning", nullptr}},
      kSevere,                                    // see a clinician soon
      {{"giving_way", "caused_fall"}},            // urgent
      {{"hot_red_knee", true}, {"fever", true}},  // a red flag
  };
  for (const auto& p : pictures) {
    SCOPED_TRACE(p.dump());
    expect_assessment_repeats_today(assess_text(p));
  }
}

TEST_F(AssessPlanPathwayCli, OnlyAPainFreeGradualPictureBuildsAndItSaysSo) {
  import_runs();
  const auto building = assess_text({{"pain_during", 1}, {"pain_after", 1}, {"pain_morning", 0}});
  EXPECT_NE(building.find("Your plan: Cleared to train"), std::string::npos) << building;
  for (const json& p :
       {json{{"pain_during", nullptr}, {"pain_after", nullptr}, {"pain_morning", nullptr}},
        json{{"pain_during", 1}, {"pain_after", 1}, {"onset", "sudden"}}}) {
    const auto text = assess_text(p);
    EXPECT_NE(text.find("Your plan: Not running yet"), std::string::npos) << p << "\n" << text;
    EXPECT_EQ(text.find("Cleared to train"), std::string::npos) << text;
  }
}

TEST_F(AssessPlanPathwayCli, ShowingTheLatestCheckRepeatsThePlanAnOlderOneDoesNot) {
  import_runs();
  assess_text({{"pain_during", 1}, {"pain_after", 1}, {"pain_morning", 0}});
  assess_text(kSevere);
  const auto latest = unwrapped(run_cli(db_ + " show-assessment 2").out);
  expect_assessment_repeats_today(latest);
  const auto older = run_cli(db_ + " show-assessment 1").out;
  EXPECT_EQ(older.find("Your plan:"), std::string::npos) << older;
}

}  // namespace
}  // namespace rk
