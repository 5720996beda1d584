#pragma once
// Each file api_<area>.cc adds its endpoints to the router; docs/http-api.md documents them.

#include "server/router.h"
#include "server/state.h"

namespace rk::server {

void add_meta_routes(Router& r, State& s);        // api_meta.cc: health, learn, FAQ
void add_assessment_routes(Router& r, State& s);  // api_assess.cc: questions, assessments
void add_activity_routes(Router& r, State& s);    // api_activities.cc: list, detail, import
void add_load_routes(Router& r, State& s);        // api_load.cc: load table, spikes, charts, form
void add_plan_routes(Router& r, State& s);        // api_plan.cc: diary, KOOS, plan, today

}  // namespace rk::server
