#include "plan/adapt.h"

#include <gtest/gtest.h>

#include <random>

#include "plan/generator.h"
#include "test_helpers.h"

namespace rk::plan {
namespace {

using testing::inputs_with;
using testing::kToday;
using testing::rules;
using testing::run_entry;

PlanState at_stage(int stage) {
  PlanState s;
  s.stage = stage;
  s.started_day = kToday - 30;
  return s;
}

TEST(Adapt, AdvancesAfterTwoPainFreeSessions) {
  auto s = at_stage(2);
  auto in = inputs_with({run_entry(kToday - 5, 1, 1, 0), run_entry(kToday - 3, 2, 0, 1)});
  const auto d = update_state(s, in, rules());
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].decision, Decision::kHold);
  EXPECT_EQ(d[0].rule, "plan.sessions_to_advance");
  EXPECT_EQ(d[1].decision, Decision::kAdvance);
  EXPECT_EQ(s.stage, 3);
  EXPECT_EQ(s.ok_sessions, 0);
}

TEST(Adapt, HoldsInTheAcceptableZone) {
  auto s = at_stage(2);
  const auto d = update_state(s, inputs_with({run_entry(kToday - 3, 4, 5, 1)}), rules());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].decision, Decision::kHold);
  EXPECT_EQ(d[0].rule, "plan.pain_safe_max");
  EXPECT_EQ(d[0].citation, "silbernagel2007");
  EXPECT_EQ(s.stage, 2);
}

TEST(Adapt, StepsBackWhenPainDuringAboveFive) {
  auto s = at_stage(2);
  const auto d = update_state(s, inputs_with({run_entry(kToday - 3, 6, 3, 1)}), rules());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].decision, Decision::kStepBack);
  EXPECT_EQ(d[0].rule, "plan.pain_during_max");
  EXPECT_EQ(s.stage, 1);
}

TEST(Adapt, StepsBackWhenNotSettledByMorning) {
  auto s = at_stage(3);
  const auto d = update_state(s, inputs_with({run_entry(kToday - 3, 2, 3, 4)}), rules());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].decision, Decision::kStepBack);
  EXPECT_EQ(d[0].rule, "plan.morning_settled_max");
}

TEST(Adapt, MorningNoWorseThanBaselineCountsAsSettled) {
  auto s = at_stage(3);
  DiaryEntry before;
  before.date = date_of_day(kToday - 4);
  before.pain_morning = 3;
  const auto d = update_state(s, inputs_with({before, run_entry(kToday - 3, 2, 2, 3)}), rules());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].decision, Decision::kHold);  // 3/10 is acceptable, not safe
  EXPECT_EQ(s.stage, 3);
}

TEST(Adapt, StepsBackOnSwelling) {
  auto s = at_stage(3);
  auto e = run_entry(kToday - 3, 1, 1, 0);
  e.swelling = true;
  const auto d = update_state(s, inputs_with({e}), rules());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].decision, Decision::kStepBack);
}

TEST(Adapt, HoldsWhenMorningStiffnessRises) {
  auto s = at_stage(3);
  std::vector<DiaryEntry> diary;
  for (int i = 13; i >= 8; --i) {
    DiaryEntry e;
    e.date = date_of_day(kToday - i);
    e.stiffness_min = 10;
    diary.push_back(e);
  }
  auto run = run_entry(kToday - 3, 1, 1, 0);
  run.stiffness_min = 30;
  diary.push_back(run);
  const auto d = update_state(s, inputs_with(diary), rules());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].decision, Decision::kHold);
  EXPECT_EQ(d[0].rule, "plan.stiffness_rise_min");
}

TEST(Adapt, TwoStepBacksInARowMeanSeeAClinician) {
  auto s = at_stage(4);
  auto in = inputs_with({run_entry(kToday - 6, 7, 6, 3), run_entry(kToday - 4, 6, 6, 4)});
  const auto d = update_state(s, in, rules());
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].decision, Decision::kStepBack);
  EXPECT_EQ(d[1].decision, Decision::kSeeClinician);
  EXPECT_EQ(d[1].rule, "plan.step_backs_for_clinician");
  EXPECT_EQ(s.stage, rules().relief_stage());
  ASSERT_TRUE(s.clinician_advised_day);
  EXPECT_FALSE(clearance(in, s, rules()).cleared);
  in.assessment_day = kToday;  // a new assessment after the visit
  in.diary.clear();
  EXPECT_TRUE(clearance(in, s, rules()).cleared);
}

