// Health, learn and FAQ content.

#include <memory>

#include "server/knowledge_json.h"
#include "server/routes.h"

namespace rk::server {

void add_meta_routes(Router& r, State& s) {
  r.add("GET", "/api/v1/health", [&s](Call&) -> ApiResult {
    return json_reply(
        {{"status", "ok"}, {"version", "0.1.0"}, {"api_version", 1}, {"revision", s.revision()}});
  });
  // The knowledge base does not change while the server runs: render once.
  auto learn = std::make_shared<Reply>(json_reply(learn_json(s.kb())));
  auto faq = std::make_shared<Reply>(json_reply(faq_json(s.kb())));
  r.add("GET", "/api/v1/learn", [learn](Call&) -> ApiResult { return *learn; });
  r.add("GET", "/api/v1/faq", [faq](Call&) -> ApiResult { return *faq; });
}

}  // namespace rk::server
