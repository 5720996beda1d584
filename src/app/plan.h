#pragma once
// Use cases: the plan and today's view (`runknee plan|today`, `GET /api/v1/plan|today`), the
// KOOS history, and the physiotherapist's report (`runknee report`). Each reads the store once
// through plan/session.h, which brings the stored plan state up to date with the diary.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "knowledge/knowledge_base.h"
#include "plan/exercise.h"
#include "plan/generator.h"
#include "plan/koos.h"
#include "plan/report.h"
#include "plan/session.h"
#include "store/database.h"
#include "store/user.h"
#include "util/expected.h"

namespace rk::app {

/// The exercise programme's stored records: what the plan prescribed and what was ticked off.
struct ExerciseRecords {
  std::vector<plan::Prescription> prescribed;
  std::vector<plan::ExerciseLog> logged;
};

struct PlanView {
  plan::PlanSession session;  // rules, inputs, the plan state with its decisions, the assessment
  plan::Plan plan;            // `weeks` weeks from today
  plan::TodayView today;
  ExerciseRecords exercises;  // with today's prescription recorded
  plan::Adherence adherence;  // exercise adherence over the days ending today
};

/// The plan for `weeks` weeks and today's view, at `now_utc`, with the figures of `kb`; `miles`:
/// the plan's text gives distances in miles (the runner's setting; JSON stays SI). Strengthening
/// doses follow the adherence rule (plan/exercise.h), and the plan's exercises from today on are
/// recorded as prescribed (written only when they changed).
Expected<PlanView> plan_view(const KnowledgeBase& kb, Database& db, UserId user,
                             std::int64_t now_utc, int weeks, bool miles = false);

/// What the plan says about today, as lines for the assessment's "What to do today" (hazard H8
/// in docs/clinical-safety.md: the plan alone decides whether the runner runs today, and the
/// assessment repeats it rather than deciding again). Empty when the plan does not follow
/// assessment `assessment_id` (an older assessment, or one not saved).
Expected<std::vector<std::string>> plan_today_lines(const KnowledgeBase& kb, Database& db,
                                                    UserId user, std::int64_t now_utc,
                                                    std::int64_t assessment_id);

/// Every KOOS taken: (date, scores), oldest first.
Expected<std::vector<std::pair<std::string, plan::KoosScore>>> koos_history(Database& db,
                                                                            UserId user);

/// Everything the physiotherapist's report shows (plan/report_data.h), for `weeks` plan weeks.
Expected<plan::ReportData> build_report(const KnowledgeBase& kb, Database& db, UserId user,
                                        std::int64_t now_utc, int weeks, bool miles = false);

}  // namespace rk::app
