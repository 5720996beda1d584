#pragma once
// A thin adapter over plan/: gathers the plan's inputs from the store (latest assessment,
// runs, diary), brings the stored plan state up to date with the diary (saving new decisions),
// and generates the plan and today's view. The plan module itself does no I/O.

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
