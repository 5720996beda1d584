// The exercise programme on the command line (issue 12 item 7), as a runner uses it: the plan
// has a strength day -> `today` lists its exercises -> `runknee log --exercise` ticks one off ->
// adherence rises; a day of skipped exercises later brings it below the 70% rule, and bad input
// exits 2 with nothing stored.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/run_cli.h"
#include "util/time.h"

namespace rk {
namespace {

using rk::testing::run_cli;
using rk::testing::Stderr;

class ExerciseCli : public ::testing::Test {
 protected:
  void SetUp() override {
    at("2026-11-23T08:00:00Z");  // a Monday
    db_ = "--db " + (dir_.path() / "runknee.db").string();
    ASSERT_EQ(run_cli(db_ + " assess --answers " + std::string(RUNKNEE_SOURCE_DIR) +
                      "/examples/answers-overuse.json --format json")
                  .code,
              0);
  }
  void TearDown() override { setenv("RUNKNEE_NOW", "2026-11-25T12:00:00Z", 1); }
  static void at(const std::string& iso) { setenv("RUNKNEE_NOW", iso.c_str(), 1); }
  nlohmann::json json_of(const std::string& args) {
    const auto r = run_cli(db_ + " " + args);
    EXPECT_EQ(r.code, 0) << args;
    return nlohmann::json::parse(r.out);
  }

  rk::testing::TempDir dir_{"rk_exercise_cli_"};
  std::string db_;
};

TEST_F(ExerciseCli, PlanTodayLogExerciseThenAdherenceChanges) {
  // The plan's strength days of the next two weeks.
  const auto plan = json_of("plan --format json --weeks 2");
  std::vector<nlohmann::json> strength;
  for (const auto& w : plan["weeks"]) {
    for (const auto& s : w["sessions"]) {
      if (s["kind"] == "strength") strength.push_back(s);
    }
  }
  ASSERT_GE(strength.size(), 2u) << plan.dump(2);
  const auto day = strength[0]["date"].get<std::string>();
  const auto& first = strength[0]["exercises"][0];
  const auto id = first["id"].get<std::string>();
  const int sets = first["sets"].get<int>();
  int day_sets = 0;
  for (const auto& e : strength[0]["exercises"]) day_sets += e["sets"].get<int>();

  at(day + "T12:00:00Z");
  const auto today = run_cli(db_ + " today");
  ASSERT_EQ(today.code, 0);
  EXPECT_NE(today.out.find("Exercises for " + day), std::string::npos) << today.out;
  EXPECT_NE(today.out.find("(" + id + "): "), std::string::npos) << today.out;
  EXPECT_NE(today.out.find("0/" + std::to_string(sets) + " sets done"), std::string::npos);
  auto t = json_of("today --format json");
  EXPECT_TRUE(t["exercise_adherence"]["percent"].is_null()) << t.dump(2);

  const auto logged = run_cli(db_ + " log --exercise " + id + " --sets " + std::to_string(sets) +
                              " --pain 1");
  ASSERT_EQ(logged.code, 0) << logged.out;
  EXPECT_NE(logged.out.find("Logged " + id + " on " + day + ": " + std::to_string(sets) + " sets"),
            std::string::npos)
      << logged.out;
  t = json_of("today --format json");
  EXPECT_EQ(t["exercise_adherence"]["sets_done"], sets);
  EXPECT_EQ(t["exercise_adherence"]["sets_prescribed"], sets);  // today counts once ticked off
  EXPECT_EQ(t["exercise_adherence"]["percent"], 100);
  EXPECT_NE(run_cli(db_ + " today").out.find("[x] "), std::string::npos);

  // Unknown exercise, a hold for a repetition exercise, pain out of range: exit 2, nothing stored.
  const auto unknown = run_cli(db_ + " log --exercise burpees --sets 3", Stderr::kMerge);
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.out.find("--exercise: unknown exercise 'burpees'"), std::string::npos)
      << unknown.out;
  EXPECT_EQ(run_cli(db_ + " log --exercise " + id + " --sets 1 --pain 11").code, 2);
  EXPECT_EQ(run_cli(db_ + " log --exercise " + id + " --sets 1 --during 3").code, 2);
  const auto no_id = run_cli(db_ + " log --sets 2", Stderr::kMerge);
  EXPECT_EQ(no_id.code, 2);
  EXPECT_NE(no_id.out.find("--exercise: say which exercise"), std::string::npos) << no_id.out;
  auto ex = json_of("exercises --format json");
  EXPECT_EQ(ex["date"], day);
  EXPECT_EQ(ex["exercises"][0]["id"], id);
  EXPECT_EQ(ex["exercises"][0]["sets_done"], sets);
  EXPECT_EQ(ex["exercises"][0]["logged"]["pain"], 1);
  // Each exercise with its progression from data/exercises.yaml, in the JSON and the text.
  const auto progression = ex["exercises"][0]["progression"].get<std::string>();
  EXPECT_FALSE(progression.empty());
  EXPECT_NE(run_cli(db_ + " exercises").out.find("progression: " + progression), std::string::npos);
  EXPECT_EQ(ex["adherence"]["percent"], 100);
  // The physio report carries the same adherence.
  const auto report = run_cli(db_ + " report --format md");
  ASSERT_EQ(report.code, 0);
  EXPECT_NE(report.out.find(ex["adherence_text"].get<std::string>()), std::string::npos)
      << report.out;
  EXPECT_NE(report.out.find("prescribed sets done (100%)"), std::string::npos);

