#pragma once
// The plan as the front ends use it: read what it needs from the store, bring the stored plan
// state up to date with the diary, and hand back everything to generate the plan, today's view
// or the report. The CLI and the HTTP server both go through here, so both see the same plan.

#include <cstdint>
#include <optional>

#include "knowledge/knowledge_base.h"
#include "plan/adapt.h"
#include "plan/diary.h"
#include "plan/inputs.h"
#include "plan/rules.h"
#include "store/assessment_repo.h"
#include "store/database.h"
#include "store/user.h"
#include "util/expected.h"

namespace rk::plan {

struct PlanSession {
  UserId user{0};  // the runner the session was opened for; every read and write is theirs
  PlanRules rules;
  PlanInputs inputs;
  PlanState state;
  std::optional<SavedAssessment> assessment;  // the latest, when there is one
};

/// Reads the latest assessment, the runs of the last 120 days and the pain diary; applies the
/// diary entries not yet decided to the stored plan state; saves the state and any new decisions in
/// one transaction. The plan's rules take their figures from `kb` (plan_rules(kb)). Acts for
/// `user` only.
Expected<PlanSession> open_plan_session(Database& db, UserId user, std::int64_t now_utc,
                                        const KnowledgeBase& kb);

/// Every pain diary entry, oldest first.
Expected<std::vector<DiaryEntry>> read_diary(Database& db, UserId user);

/// Links a diary entry to the running activities of its (local) day: ids and kilometres.
Expected<void> attach_day_runs(Database& db, UserId user, DiaryEntry& entry);

}  // namespace rk::plan
