// Training load: weekly table, spikes, the load and form charts.

#include "server/routes.h"

namespace rk::server {

void add_load_routes(Router& r, State&) {
  for (const char* path : {"/api/v1/load", "/api/v1/load/spikes", "/api/v1/load/chart.svg",
                           "/api/v1/form", "/api/v1/form/chart.svg"}) {
    r.add("GET", path, [](Call&) -> ApiResult { return not_available("load analysis"); });
  }
}

}  // namespace rk::server
