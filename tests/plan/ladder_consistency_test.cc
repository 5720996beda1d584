// The plan's strengthening ladder (data/plan/ladder.yaml) takes each exercise's name and starting
// dose from the knowledge base (data/exercises.yaml) and adds only the progression.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "knowledge/knowledge_base.h"
#include "plan/rules.h"
#include "plan/welcome.h"

namespace rk {
namespace {

TEST(LadderConsistency, StartingDosesMatchTheKnowledgeBase) {
  auto kb = KnowledgeBase::load_embedded();
  ASSERT_TRUE(kb) << kb.error().message;
  auto rules = plan::plan_rules(*kb);
  ASSERT_TRUE(rules) << rules.error().message;
  ASSERT_FALSE(rules->strengthening.empty());
  for (const auto& s : rules->strengthening) {
    SCOPED_TRACE(s.id);
    const Exercise* e = kb->exercise(s.id);
    ASSERT_NE(e, nullptr) << "ladder exercise missing from data/exercises.yaml";
    EXPECT_EQ(s.name, e->name);
    EXPECT_EQ(s.sets, e->sets);
    const bool hold = s.unit.find("hold") != std::string::npos;
    EXPECT_EQ(s.reps, hold ? e->hold_s.value_or(-1) : e->reps.value_or(-1));
  }
}

// Every exercise of the knowledge base has our own drawing (web/src/figures/ID.svg, issue 12
// item 7): an SVG with a title and a description for assistive technology, and the start and
// end position, as the web's exercise page shows it.
TEST(ExerciseFigures, EveryExerciseHasItsStartAndEndDrawing) {
  auto kb = KnowledgeBase::load_embedded();
  ASSERT_TRUE(kb) << kb.error().message;
  ASSERT_FALSE(kb->exercises().empty());
  for (const auto& e : kb->exercises()) {
    SCOPED_TRACE(e.id);
    const auto path =
        std::filesystem::path(RUNKNEE_SOURCE_DIR) / "web/src/figures" / (e.id + ".svg");
    std::ifstream in(path);
    ASSERT_TRUE(in) << path;
    const std::string svg((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
    EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
    EXPECT_NE(svg.find("<title id=\"fig-" + e.id + "-t\">" + e.name + ": start and end position</title>"),
              std::string::npos);
    EXPECT_NE(svg.find("<desc id=\"fig-" + e.id + "-d\">"), std::string::npos);
    EXPECT_NE(svg.find(">Start</text>"), std::string::npos);
    EXPECT_NE(svg.find(">End</text>"), std::string::npos);
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    EXPECT_EQ(svg.find("href"), std::string::npos);  // nothing fetched, nothing linked
  }
}

// Issue 11: the ladder does not repeat a dose of data/exercises.yaml; one that tries is refused,
// and so is an exercise the knowledge base does not have.
TEST(LadderConsistency, DosesAreTheKnowledgeBasesAndALadderRepeatingOneIsRefused) {
  auto kb = KnowledgeBase::load_embedded();
  ASSERT_TRUE(kb) << kb.error().message;
  const std::string stages =
      "stages: [{id: relief, title: r}, {id: w, title: w}, {id: build, title: b}]\n";
  auto rules = plan::plan_rules(*kb);  // the compiled-in ladder: no dose of its own
  ASSERT_TRUE(rules) << rules.error().message;
  const Exercise* e = kb->exercise("side_plank");
  ASSERT_NE(e, nullptr);
  bool found = false;
  for (const auto& s : rules->strengthening) {
    if (s.id != "side_plank") continue;
    found = true;
    EXPECT_EQ(s.name, e->name);
    EXPECT_EQ(s.sets, e->sets);
    EXPECT_EQ(s.reps, e->hold_s.value_or(-1));
    EXPECT_EQ(s.unit, "s hold");
  }
  EXPECT_TRUE(found);
  auto repeated = plan::parse_plan_rules(
      *kb, {{"ladder.yaml", stages + "strengthening: [{id: squat, sets: 3, step: 2}]\n"}});
  ASSERT_FALSE(repeated);
  EXPECT_NE(repeated.error().message.find("'sets' is data/exercises.yaml's"), std::string::npos)
      << repeated.error().message;
  auto unknown = plan::parse_plan_rules(
      *kb, {{"ladder.yaml", stages + "strengthening: [{id: lunge, step: 2}]\n"}});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("'lunge' is not in data/exercises.yaml"),
            std::string::npos)
      << unknown.error().message;
}

// Clearance checks (data/plan/clearance.yaml) name real questions, values, conditions and
// citations, so a renamed answer cannot silently switch a safety check off.
TEST(PlanClearanceData, ChecksNameRealQuestionsValuesConditionsAndCitations) {
  auto kb = KnowledgeBase::load_embedded();
  ASSERT_TRUE(kb) << kb.error().message;
  auto rules = plan::plan_rules(*kb);
  ASSERT_TRUE(rules) << rules.error().message;
  ASSERT_FALSE(rules->clearance_checks.empty());
  for (const auto& c : rules->clearance_checks) {
    SCOPED_TRACE(c.id);
    EXPECT_NE(kb->citation(c.citation), nullptr) << c.citation;
    for (const auto& [id, values] : c.answers) {
      const Question* q = kb->question(id);
      ASSERT_NE(q, nullptr) << id;
      for (const auto& v : values) {
        if (q->type == QuestionType::kBool) {
          EXPECT_TRUE(v == "true" || v == "false") << id << ": " << v;
          continue;
        }
        ASSERT_TRUE(q->type == QuestionType::kEnum || q->type == QuestionType::kMulti) << id;
        bool known = false;
        for (const auto& ch : q->values) known = known || ch.id == v;
        EXPECT_TRUE(known) << id << ": no value '" << v << "'";
      }
    }
    for (const auto& id : c.conditions) EXPECT_NE(kb->condition(id), nullptr) << id;
  }
  for (const char* id : {"plan.assessment_pain_max", "plan.build_start_pain_max"}) {
    EXPECT_NE(kb->citation(rules->rule(id).citation), nullptr) << id;
  }
}

// Every plan exercise says how to do it (3-5 steps) and the common mistake (issue 12, item 7).
TEST(ExerciseGuideData, EveryPlanExerciseHasStepsAndAMistake) {
  auto kb = KnowledgeBase::load_embedded();
  ASSERT_TRUE(kb) << kb.error().message;
  auto rules = plan::plan_rules(*kb);
  ASSERT_TRUE(rules) << rules.error().message;
  ASSERT_FALSE(rules->strengthening.empty());
  for (const auto& e : rules->strengthening) {
    SCOPED_TRACE(e.id);
    EXPECT_GE(e.steps.size(), 3u);
    EXPECT_LE(e.steps.size(), 5u);
    for (const auto& s : e.steps) EXPECT_GT(s.size(), 10u);
    EXPECT_GT(e.mistake.size(), 10u);
  }
  // A guide for an exercise the plan does not have is refused, not ignored.
  auto bad = plan::parse_plan_rules(
      *kb, {{"ladder.yaml",
        "stages: [{id: relief, title: r}, {id: w, title: w}, {id: build, title: b}]\n"
        "strengthening: [{id: squat}]\n"},
       {"guide.yaml", "guide: [{id: lunge, steps: [a, b, c], mistake: m}]\n"}});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("lunge"), std::string::npos) << bad.error().message;
}

TEST(FirstRunData, WelcomeParsesAndPointsToTheKneeCheckAndTheImport) {
  const auto& w = plan::welcome();  // throws if the compiled-in file is broken
  ASSERT_GE(w.steps.size(), 2u);
  EXPECT_EQ(w.steps[0].id, "knee_check");
  EXPECT_EQ(w.steps[1].id, "import");
  std::string notes;
  for (const auto& n : w.steps[1].notes) notes += n;
  EXPECT_NE(notes.find("GARMIN/Activity"), std::string::npos);
  EXPECT_FALSE(plan::parse_welcome("title: x\n", "w.yaml"));
}

}  // namespace
}  // namespace rk
