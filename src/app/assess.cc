#include "app/assess.h"

#include "store/assessment_repo.h"
#include "util/error.h"

namespace rk::app {

Expected<AssessOutcome> assess_and_save(Database& db, UserId user, const KnowledgeBase& kb,
                                        const Answers& answers,
                                        const std::optional<TrainingSummary>& training,
                                        std::int64_t now, bool save) {
  AssessOutcome out;
  out.result = assess(kb, {answers, training, now});
  out.json = to_json(kb, out.result);
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
  return out;
}

}  // namespace rk::app