  // The next day, with nothing else ticked off: the strength day is over, its skipped sets
  // count, adherence falls below the rule, the runner is told, and next week's doses do not rise.
  const auto later = format_utc(*parse_iso8601(day) + 86400).substr(0, 10);
  at(later + "T12:00:00Z");
  t = json_of("today --format json");
  EXPECT_EQ(t["exercise_adherence"]["sets_done"], sets);
  EXPECT_EQ(t["exercise_adherence"]["sets_prescribed"], day_sets) << t.dump(2);
  EXPECT_TRUE(t["exercise_adherence"]["below_min"].get<bool>());
  EXPECT_NE(t["exercise_adherence_text"].get<std::string>().find("at least 70%"),
            std::string::npos);
  // At the start the plan raised the first exercise's dose in the next week; now it holds it.
  const auto dose_next_week = [&](const nlohmann::json& p) {
    for (const auto& s : p["weeks"][1]["sessions"]) {
      for (const auto& e : s["exercises"]) {
        if (e["id"] == id) return e["amount"].get<int>();
      }
    }
    return -1;
  };
  const int raised = dose_next_week(plan);
  ASSERT_GT(raised, first["amount"].get<int>()) << "the plan raises doses week to week";
  EXPECT_EQ(dose_next_week(json_of("plan --format json --weeks 2")), first["amount"].get<int>());
}

// `today` shows each of the day's exercises once: in the tick-off list with its steps and the
// tick-off hint, not in the session as well (issue 12's leftover: the list was printed twice).
TEST_F(ExerciseCli, TodayListsEachExerciseOnceWithTheTickOffHint) {
  const auto plan = json_of("plan --format json --weeks 2");
  std::string day;
  nlohmann::json exercises;
  for (const auto& w : plan["weeks"]) {
    for (const auto& s : w["sessions"]) {
      if (s["kind"] == "strength" && day.empty()) {
        day = s["date"].get<std::string>();
        exercises = s["exercises"];
      }
    }
  }
  ASSERT_FALSE(day.empty()) << plan.dump(2);
  ASSERT_FALSE(exercises.empty());
  at(day + "T12:00:00Z");
  const auto today = run_cli(db_ + " today");
  ASSERT_EQ(today.code, 0);
  const auto count = [&](const std::string& needle) {
    int n = 0;
    for (auto p = today.out.find(needle); p != std::string::npos; p = today.out.find(needle, p + 1))
      ++n;
    return n;
  };
  for (const auto& e : exercises) {
    const auto name = e["name"].get<std::string>();
    EXPECT_EQ(count(name), 1) << name << "\n" << today.out;
    EXPECT_EQ(count(std::string("(") + e["id"].get<std::string>() + "): "), 1) << today.out;
  }
  EXPECT_EQ(count("Tick one off: `runknee log --exercise ID --sets N`"), 1) << today.out;
  EXPECT_EQ(count("1. "), static_cast<int>(exercises.size())) << "steps once per exercise";
}

}  // namespace
}  // namespace rk
