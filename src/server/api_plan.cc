// Pain diary, KOOS, the plan and today's view.

#include "server/routes.h"

namespace rk::server {

void add_plan_routes(Router& r, State&) {
  for (const char* path : {"/api/v1/diary", "/api/v1/koos", "/api/v1/koos/questions",
                           "/api/v1/plan", "/api/v1/today"}) {
    r.add("GET", path, [](Call&) -> ApiResult { return not_available("plans"); });
  }
  for (const char* path : {"/api/v1/diary", "/api/v1/koos"}) {
    r.add("POST", path, [](Call&) -> ApiResult { return not_available("plans"); });
  }
}

}  // namespace rk::server
