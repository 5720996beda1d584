// The assessment: the questions schema, running one, and the saved history.

#include <memory>

#include "app/assess.h"
#include "app/plan.h"
#include "app/prefill.h"
#include "assess/answers.h"
#include "assess/engine.h"
#include "assess/summary.h"
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
    auto all = AssessmentRepo(store.db()).list(store.local_user());
    if (!all) return internal_error(all.error());
    Json items = Json::array();
    for (const auto& a : *all) items.push_back(summary_json(a));
    return json_reply({{"assessments", items}});
  });
}

ApiResult run_assessment(State& s, Call& c) {
  auto body = json_body(c);
  if (!body) return Unexpected<ApiError>(body.error());
  const Json& answers_json = body->contains("answers") ? (*body)["answers"] : *body;
  if (!answers_json.is_object()) {
    return api_error(400, "invalid_type", "answers must be an object", "answers");
  }
  auto answers = answers_from_json(s.kb(), answers_json, "answers");
  if (!answers) {
    auto e = error_reply(answers.error(), "answers.");
    e.error().code = "invalid_answers";
    for (auto& d : e.error().details) d.code = "invalid_answer";
    return e;
  }
  auto analysis = s.analysis().get();
  if (!analysis) return Unexpected<ApiError>(analysis.error());
  std::optional<TrainingSummary> training;
  if ((*analysis)->summary.has_history) training = (*analysis)->summary;
  auto outcome = s.with_store([&](Store& store) {
    return app::assess_and_save(store.db(), store.local_user(), s.kb(), *answers, training,
                                now_utc());
  });
  if (!outcome) return error_reply(outcome.error());
  s.bump_revision();
  Json j = std::move(outcome->json);
  const std::int64_t id = *outcome->id;
  j["id"] = id;
  Reply r = json_reply(j, 201);
  r.headers.emplace_back("Location", "/api/v1/assessments/" + std::to_string(id));
  return r;
}

ApiResult saved_reply(const KnowledgeBase& kb, Store& store,
                      const std::optional<SavedAssessment>& a, const std::string& what) {
  if (!a) return api_error(404, "not_found", "no such assessment: " + what, "id");
  // The summary's "What to do today" leads with what the plan says (hazard H8).
  auto plan_today = app::plan_today_lines(kb, store.db(), store.local_user(), now_utc(), a->id);
  if (!plan_today) return error_reply(plan_today.error());
  Json result = Json::parse(a->result_json, nullptr, false);
  if (result.is_discarded()) result = Json::object();
  // The one-screen summary the CLI prints, for the top of the web result page.
  return json_reply({{"assessment", summary_json(*a)},
                     {"result", result},
                     {"summary", assessment_summary(kb, result, *plan_today)}});
}

}  // namespace

void add_assessment_routes(Router& r, State& s) {
  // The schema, plus the training answers the stored runs show ("from_runs": the label and
  // {question id: figure}), for the wizard to pre-fill (the same use case as the CLI's).
  auto schema = std::make_shared<const Json>(questions_json(s.kb()));
  r.add("GET", "/api/v1/questions", [&s, schema](Call&) -> ApiResult {
    return s.with_store([&](Store& store) -> ApiResult {
      auto runs = app::run_answers(store.db(), store.local_user(), s.kb(), now_utc());
      if (!runs) return internal_error(runs.error());
      Json j = *schema;
      j["from_runs"] = app::prefill_json(s.kb(), *runs);
      return json_reply(j);
    });
  });
  r.add("POST", "/api/v1/assessments", [&s](Call& c) { return run_assessment(s, c); });
  r.add("GET", "/api/v1/assessments", [&s](Call&) { return list_assessments(s); });
  r.add("GET", "/api/v1/assessments/latest", [&s](Call&) -> ApiResult {
    return s.with_store([&s](Store& store) -> ApiResult {
      auto a = AssessmentRepo(store.db()).latest(store.local_user());
      if (!a) return internal_error(a.error());
      return saved_reply(s.kb(), store, *a, "latest");
    });
  });
  r.add("GET", "/api/v1/assessments/{id}", [&s](Call& c) -> ApiResult {
    auto id = id_param(c);
    if (!id) return Unexpected<ApiError>(id.error());
    return s.with_store([&](Store& store) -> ApiResult {
      auto a = AssessmentRepo(store.db()).find(store.local_user(), *id);
      if (!a) return internal_error(a.error());
      return saved_reply(s.kb(), store, *a, std::to_string(*id));
    });
  });
}

}  // namespace rk::server
