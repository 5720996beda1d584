// The assessment: the questions schema, running one, and the saved history.

#include <memory>

#include "server/knowledge_json.h"
#include "server/routes.h"
#include "store/assessment_repo.h"
#include "util/time.h"

namespace rk::server {
namespace {

Json summary_json(const SavedAssessment& a) {
  return {{"id", a.id},
          {"created_utc", format_utc(a.created_utc)},
          {"urgency", a.urgency},
          {"top_cause", a.top_cause}};
}

ApiResult list_assessments(State& s) {
  return s.with_store([](Store& store) -> ApiResult {
    auto all = AssessmentRepo(store.db()).list();
    if (!all) return internal_error(all.error());
    Json items = Json::array();
    for (const auto& a : *all) items.push_back(summary_json(a));
    return json_reply({{"assessments", items}});
  });
}

ApiResult saved_reply(const std::optional<SavedAssessment>& a, const std::string& what) {
  if (!a) return api_error(404, "not_found", "no such assessment: " + what, "id");
  Json result = Json::parse(a->result_json, nullptr, false);
  if (result.is_discarded()) result = Json::object();
  return json_reply({{"assessment", summary_json(*a)}, {"result", result}});
}

}  // namespace

void add_assessment_routes(Router& r, State& s) {
  auto questions = std::make_shared<Reply>(json_reply(questions_json(s.kb())));
  r.add("GET", "/api/v1/questions", [questions](Call&) -> ApiResult { return *questions; });
  r.add("POST", "/api/v1/assessments", [](Call& c) -> ApiResult {
    auto body = json_body(c);
    if (!body) return Unexpected<ApiError>(body.error());
    return not_available("the assessment");
  });
  r.add("GET", "/api/v1/assessments", [&s](Call&) { return list_assessments(s); });
  r.add("GET", "/api/v1/assessments/latest", [&s](Call&) -> ApiResult {
    return s.with_store([](Store& store) -> ApiResult {
      auto a = AssessmentRepo(store.db()).latest();
      if (!a) return internal_error(a.error());
      return saved_reply(*a, "latest");
    });
  });
  r.add("GET", "/api/v1/assessments/{id}", [&s](Call& c) -> ApiResult {
    auto id = id_param(c);
    if (!id) return Unexpected<ApiError>(id.error());
    return s.with_store([&](Store& store) -> ApiResult {
      auto a = AssessmentRepo(store.db()).find(*id);
      if (!a) return internal_error(a.error());
      return saved_reply(*a, std::to_string(*id));
    });
  });
}

}  // namespace rk::server
