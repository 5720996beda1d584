// Activities: list, detail with streams, and upload import.

#include "server/routes.h"

namespace rk::server {

void add_activity_routes(Router& r, State&) {
  r.add("GET", "/api/v1/activities",
        [](Call&) -> ApiResult { return not_available("activities"); });
  r.add("GET", "/api/v1/activities/{id}",
        [](Call&) -> ApiResult { return not_available("activities"); });
  r.add(
      "POST", "/api/v1/imports", [](Call&) -> ApiResult { return not_available("import"); },
      /*streaming=*/true);
}

}  // namespace rk::server
