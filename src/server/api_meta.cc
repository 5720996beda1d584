// Health, learn and FAQ content.

#include <memory>

#include "server/knowledge_json.h"
#include "server/routes.h"
#include "util/build_info.h"

namespace rk::server {

void add_meta_routes(Router& r, State& s) {
  r.add("GET", "/api/v1/health", [&s](Call&) -> ApiResult {
    return json_reply({{"status", "ok"},
                       {"version", build_version()},
                       {"commit", build_commit()},
                       {"knowledge_version", s.kb().version()},
                       {"api_version", 1},
                       {"revision", s.revision()}});
  });
  // The knowledge base does not change while the server runs: render once.
  auto learn = std::make_shared<Reply>(json_reply(learn_json(s.kb())));
  auto faq = std::make_shared<Reply>(json_reply(faq_json(s.kb())));
  r.add("GET", "/api/v1/learn", [learn](Call&) -> ApiResult { return *learn; });
  r.add("GET", "/api/v1/faq", [faq](Call&) -> ApiResult { return *faq; });
}

}  // namespace rk::server
