// Answers and runs together (issue 12, item 6): the training answers derived from stored runs,
// and the rule when an answer and the runs disagree (the runs are used; the note says so).

#include <gtest/gtest.h>

#include "app/prefill.h"
#include "support/knowledge.h"

namespace rk::app {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kNow = 1'780'000'000;  // any fixed instant

Activity run(std::int64_t days_ago, double km, std::optional<double> cadence = std::nullopt,
             std::string sport = "running") {
  Activity a;
  a.sport = std::move(sport);
  a.start_utc = kNow - days_ago * kDay;
  a.distance_m = km * 1000;
  a.moving_s = km * 330;
  a.avg_cadence_spm = cadence;
  return a;
}

TEST(RunAnswers, DeriveTheTrainingAnswersFromTheRuns) {
  std::vector<Activity> acts;
  // Days 43..15 ago (the 28 days before the last two weeks): 4 weeks of 3 x 10 km, a 16 km one.
  for (int week = 0; week < 4; ++week)
    for (int d : {0, 2, 4}) acts.push_back(run(15 + week * 7 + d, 10, 170));
  acts.push_back(run(20, 16));
  acts.push_back(run(44, 6));  // the store reaches back over both earlier periods
  // The last 14 days: 5, 8 and a 12 km run, cadences 160, 164, 170 (median 164); a bike ride.
  acts.push_back(run(12, 5, 160));
  acts.push_back(run(6, 8, 164));
  acts.push_back(run(1, 12, 170));
  acts.push_back(run(2, 80, std::nullopt, "cycling"));
  const RunAnswers r = derive_run_answers(acts, kNow, 28);
  EXPECT_DOUBLE_EQ(r.values.at("weekly_km_now"), 12.5);     // 25 km / 2 weeks
  EXPECT_DOUBLE_EQ(r.values.at("weekly_km_before"), 34.0);  // (120 + 16) / 4 weeks
  EXPECT_DOUBLE_EQ(r.values.at("longest_recent_km"), 12.0);
  EXPECT_DOUBLE_EQ(r.values.at("longest_before_km"), 16.0);
  EXPECT_DOUBLE_EQ(r.values.at("cadence_spm"), 164.0);
  EXPECT_EQ(r.values.size(), 5u);
}

TEST(RunAnswers, APeriodTheRunsDoNotCoverIsNotPrefilled) {
  // Runs only since 20 days ago: the last two weeks are covered, the month before is not.
  const RunAnswers r = derive_run_answers({run(20, 10), run(9, 6), run(3, 7)}, kNow, 28);
  EXPECT_DOUBLE_EQ(r.values.at("weekly_km_now"), 6.5);
  EXPECT_DOUBLE_EQ(r.values.at("longest_recent_km"), 7.0);
  EXPECT_FALSE(r.values.count("weekly_km_before"));
  EXPECT_FALSE(r.values.count("longest_before_km"));
  EXPECT_FALSE(r.values.count("cadence_spm"));  // no run recorded one
  // Only 10 days of runs: nothing is measured over a whole period.
  EXPECT_TRUE(derive_run_answers({run(10, 10), run(3, 7)}, kNow, 28).empty());
  EXPECT_TRUE(derive_run_answers({}, kNow, 28).empty());
  // A store whose last run is older than 28 days is not current: no "0 km from your runs".
  EXPECT_TRUE(derive_run_answers({run(400, 10), run(100, 12), run(29, 7)}, kNow, 28).empty());
  EXPECT_DOUBLE_EQ(derive_run_answers({run(400, 10), run(100, 12), run(27, 7)}, kNow, 28)
                       .values.at("weekly_km_now"),
                   0.0);
}

TEST(RunAnswers, OnlyTrainingQuestionsArePrefilled) {
  const KnowledgeBase& kb = rk::testing::embedded_knowledge();
  for (const std::string& id : prefilled_question_ids()) {
    const Question* found = nullptr;
    for (const Question& q : kb.questions())
      if (q.id == id) found = &q;
    ASSERT_NE(found, nullptr) << id;
    EXPECT_EQ(found->section, "Training") << id;
  }
  // Figures under safety question ids (never produced by the derivation) are ignored.
  RunAnswers runs;
  runs.values = {{"fever", 1}, {"med_kidney", 0}, {"age", 99}};
  Answers a;
  a.values["age"] = 40.0;
  EXPECT_TRUE(reconcile(kb, a, runs).empty());
  EXPECT_EQ(a.values.size(), 1u);
  EXPECT_DOUBLE_EQ(std::get<double>(a.values.at("age")), 40.0);
}

TEST(AnswersVsRuns, TheRunsAreUsedAndTheNoteShowsBothValues) {
  const KnowledgeBase& kb = rk::testing::embedded_knowledge();
  RunAnswers runs;
  runs.values = {{"weekly_km_now", 20.7}, {"weekly_km_before", 30}, {"cadence_spm", 168}};
  Answers a;
  a.values["weekly_km_now"] = 45.0;   // the answer says +50%, the runs -31%
  a.values["weekly_km_before"] = 30.0;
  a.values["cadence_spm"] = 170.0;    // within the tolerance: rounding, not a disagreement
  a.values["fever"] = false;
  const auto notes = reconcile(kb, a, runs);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].question_id, "weekly_km_now");
  EXPECT_DOUBLE_EQ(notes[0].answer, 45);
  EXPECT_DOUBLE_EQ(notes[0].runs, 20.7);
  EXPECT_EQ(notes[0].used, "runs");
  EXPECT_NE(notes[0].text.find("you answered 45 km"), std::string::npos) << notes[0].text;
  EXPECT_NE(notes[0].text.find("your stored runs show 20.7 km"), std::string::npos);
  EXPECT_NE(notes[0].text.find("Used: your runs, because"), std::string::npos);
  EXPECT_EQ(notes[0].text.find('{'), std::string::npos) << "an unfilled placeholder";
  EXPECT_DOUBLE_EQ(std::get<double>(a.values.at("weekly_km_now")), 20.7);
  EXPECT_DOUBLE_EQ(std::get<double>(a.values.at("cadence_spm")), 170);  // kept
  EXPECT_FALSE(std::get<bool>(a.values.at("fever")));
  // An unanswered training question stays unanswered (the history rules read the runs).
  EXPECT_FALSE(a.values.count("longest_recent_km"));
  const auto j = notes_json(notes);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["question"], "weekly_km_now");
  EXPECT_EQ(j[0]["used"], "runs");
  EXPECT_EQ(prefill_json(kb, runs)["label"], "from your runs");
  EXPECT_DOUBLE_EQ(prefill_json(kb, runs)["values"]["weekly_km_now"].get<double>(), 20.7);
}