TEST(Adapt, StepBackHoldStepBackIsNotTwoInARow) {
  auto s = at_stage(4);
  auto in = inputs_with({run_entry(kToday - 8, 7, 6, 3), run_entry(kToday - 6, 3, 3, 1),
                         run_entry(kToday - 4, 6, 5, 1)});
  const auto d = update_state(s, in, rules());
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[2].decision, Decision::kStepBack);
  EXPECT_FALSE(s.clinician_advised_day);
}

TEST(Adapt, DiaryRedFlagMeansSeeAClinician) {
  auto s = at_stage(5);
  DiaryEntry e;
  e.date = date_of_day(kToday - 1);
  e.locking = true;
  auto in = inputs_with({e});
  const auto d = update_state(s, in, rules());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].decision, Decision::kSeeClinician);
  EXPECT_EQ(d[0].rule, "diary.red_flag");
  EXPECT_FALSE(clearance(in, s, rules()).cleared);
  const auto plan = generate_plan(in, s, rules(), 4);
  for (const auto& w : plan.weeks) {
    for (const auto& sess : w.sessions) EXPECT_FALSE(sess.is_running()) << sess.date;
  }
}

TEST(Adapt, WaitsForNextMorningThenHolds) {
  auto s = at_stage(2);
  auto fresh = update_state(s, inputs_with({run_entry(kToday, 1, 1, std::nullopt)}), rules());
  EXPECT_TRUE(fresh.empty());  // pending: next-morning pain may still come
  auto s2 = at_stage(2);
  auto old = update_state(s2, inputs_with({run_entry(kToday - 2, 1, 1, std::nullopt)}), rules());
  ASSERT_EQ(old.size(), 1u);
  EXPECT_EQ(old[0].decision, Decision::kHold);
  EXPECT_EQ(old[0].rule, "plan.morning_settled_max");
}

TEST(Adapt, ReturnChecksMoveReliefToWalkRun) {
  auto s = at_stage(0);
  DiaryEntry fail_hop;
  fail_hop.date = date_of_day(kToday - 3);
  fail_hop.brisk_walk_pain_free = true;
  fail_hop.hop_pain_free = false;
  DiaryEntry pass = fail_hop;
  pass.date = date_of_day(kToday - 1);
  pass.hop_pain_free = true;
  const auto d = update_state(s, inputs_with({fail_hop, pass}), rules());
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].decision, Decision::kHold);
  EXPECT_EQ(d[1].decision, Decision::kAdvance);
  EXPECT_EQ(d[1].citation, "manal2018");
  EXPECT_EQ(s.stage, 1);
}

TEST(Adapt, ProcessesEachEntryOnce) {
  auto s = at_stage(2);
  auto in = inputs_with({run_entry(kToday - 3, 1, 1, 0)});
  EXPECT_EQ(update_state(s, in, rules()).size(), 1u);
  EXPECT_TRUE(update_state(s, in, rules()).empty());
  auto back = plan_state_from_json(to_json(s), "state");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->last_processed, s.last_processed);
  EXPECT_EQ(back->history.size(), 1u);
  EXPECT_EQ(back->ok_sessions, 1);
}

