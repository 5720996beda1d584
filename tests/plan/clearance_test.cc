// Clearance from the assessment (issue 10, item 4; docs/clinical-safety.md refers to these
// tests): not cleared to run with assessment pain above 5/10, a limp, locking, catching with
// giving way, a bone-stress suspicion or any red flag at any level; never starting at build with
// assessment pain above 2/10; wording that matches the assessment's urgency.

#include <gtest/gtest.h>

#include <random>

#include "plan/generator.h"
#include "test_helpers.h"

namespace rk::plan {
namespace {

using testing::kToday;
using testing::rules;

/// A stored assessment result (docs/assessment.md, schema_version 1) with these answers.
nlohmann::json result_json(const std::string& level, const nlohmann::json& answers,
                           const nlohmann::json& red_flags = nlohmann::json::array(),
                           const nlohmann::json& conditions = nlohmann::json::array()) {
  return {{"schema_version", 1},
          {"created_utc", "2025-11-24T10:00:00Z"},
          {"urgency", {{"level", level}, {"label", "..."}, {"reasons", nlohmann::json::array()}}},
          {"red_flags", red_flags},
          {"causes", nlohmann::json::array({{{"id", "overuse"}, {"score", 0.8}}})},
          {"conditions", conditions},
          {"training", nullptr},
          {"answers", answers}};
}

/// A runner with six weeks of 8 km every other day, and this assessment.
PlanInputs runner_with(const nlohmann::json& result) {
  PlanInputs in;
  in.today = kToday;
  for (std::int64_t d = kToday - 42; d < kToday; d += 2) in.runs.push_back({d, 8, 48});
  auto ok = apply_assessment_json(result.dump(), "assessment", in);
  EXPECT_TRUE(ok) << (ok ? "" : ok.error().message);
  in.assessment_id = 1;
  return in;
}

/// Onset is a required question: gradual unless `answers` says otherwise (a sudden onset, or
/// none, starts with the return-to-run checks; hazard H5).
PlanInputs runner_with_answers(nlohmann::json answers, const std::string& level = "self_care") {
  if (!answers.contains("onset")) answers["onset"] = "gradual";
  return runner_with(result_json(level, answers));
}

bool any_running(const Plan& p) {
  for (const auto& w : p.weeks) {
    for (const auto& s : w.sessions) {
      if (s.is_running() || s.distance_km) return true;
    }
  }
  return false;
}

bool has_rule(const Clearance& c, const std::string& id) {
  return std::find(c.rules.begin(), c.rules.end(), id) != c.rules.end();
}

TEST(PlanClearance, AssessmentPainAboveFiveIsNotCleared) {
  for (const char* field : {"pain_during", "pain_after", "pain_morning"}) {
    auto in = runner_with_answers({{field, 6}});
    const auto c = clearance(in, PlanState{}, rules());
    EXPECT_FALSE(c.cleared) << field;
    EXPECT_TRUE(has_rule(c, "plan.assessment_pain_max")) << field;
    EXPECT_FALSE(any_running(generate_plan(in, PlanState{}, rules(), 6))) << field;
  }
  auto five = runner_with_answers({{"pain_during", 5}, {"pain_after", 5}, {"pain_morning", 5}});
  EXPECT_TRUE(clearance(five, PlanState{}, rules()).cleared);
}

TEST(PlanClearance, SeverePainWithLockingAtSoonIsNotClearedAndGetsNoRun) {
  // The case: pain 9/8/6, worse, limp, locking, catching and giving way; urgency soon.
  auto in = runner_with_answers({{"pain_during", 9},
                                 {"pain_after", 8},
                                 {"pain_morning", 6},
                                 {"trend", "worse"},
                                 {"weight_bearing", "limp"},
                                 {"locking", true},
                                 {"catching", true},
                                 {"giving_way", "sometimes"}},
                                "soon");
  PlanState s;
  update_state(s, in, rules());
  const auto p = generate_plan(in, s, rules(), 6);
  EXPECT_FALSE(p.cleared);
  EXPECT_EQ(p.headline.find("Cleared"), std::string::npos) << p.headline;
  EXPECT_NE(p.headline.find("within the next few days"), std::string::npos) << p.headline;
  EXPECT_FALSE(any_running(p));
  const auto c = clearance(in, s, rules());
  for (const char* id : {"plan.assessment_pain_max", "clearance.limp", "clearance.locking",
                         "clearance.catching_giving_way"}) {
    EXPECT_TRUE(has_rule(c, id)) << id;
  }
  const auto t = today_view(p, s, rules());
  EXPECT_FALSE(t.cleared);
  EXPECT_FALSE(t.not_cleared_reasons.empty());
  for (const auto& sess : t.sessions) EXPECT_FALSE(sess.is_running());
}

TEST(PlanClearance, LimpIsNotCleared) {
  EXPECT_FALSE(clearance(runner_with_answers({{"weight_bearing", "limp"}}), {}, rules()).cleared);
  EXPECT_TRUE(clearance(runner_with_answers({{"weight_bearing", "normal"}}), {}, rules()).cleared);
}

TEST(PlanClearance, LockingOrCatchingWithGivingWayIsNotCleared) {
  EXPECT_FALSE(clearance(runner_with_answers({{"locking", true}}), {}, rules()).cleared);
  EXPECT_FALSE(
      clearance(runner_with_answers({{"catching", true}, {"giving_way", "sometimes"}}), {}, rules())
          .cleared);
  // Catching alone, or giving way alone without a fall, is not a mechanical block by itself.
  EXPECT_TRUE(
      clearance(runner_with_answers({{"catching", true}, {"giving_way", "never"}}), {}, rules())
          .cleared);
  EXPECT_TRUE(clearance(runner_with_answers({{"catching", false}, {"giving_way", "sometimes"}}), {},
                        rules())
                  .cleared);
}

TEST(PlanClearance, BoneStressSuspicionIsNotCleared) {
  const auto tender = clearance(runner_with_answers({{"bony_tenderness", true}}), {}, rules());
  EXPECT_FALSE(tender.cleared);
  EXPECT_TRUE(has_rule(tender, "clearance.bony_tenderness"));
  auto listed = runner_with(result_json(
      "self_care", {{"pain_during", 2}}, nlohmann::json::array(),
      nlohmann::json::array({{{"id", "tibial_plateau_stress_fracture"}, {"score", 0.4}}})));
  const auto c = clearance(listed, {}, rules());
  EXPECT_FALSE(c.cleared);
  EXPECT_TRUE(has_rule(c, "clearance.bone_stress_condition"));
}

TEST(PlanClearance, AnyRedFlagAtAnyLevelIsNotCleared) {
  const auto flags = nlohmann::json::array(
      {{{"id", "red_flag.night_rest_pain"}, {"text", "Pain at rest or at night."}}});
  for (const char* level : {"self_care", "soon", "urgent", "emergency"}) {
    auto in = runner_with(result_json(level, {{"pain_during", 1}}, flags));
    const auto c = clearance(in, {}, rules());
    EXPECT_FALSE(c.cleared) << level;
    EXPECT_TRUE(has_rule(c, "clearance.red_flag")) << level;
    std::string all;
    for (const auto& r : c.reasons) all += r + "\n";
    EXPECT_NE(all.find("Pain at rest or at night."), std::string::npos) << all;
    EXPECT_FALSE(any_running(generate_plan(in, PlanState{}, rules(), 6))) << level;
  }
}

TEST(PlanClearance, WordingMatchesTheAssessmentsUrgency) {
  auto urgent = runner_with_answers({{"pain_during", 1}}, "urgent");
  const auto p = generate_plan(urgent, PlanState{}, rules(), 2);
  EXPECT_NE(p.headline.find("today"), std::string::npos) << p.headline;
  std::string all = p.headline + "\n";
  for (const auto& r : p.not_cleared_reasons) all += r + "\n";
  for (const auto& g : p.guidance) all += g.title + ": " + g.text + "\n";
  EXPECT_EQ(all.find("within days"), std::string::npos) << all;
  EXPECT_EQ(all.find("few days"), std::string::npos) << all;
  EXPECT_NE(p.not_cleared_reasons.front().find("today"), std::string::npos);

  auto emergency = runner_with_answers({{"pain_during", 1}}, "emergency");
  const auto e = generate_plan(emergency, PlanState{}, rules(), 2);
  EXPECT_NE(e.headline.find("now"), std::string::npos) << e.headline;
  EXPECT_TRUE(e.weeks.empty());

  auto soon = runner_with_answers({{"pain_during", 7}}, "soon");
  const auto s = generate_plan(soon, PlanState{}, rules(), 2);
  EXPECT_NE(s.headline.find("within the next few days"), std::string::npos) << s.headline;
}

TEST(PlanClearance, NeverStartsAtBuildWithAssessmentPainAboveTwo) {
  for (int pain = 0; pain <= 5; ++pain) {
    auto in = runner_with_answers({{"pain_during", pain}, {"pain_after", 0}, {"pain_morning", 0}});
    PlanState s;
    update_state(s, in, rules());
    const auto p = generate_plan(in, s, rules(), 1);
    EXPECT_TRUE(p.cleared) << pain;
    if (pain > 2) {
      EXPECT_NE(s.stage, rules().build_stage()) << pain;
      EXPECT_NE(p.stage_id, "build") << pain;
    } else {
      EXPECT_EQ(s.stage, rules().build_stage()) << pain;
    }
  }
}

// Hazard H5: unknown is never "no". A plan starts at building only when the knee check gave its
// pain (at most plan.build_start_pain_max) and the pain came on gradually; without a pain answer,
// after a sudden onset or with the onset unknown, it starts with the return-to-run checks.
TEST(PlanClearance, UnknownPainOrASuddenOnsetNeverStartsAtBuild) {
  const std::vector<nlohmann::json> pains = {
      nlohmann::json::object(), {{"pain_during", 1}}, {{"pain_after", 0}}, {{"pain_during", 4}}};
  for (const auto& pain : pains) {
    for (const auto& onset :
         {nlohmann::json("gradual"), nlohmann::json("sudden"), nlohmann::json(nullptr)}) {
      auto answers = pain;
      answers["onset"] = onset;
      auto in = runner_with_answers(answers);
      PlanState s;
      update_state(s, in, rules());
      const bool may_build = !pain.empty() && pain.begin()->get<int>() <= 2 && onset == "gradual";
      EXPECT_EQ(s.stage == rules().build_stage(), may_build) << answers.dump();
      EXPECT_EQ(s.stage == rules().build_stage(),
                initial_stage(in, rules()) == rules().build_stage())
          << answers.dump();
    }
  }
}

// Metamorphic: taking the pain answers away never moves a new plan further on.
TEST(PlanClearance, RemovingThePainAnswersNeverRaisesTheStartingStage) {
  for (int pain = 0; pain <= 5; ++pain) {
    const auto known = runner_with_answers({{"pain_during", pain}});
    const auto unknown = runner_with_answers(nlohmann::json::object());
    EXPECT_LE(initial_stage(unknown, rules()), initial_stage(known, rules())) << pain;
  }
}

TEST(PlanClearance, ANewCheckAfterAnInjuryTakesBuildBackToTheChecks) {
  auto in = runner_with_answers({{"pain_during", 1}});
  PlanState s;
  update_state(s, in, rules());
  ASSERT_EQ(s.stage, rules().build_stage());
  auto injured = runner_with_answers({{"pain_during", 1}, {"onset", "sudden"}});
  injured.assessment_id = 2;
  update_state(s, injured, rules());
  EXPECT_EQ(s.stage, rules().relief_stage());
}

TEST(PlanClearance, APainfulNewAssessmentTakesBuildBackToTheChecks) {
  auto in = runner_with_answers({{"pain_during", 1}});
  PlanState s;
  update_state(s, in, rules());
  ASSERT_EQ(s.stage, rules().build_stage());
  auto again = runner_with_answers({{"pain_during", 4}});
  again.assessment_id = 2;
  update_state(s, again, rules());
  EXPECT_EQ(s.stage, rules().relief_stage());
  EXPECT_EQ(s.assessment_id, 2);
  // The same assessment read again does not move the stage back a second time.
  s.stage = 2;
  update_state(s, again, rules());
  EXPECT_EQ(s.stage, 2);
  auto back = plan_state_from_json(to_json(s), "state");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->assessment_id, 2);
}

TEST(PlanClearance, ReadsTheStoredAssessmentsFields) {
  PlanInputs in;
  const auto j =
      result_json("soon",
                  {{"pain_during", 3},
                   {"pain_after", 7},
                   {"pain_morning", 2},
                   {"pain_location", {"joint_line", "upper_shin_bone"}},
                   {"locking", true}},
                  nlohmann::json::array({{{"id", "red_flag.x"}, {"text", "Some sign."}}}),
                  nlohmann::json::array({{{"id", "medial_meniscus"}, {"score", 0.6}}}));
  ASSERT_TRUE(apply_assessment_json(j.dump(), "a", in));
  EXPECT_EQ(in.assessment_pain, 7);
  ASSERT_EQ(in.red_flag_texts.size(), 1u);
  EXPECT_EQ(in.red_flag_texts[0], "Some sign.");
  EXPECT_EQ(in.conditions, std::vector<std::string>{"medial_meniscus"});
  EXPECT_EQ(in.answers["locking"], std::vector<std::string>{"true"});
  EXPECT_EQ(in.answers["pain_location"],
            (std::vector<std::string>{"joint_line", "upper_shin_bone"}));
}

// Over many random assessments and histories: whenever one of the blocking findings is in the
// assessment, no plan holds a run; whenever assessment pain is above 2/10, no plan starts at build.
TEST(PlanClearance, PropertyNoRunWithABlockingFinding) {
  std::mt19937 rng(20261125);
  auto pick = [&](int a, int b) { return std::uniform_int_distribution<int>(a, b)(rng); };
  const char* levels[] = {"self_care", "soon", "urgent", "emergency"};
  const char* bearing[] = {"normal", "limp", "cannot"};
  const char* giving[] = {"never", "sometimes", "caused_fall"};
  for (int n = 0; n < 3000; ++n) {
    nlohmann::json a = {{"pain_during", pick(0, 10)},       {"pain_after", pick(0, 10)},
                        {"pain_morning", pick(0, 10)},      {"weight_bearing", bearing[pick(0, 2)]},
                        {"locking", pick(0, 4) == 0},       {"catching", pick(0, 3) == 0},
                        {"giving_way", giving[pick(0, 2)]}, {"bony_tenderness", pick(0, 5) == 0}};
    if (pick(0, 3) == 0) a.erase("pain_during");  // unanswered
    auto flags = nlohmann::json::array();
    if (pick(0, 6) == 0) flags.push_back({{"id", "red_flag.y"}, {"text", "A sign."}});
    const std::string level = levels[pick(0, 3)];
    PlanInputs in = runner_with(result_json(level, a, flags));
    in.runs.clear();
    for (int i = 0, k = pick(0, 30); i < k; ++i)
      in.runs.push_back({kToday - pick(1, 60), 2.0 + pick(0, 25), 50});
    std::sort(in.runs.begin(), in.runs.end(), [](auto& x, auto& y) { return x.day < y.day; });
    PlanState s;
    if (pick(0, 1)) s.stage = pick(0, rules().build_stage());  // an older plan's stage
    update_state(s, in, rules());
    const auto p = generate_plan(in, s, rules(), 4);
    int worst = 0;
    for (const char* f : {"pain_during", "pain_after", "pain_morning"}) {
      if (a.contains(f)) worst = std::max(worst, a[f].get<int>());
    }
    const bool blocking = worst > 5 || a["weight_bearing"] != "normal" || a["locking"] == true ||
                          (a["catching"] == true && a["giving_way"] != "never") ||
                          a["bony_tenderness"] == true || !flags.empty() || level == "urgent" ||
                          level == "emergency";
    SCOPED_TRACE(::testing::Message() << "case " << n << ": " << a.dump() << " " << level);
    if (blocking) {
      ASSERT_FALSE(p.cleared);
      ASSERT_FALSE(any_running(p));
      ASSERT_EQ(p.headline.find("Cleared"), std::string::npos);
    }
    if (worst > 2 && s.stage >= 0 && p.cleared) {
      // A fresh plan never starts at build; an older plan at build is moved back.
      ASSERT_NE(s.stage, rules().build_stage());
    }
  }
}

}  // namespace
}  // namespace rk::plan