// Issue 12, item 6: a runner whose store misses runs (another watch, a treadmill) says so, and
// their answers win; unanswered or "yes", the runs are used as before.
TEST(AnswersVsRuns, TheRunnerSaysRunsAreMissingAndTheAnswersWin) {
  const KnowledgeBase& kb = rk::testing::embedded_knowledge();
  RunAnswers runs;
  runs.values = {{"weekly_km_now", 20.7}};
  for (const auto& [complete, replaced] :
       std::vector<std::pair<std::optional<bool>, bool>>{{false, false}, {true, true}, {{}, true}}) {
    Answers a;
    a.values["weekly_km_now"] = 45.0;
    if (complete) a.values[kRunsCompleteQuestion] = *complete;
    EXPECT_EQ(runs_incomplete(a), complete == false);
    EXPECT_EQ(reconcile(kb, a, runs).size(), replaced ? 1u : 0u);
    EXPECT_DOUBLE_EQ(std::get<double>(a.values.at("weekly_km_now")), replaced ? 20.7 : 45.0);
  }
  const Question* q = nullptr;
  for (const Question& candidate : kb.questions())
    if (candidate.id == kRunsCompleteQuestion) q = &candidate;
  ASSERT_NE(q, nullptr);
  EXPECT_TRUE(q->only_with_runs);
  EXPECT_EQ(q->section, "Training");
  EXPECT_FALSE(q->required);
}

}  // namespace
}  // namespace rk::app
