// Health, learn and FAQ content.

#include "server/routes.h"

namespace rk::server {

void add_meta_routes(Router& r, State& s) {
  r.add("GET", "/api/v1/health", [&s](Call&) -> ApiResult {
    return json_reply(
        {{"status", "ok"}, {"version", "0.1.0"}, {"api_version", 1}, {"revision", s.revision()}});
  });
  r.add("GET", "/api/v1/learn", [](Call&) -> ApiResult { return not_available("learn content"); });
  r.add("GET", "/api/v1/faq", [](Call&) -> ApiResult { return not_available("the FAQ"); });
}

}  // namespace rk::server
