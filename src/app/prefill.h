#pragma once
// Use case: answers and runs together (issue 12). With runs in the store, the questionnaire's
// TRAINING answers that the runs measure (weekly distance now and before, longest run now and
// before, cadence) are pre-filled from them; where a given answer and the runs disagree, the
// runs are used and the result says so, with both values (docs/assessment.md, "Answers and
// runs"). Safety questions (warning signs, painkiller safety) are never pre-filled: only the
// questions listed by prefilled_question_ids() can be.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "assess/answers.h"
#include "knowledge/knowledge_base.h"
#include "model/activity.h"
#include "store/database.h"
#include "store/user.h"
#include "util/expected.h"

namespace rk::app {

/// The only questions a pre-fill may answer (all in the "Training" section).
const std::vector<std::string>& prefilled_question_ids();

/// Question id -> the value the runs show. A question is absent when the runs do not cover the
/// whole period it asks about (the first stored run is later than the period's start), when
/// the store is not current (no run in the last `current_days`: the runner may have stopped
/// importing) or, for cadence, when no run of the last 14 days recorded one.
struct RunAnswers {
  std::map<std::string, double> values;
  bool empty() const { return values.empty(); }
};

/// Pure: the training answers `activities` (any order) show at `now_utc`.
RunAnswers derive_run_answers(const std::vector<Activity>& activities, std::int64_t now_utc,
                              int current_days);

/// The same from the runner's stored runs (current_days: data/scoring.yaml
/// assess.runs_current_days).
Expected<RunAnswers> run_answers(Database& db, UserId user, const KnowledgeBase& kb,
                                 std::int64_t now_utc);

/// One answer that disagreed with the runs.
struct AnswerVsRuns {
  std::string question_id;
  double answer = 0;
  double runs = 0;
  std::string used;  // "runs"
  std::string text;  // data/questions.yaml, section "Training", runs_used_note
};

/// The question whether the store has all the runner's runs (data/questions.yaml).
inline constexpr const char* kRunsCompleteQuestion = "runs_complete";
/// The runner answered that runs are missing from the store: their answers win over the runs.
bool runs_incomplete(const Answers& answers);

/// Replaces an answer that disagrees with the runs (beyond data/scoring.yaml's tolerance) by the
/// runs' value, returning one note per disagreement; nothing when runs_incomplete(). Unanswered questions stay unanswered (the
/// engine's history rules read the runs themselves). Only prefilled_question_ids() are touched.
std::vector<AnswerVsRuns> reconcile(const KnowledgeBase& kb, Answers& answers,
                                    const RunAnswers& runs);

/// {"question_id": value, ...} plus the label: for the questionnaire (CLI and API).
nlohmann::json prefill_json(const KnowledgeBase& kb, const RunAnswers& runs);
/// The notes as JSON, as the assessment result embeds them ("answers_and_runs").
nlohmann::json notes_json(const std::vector<AnswerVsRuns>& notes);

}  // namespace rk::app
