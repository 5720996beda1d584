#include "app/assess.h"

#include "app/plan.h"
#include "app/prefill.h"
#include "store/assessment_repo.h"
#include "util/error.h"

namespace rk::app {

Expected<AssessOutcome> assess_and_save(Database& db, UserId user, const KnowledgeBase& kb,
                                        const Answers& answers,
                                        const std::optional<TrainingSummary>& training,
                                        std::int64_t now, bool save) {
  AssessOutcome out;
  // Answers and runs together: a training answer the stored runs contradict is replaced by the
  // runs' figure, and the result says so with both values.
  Answers used = answers;
  std::vector<AnswerVsRuns> notes;
  if (training) {
    auto runs = run_answers(db, user, kb, now);
    if (!runs) return fail(runs.error());
    notes = reconcile(kb, used, *runs);
  }
  out.result = assess(kb, {used, training, now});
  out.json = to_json(kb, out.result);
  if (!notes.empty()) out.json["answers_and_runs"] = notes_json(notes);
  if (!save) return out;
  const SavedAssessment saved{0,
                              out.result.created_utc,
                              out.result.urgency.level,
                              out.result.causes.empty() ? "" : out.result.causes.front().id,
                              answers_to_json(kb, answers).dump(),
                              out.json.dump()};
  auto id = AssessmentRepo(db).save(user, saved);
  if (!id) return fail(id.error());
  out.id = *id;
  auto today = plan_today_lines(kb, db, user, now, *id);
  if (!today) return fail(today.error());
  out.plan_today = std::move(*today);
  return out;
}

}  // namespace rk::app