// Issue 12 item 3: back-filling a day the plan has decided on decides every later day again.
TEST(AdaptRewind, BackFilledMorningPainTurnsAHoldIntoProgress) {
  auto s = at_stage(2);
  auto first = run_entry(kToday - 5, 1, 1, std::nullopt);  // morning pain never logged
  auto second = run_entry(kToday - 3, 1, 0, 0);
  auto in = inputs_with({first, second});
  ASSERT_EQ(update_state(s, in, rules()).size(), 2u);
  EXPECT_EQ(s.history[0].reason.find("next-morning pain was not logged"), 0u);
  EXPECT_EQ(s.stage, 2);
  // The stored state goes through JSON between the two commands.
  auto stored = plan_state_from_json(to_json(s), "state");
  ASSERT_TRUE(stored);
  in.diary[0].pain_morning = 0;
  ASSERT_TRUE(rewind_state(*stored, in.diary[0].date));
  EXPECT_TRUE(stored->history.empty());
  EXPECT_EQ(stored->last_processed, date_of_day(kToday - 6));
  const auto again = update_state(*stored, in, rules());
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[0].decision, Decision::kHold);
  EXPECT_EQ(again[0].rule, "plan.sessions_to_advance");
  EXPECT_EQ(again[1].decision, Decision::kAdvance);
  EXPECT_EQ(stored->stage, 3);
}

TEST(AdaptRewind, BackFilledPainStepsBackAndLaterDecisionsFollow) {
  auto s = at_stage(3);
  auto in = inputs_with({run_entry(kToday - 7, 1, 1, 0), run_entry(kToday - 5, 1, 1, 0),
                         run_entry(kToday - 3, 1, 1, 0)});
  update_state(s, in, rules());
  ASSERT_EQ(s.history.size(), 3u);
  in.diary[1].pain_after = 7;  // the middle run hurt after all
  ASSERT_TRUE(rewind_state(s, in.diary[1].date));
  ASSERT_EQ(s.history.size(), 1u);  // the decision before the back-filled day stays
  const auto again = update_state(s, in, rules());
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[0].date, in.diary[1].date);
  EXPECT_EQ(again[0].decision, Decision::kStepBack);
  EXPECT_EQ(again[0].rule, "plan.pain_after_max");
  EXPECT_EQ(again[1].stage_before, again[0].stage_after);  // the later day starts from there
}

TEST(AdaptRewind, NothingToRewindBeforeTheDayIsDecided) {
  auto s = at_stage(2);
  auto in = inputs_with({run_entry(kToday - 5, 1, 1, 0)});
  update_state(s, in, rules());
  const auto before = to_json(s);
  EXPECT_FALSE(rewind_state(s, date_of_day(kToday - 1)));  // after the last decided day
  EXPECT_FALSE(rewind_state(s, "not a date"));
  EXPECT_EQ(to_json(s), before);
}

// Rewinding to any day and deciding again with the same diary gives exactly the state a plan
// that never rewound has: the snapshot in each decision is the whole state before it.
TEST(AdaptRewind, RewindAndReplayEqualsOneRunOverSeededDiaries) {
  std::mt19937 rng(12);
  int rewinds = 0;
  for (int seed = 0; seed < 300; ++seed) {
    std::vector<DiaryEntry> diary;
    for (std::int64_t day = kToday - 40; day <= kToday; ++day) {
      if (rng() % 3 != 0) continue;
      std::uniform_int_distribution<int> pain(0, 7);
      std::optional<int> morning;
      if (rng() % 4 != 0) morning = pain(rng) / 2;
      auto e = run_entry(day, pain(rng), pain(rng), morning);
      if (rng() % 9 == 0) e.stiffness_min = pain(rng) * 5;
      diary.push_back(e);
    }
    auto once = at_stage(static_cast<int>(rng() % 4));
    auto in = inputs_with(diary);
    update_state(once, in, rules());
    for (const auto& e : diary) {
      auto s = *plan_state_from_json(to_json(once), "state");
      if (!rewind_state(s, e.date)) continue;
      ++rewinds;
      update_state(s, in, rules());
      ASSERT_EQ(to_json(s), to_json(once)) << "seed " << seed << " rewound to " << e.date;
    }
  }
  EXPECT_GT(rewinds, 1000);
}

