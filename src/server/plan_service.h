#pragma once
// The plan for the API: plan/session.h reads the store and updates the plan state (the CLI
// uses the same function); this generates the plan and today's view from it, and maps
// failures to API errors.

#include "plan/generator.h"
#include "server/api.h"
#include "store/store.h"

namespace rk::server {

struct PlanSnapshot {
  plan::Plan plan;
  plan::PlanState state;
  plan::TodayView today;
};

Checked<PlanSnapshot> current_plan(Store& store, std::int64_t now_utc, int weeks);

/// Fills the entry's runs of that day (activity ids, km) from the store.
Checked<void> attach_runs(Store& store, plan::DiaryEntry& e);

}  // namespace rk::server
