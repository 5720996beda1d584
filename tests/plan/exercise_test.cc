// The exercise programme's rules (issue 12 item 7): checking a tick-off, adherence (sets done /
// sets prescribed over plan.exercise_adherence_days) and the 70% rule (no dose increase while
// adherence is below plan.exercise_adherence_min), down to the doses the generator prints.

#include <gtest/gtest.h>

#include <map>

#include "model/calendar.h"
#include "plan/exercise.h"
#include "plan/generator.h"
#include "test_helpers.h"

namespace rk::plan {
namespace {

using testing::kToday;
using testing::rules;

Prescription asked(std::int64_t day, const std::string& id = "clamshell", int sets = 3) {
  return {date_of_day(day), id, sets, 15, "reps"};
}
ExerciseLog did(std::int64_t day, int sets, const std::string& id = "clamshell") {
  return {date_of_day(day), id, sets, std::nullopt, std::nullopt};
}

PlanRules with_min(double pct) {
  PlanRules r = rules();
  for (auto& t : r.thresholds) {
    if (t.id == "plan.exercise_adherence_min") t.value = pct;
  }
  return r;
}

TEST(ExerciseRules, TheRuleAndTheWindowAreData) {
  EXPECT_EQ(rules().value("plan.exercise_adherence_min"), 70);
  EXPECT_EQ(rules().value("plan.exercise_adherence_days"), 14);
  const auto a = adherence({asked(kToday - 1)}, {did(kToday - 1, 2)}, kToday, rules());
  EXPECT_EQ(a.min_percent, 70);
  EXPECT_EQ(a.days, 14);
  EXPECT_EQ(a.first, date_of_day(kToday - 13));
  EXPECT_EQ(a.last, date_of_day(kToday));
  // The sentence says the figure from the data, not a number of its own.
  EXPECT_NE(adherence_text(a, rules()).find("at least 70%"), std::string::npos)
      << adherence_text(a, rules());
  const auto r60 = with_min(60);
  EXPECT_NE(adherence_text(adherence({asked(kToday - 1)}, {did(kToday - 1, 2)}, kToday, r60), r60)
                .find("At 60% or more"),
            std::string::npos);
}

TEST(ExerciseAdherence, SetsDoneOverSetsPrescribedTodayCountingOnceTickedOff) {
  const std::vector<Prescription> p = {asked(kToday - 3), asked(kToday - 1), asked(kToday),
                                       asked(kToday - 20)};  // outside the 14 days
  std::vector<ExerciseLog> l = {did(kToday - 3, 3), did(kToday - 1, 1), did(kToday - 20, 3)};
  auto a = adherence(p, l, kToday, rules());
  EXPECT_EQ(a.prescribed, 6);  // today is not over and nothing was ticked off today
  EXPECT_EQ(a.done, 4);
  ASSERT_TRUE(a.percent);
  EXPECT_EQ(*a.percent, 67);
  EXPECT_TRUE(a.below_min());
  EXPECT_NE(adherence_text(a, rules()).find("4 of 6 prescribed sets done (67%)"),
            std::string::npos)
      << adherence_text(a, rules());

  l.push_back(did(kToday, 3));
  a = adherence(p, l, kToday, rules());
  EXPECT_EQ(a.prescribed, 9);
  EXPECT_EQ(a.done, 7);
  EXPECT_EQ(*a.percent, 78);
  EXPECT_FALSE(a.below_min());
  // The same figure under a stricter rule in the data is below it.
  EXPECT_TRUE(adherence(p, l, kToday, with_min(80)).below_min());
}

TEST(ExerciseAdherence, ExtraSetsDoNotMakeUpForMissedDays) {
  const std::vector<Prescription> p = {asked(kToday - 2), asked(kToday - 1)};
  const auto a = adherence(p, {did(kToday - 1, 20)}, kToday, rules());
  EXPECT_EQ(a.done, 3);  // at most the day's prescribed sets
  EXPECT_EQ(*a.percent, 50);
  // An exercise done on a day it was not planned counts up to its usual sets.
  const auto moved = adherence(p, {did(kToday - 1, 3), did(kToday - 3, 9)}, kToday, rules());
  EXPECT_EQ(moved.done, 6);
  EXPECT_EQ(*moved.percent, 100);
}

TEST(ExerciseAdherence, NothingPrescribedHasNoFigure) {
  const auto a = adherence({}, {did(kToday, 3)}, kToday, rules());
  EXPECT_FALSE(a.percent);
  EXPECT_FALSE(a.below_min());
  EXPECT_NE(adherence_text(a, rules()).find("no exercises were prescribed"), std::string::npos);
}

TEST(ExerciseProgression, AWeekAfterLowAdherenceIsHeldAndAfterGoodAdherenceNot) {
  const auto m1 = week_start(kToday);
  const auto m2 = m1 + 7, m3 = m1 + 14;
  std::vector<Prescription> p;
  std::vector<ExerciseLog> l;
  for (auto d = m1; d < m3; d += 2) p.push_back(asked(d));
  for (auto d = m1; d < m2; d += 2) l.push_back(did(d, 1));  // week 1: a third of the sets
  for (auto d = m1 + 8; d < m3; d += 2) l.push_back(did(d, 3));  // week 2: all of them
  // Today in week 3: the rise into week 2 was held (4 of 12 sets), the rise into week 3 too
  // (13 of 21 sets over its 14 days: 62%); with every set of both weeks done neither is.
  auto held = held_mondays(p, l, m1, m3 + 2, rules(), 0);
  EXPECT_EQ(held, (std::vector<std::int64_t>{m2, m3}));
  EXPECT_TRUE(held_mondays(p, l, m1, m3 + 2, with_min(60), 0) == std::vector<std::int64_t>{m2});
  for (auto d = m1; d < m2; d += 2) l.push_back(did(d, 3));
  EXPECT_TRUE(held_mondays(p, l, m1, m3 + 2, rules(), 0).empty());
}

TEST(ExerciseProgression, LowAdherenceTodayHoldsTheWeeksAhead) {
  const auto m1 = week_start(kToday);
  const std::vector<Prescription> p = {asked(kToday - 2), asked(kToday - 1)};
  const auto held = held_mondays(p, {did(kToday - 1, 3)}, m1, kToday, rules(), 3);
  EXPECT_EQ(held, (std::vector<std::int64_t>{m1 + 7, m1 + 14, m1 + 21}));
  EXPECT_TRUE(held_mondays(p, {did(kToday - 1, 3), did(kToday - 2, 3)}, m1, kToday, rules(), 3)
                  .empty());
}

/// Clamshell reps per plan week, from the plan's strength sessions.
std::map<std::int64_t, int> clamshell_by_week(const Plan& p) {
  std::map<std::int64_t, int> out;
  for (const auto& w : p.weeks) {
    for (const auto& s : w.sessions) {
      for (const auto& e : s.exercises) {
        if (e.id == "clamshell") out[week_start(s.day)] = e.amount;
      }
    }
  }
  return out;
}

TEST(ExerciseProgression, TheGeneratorHoldsTheDoseOfAHeldWeek) {
  auto in = testing::inputs_with({});
  PlanState s;
  s.stage = rules().relief_stage();
  s.started_day = kToday;
  const auto m1 = week_start(kToday);
  const auto free = clamshell_by_week(generate_plan(in, s, rules(), 4));
  ASSERT_TRUE(free.contains(m1 + 7) && free.contains(m1 + 14) && free.contains(m1 + 21));
  EXPECT_EQ(free.at(m1 + 14), free.at(m1 + 7) + 2);  // the ladder's step

  in.progression_held = {m1 + 14};
  const auto held = clamshell_by_week(generate_plan(in, s, rules(), 4));
  EXPECT_EQ(held.at(m1 + 7), free.at(m1 + 7));
  EXPECT_EQ(held.at(m1 + 14), free.at(m1 + 7));      // no increase in the held week
  EXPECT_EQ(held.at(m1 + 21), free.at(m1 + 7) + 2);  // and one step, not two, after it
}

TEST(ExerciseLogCheck, RefusesWhatCannotBeTrueNamingTheField) {
  const auto field = [](ExerciseLogInput in) {
    auto r = check_exercise_log(in, rules(), kToday);
    EXPECT_FALSE(r);
    if (r) return std::string("(accepted)");
    EXPECT_EQ(r.error().kind, ErrorKind::kBadInput);
    return r.error().field;
  };
  EXPECT_EQ(field({"", "burpees", 3, std::nullopt, std::nullopt, std::nullopt}), "exercise_id");
  EXPECT_EQ(field({"", "", 3, std::nullopt, std::nullopt, std::nullopt}), "exercise_id");
  EXPECT_EQ(field({"", "clamshell", std::nullopt, std::nullopt, std::nullopt, std::nullopt}),
            "sets");
  EXPECT_EQ(field({"", "clamshell", 21, std::nullopt, std::nullopt, std::nullopt}), "sets");
  EXPECT_EQ(field({"", "clamshell", -1, std::nullopt, std::nullopt, std::nullopt}), "sets");
  EXPECT_EQ(field({"", "clamshell", 3, std::nullopt, 30, std::nullopt}), "hold_s");
  EXPECT_EQ(field({"", "side_plank", 3, 12, std::nullopt, std::nullopt}), "reps");
  EXPECT_EQ(field({"", "clamshell", 3, 0, std::nullopt, std::nullopt}), "reps");
  EXPECT_EQ(field({"", "clamshell", 3, 15, std::nullopt, 11}), "pain");
  EXPECT_EQ(field({date_of_day(kToday + 1), "clamshell", 3, 15, std::nullopt, 0}), "date");
  EXPECT_EQ(field({"2026-02-30", "clamshell", 3, 15, std::nullopt, 0}), "date");

  auto ok = check_exercise_log({"", "side_plank", 2, std::nullopt, 25, 1}, rules(), kToday);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->date, date_of_day(kToday));
  EXPECT_EQ(ok->sets, 2);
  EXPECT_EQ(ok->amount, 25);
  EXPECT_EQ(ok->pain, 1);
}

TEST(ExerciseLogCheck, TheApiBodyIsStrict) {
  EXPECT_EQ(exercise_log_from_json({{"exercise_id", "clamshell"}, {"sets", 2.5}}).error().field,
            "sets");
  EXPECT_EQ(exercise_log_from_json({{"exercise_id", 3}, {"sets", 2}}).error().field,
            "exercise_id");
  EXPECT_EQ(exercise_log_from_json({{"exercise_id", "clamshell"}, {"sets", 2}, {"mood", 1}})
                .error()
                .field,
            "mood");
  EXPECT_EQ(exercise_log_from_json({{"sets", 2}}).error().field, "exercise_id");
  auto in = exercise_log_from_json({{"exercise_id", "clamshell"}, {"sets", 2}, {"reps", 12}});
  ASSERT_TRUE(in);
  EXPECT_EQ(in->sets, 2);
  EXPECT_EQ(in->reps, 12);
  EXPECT_FALSE(in->pain);
}

}  // namespace
}  // namespace rk::plan