TEST(Clearance, FollowsUrgencyRedFlagsAndCurrentPain) {
  PlanState s = at_stage(3);
  auto in = inputs_with({});
  EXPECT_TRUE(clearance(in, s, rules()).cleared);
  in.urgency = Urgency::kUrgent;
  EXPECT_FALSE(clearance(in, s, rules()).cleared);
  in.urgency = Urgency::kSoon;
  EXPECT_TRUE(clearance(in, s, rules()).cleared);
  in.assessment_red_flags = true;
  EXPECT_FALSE(clearance(in, s, rules()).cleared);
  in.assessment_red_flags = false;
  in.diary = {run_entry(kToday - 2, 7, 5, 2)};
  EXPECT_FALSE(clearance(in, s, rules()).cleared);
  in.diary = {run_entry(kToday - 9, 7, 5, 2)};  // older than the 7-day window
  EXPECT_TRUE(clearance(in, s, rules()).cleared);
}

TEST(Plan, EmergencyHasNoSessions) {
  auto in = inputs_with({});
  in.urgency = Urgency::kEmergency;
  const auto p = generate_plan(in, PlanState{}, rules(), 6);
  EXPECT_FALSE(p.cleared);
  EXPECT_TRUE(p.weeks.empty());
}

TEST(Plan, CadenceAndFootwearOnlyForTheirCauses) {
  auto in = inputs_with({});
  in.runs = {{kToday - 3, 8, 48}, {kToday - 10, 10, 60}};
  in.cadence_spm = 160;
  auto has = [](const Plan& p, const char* id) {
    for (const auto& g : p.guidance) {
      if (g.id == id) return true;
    }
    return false;
  };
  auto p = generate_plan(in, PlanState{}, rules(), 3);
  EXPECT_FALSE(has(p, "cadence"));
  EXPECT_FALSE(has(p, "footwear"));
  in.causes = {{"poor_form", 0.7}, {"foot_mechanics", 0.5}};
  p = generate_plan(in, PlanState{}, rules(), 3);
  EXPECT_TRUE(has(p, "cadence"));
  EXPECT_TRUE(has(p, "footwear"));
  bool metronome = false;
  for (const auto& sess : p.weeks.front().sessions) {
    metronome = metronome || sess.details.find("metronome to 168 bpm") != std::string::npos;
  }
  EXPECT_TRUE(metronome);  // 160 x 1.05
}

TEST(Plan, StrengthProgressesWeekly) {
  auto in = inputs_with({});
  in.runs = {{kToday - 3, 8, 48}};
  const auto p = generate_plan(in, PlanState{}, rules(), 3);
  auto clamshell_reps = [&](int week) {
    for (const auto& s : p.weeks[static_cast<std::size_t>(week)].sessions) {
      for (const auto& e : s.exercises) {
        if (e.id == "clamshell") return e.amount;
      }
    }
    return -1;
  };
  EXPECT_EQ(clamshell_reps(0), 15);
  EXPECT_EQ(clamshell_reps(1), 17);
  EXPECT_EQ(clamshell_reps(2), 19);
}

// Issue 11: urgency travels as one enum; its names are the ids of data/ and the JSON, the
// order is most urgent first, and an unknown name is refused rather than read as self-care.
TEST(UrgencyEnum, NamesRoundTripInOrderAndUnknownIsRefused) {
  const Urgency all[] = {Urgency::kEmergency, Urgency::kUrgent, Urgency::kSoon, Urgency::kSelfCare};
  const char* names[] = {"emergency", "urgent", "soon", "self_care"};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(urgency_name(all[i]), names[i]);
    EXPECT_EQ(parse_urgency(names[i]), all[i]);
    EXPECT_EQ(static_cast<int>(all[i]), i);  // the assessment ranks levels by this order
  }
  EXPECT_FALSE(parse_urgency("Urgent"));
  EXPECT_FALSE(parse_urgency(""));
  EXPECT_TRUE(seen_today(Urgency::kEmergency) && seen_today(Urgency::kUrgent));
  EXPECT_FALSE(seen_today(Urgency::kSoon) || seen_today(Urgency::kSelfCare));
  PlanInputs in;
  EXPECT_FALSE(apply_assessment_json(R"({"urgency": {"level": "later"}})", "test", in));
  ASSERT_TRUE(apply_assessment_json(R"({"urgency": {"level": "soon"}})", "test", in));
  EXPECT_EQ(in.urgency, Urgency::kSoon);
}

}  // namespace
}  // namespace rk::plan
