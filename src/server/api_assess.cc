// The assessment: the questions schema, running one, and the saved history.

#include <memory>

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
    auto all = AssessmentRepo(store.db()).list();
    if (!all) return internal_error(all.error());
    Json items = Json::array();
    for (const auto& a : *all) items.push_back(summary_json(a));
    return json_reply({{"assessments", items}});
  });
}

/// One ApiError per line of the validator's message ("answers: 'age': 200 is out of range").
ApiError answer_errors(const std::string& message) {
  ApiError all{422, "invalid_answers", "", "", {}};
  std::size_t start = 0;
  while (start < message.size()) {
    const std::size_t end = std::min(message.find('\n', start), message.size());
    const std::string line = message.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    std::string field;
    const auto q1 = line.find('\'');
    const auto q2 = q1 == std::string::npos ? q1 : line.find('\'', q1 + 1);
    if (q2 != std::string::npos) field = "answers." + line.substr(q1 + 1, q2 - q1 - 1);
    all.details.push_back({422, "invalid_answer", line, field, {}});
  }
  if (all.details.empty()) all.details.push_back({422, "invalid_answer", message, "answers", {}});
  all.message = all.details.front().message;
  all.field = all.details.front().field;
  return all;
}

ApiResult run_assessment(State& s, Call& c) {
  auto body = json_body(c);
  if (!body) return Unexpected<ApiError>(body.error());
  const Json& answers_json = body->contains("answers") ? (*body)["answers"] : *body;
  if (!answers_json.is_object()) {
    return api_error(400, "invalid_type", "answers must be an object", "answers");
  }
  auto answers = answers_from_json(s.kb(), answers_json, "answers");
  if (!answers) return Unexpected<ApiError>(answer_errors(answers.error().message));
  auto analysis = s.analysis().get();
  if (!analysis) return Unexpected<ApiError>(analysis.error());
  std::optional<TrainingSummary> training;
  if ((*analysis)->summary.has_history) training = (*analysis)->summary;
  const Assessment result = assess(s.kb(), {*answers, training, now_utc()});
  Json j = to_json(s.kb(), result);
  SavedAssessment saved{0,
                        result.created_utc,
                        result.urgency.level,
                        result.causes.empty() ? "" : result.causes.front().id,
                        answers_to_json(s.kb(), *answers).dump(),
                        j.dump()};
  auto id = s.with_store([&](Store& store) { return AssessmentRepo(store.db()).save(saved); });
  if (!id) return internal_error(id.error());
  s.bump_revision();
  j["id"] = *id;
  Reply r = json_reply(j, 201);
  r.headers.emplace_back("Location", "/api/v1/assessments/" + std::to_string(*id));
  return r;
}

ApiResult saved_reply(const KnowledgeBase& kb, const std::optional<SavedAssessment>& a,
                      const std::string& what) {
  if (!a) return api_error(404, "not_found", "no such assessment: " + what, "id");
  Json result = Json::parse(a->result_json, nullptr, false);
  if (result.is_discarded()) result = Json::object();
  // The one-screen summary the CLI prints, for the top of the web result page.
  return json_reply({{"assessment", summary_json(*a)},
                     {"result", result},
                     {"summary", assessment_summary(kb, result)}});
}

}  // namespace

void add_assessment_routes(Router& r, State& s) {
  auto questions = std::make_shared<Reply>(json_reply(questions_json(s.kb())));
  r.add("GET", "/api/v1/questions", [questions](Call&) -> ApiResult { return *questions; });
  r.add("POST", "/api/v1/assessments", [&s](Call& c) { return run_assessment(s, c); });
  r.add("GET", "/api/v1/assessments", [&s](Call&) { return list_assessments(s); });
  r.add("GET", "/api/v1/assessments/latest", [&s](Call&) -> ApiResult {
    return s.with_store([&s](Store& store) -> ApiResult {
      auto a = AssessmentRepo(store.db()).latest();
      if (!a) return internal_error(a.error());
      return saved_reply(s.kb(), *a, "latest");
    });
  });
  r.add("GET", "/api/v1/assessments/{id}", [&s](Call& c) -> ApiResult {
    auto id = id_param(c);
    if (!id) return Unexpected<ApiError>(id.error());
    return s.with_store([&](Store& store) -> ApiResult {
      auto a = AssessmentRepo(store.db()).find(*id);
      if (!a) return internal_error(a.error());
      return saved_reply(s.kb(), *a, std::to_string(*id));
    });
  });
}

}  // namespace rk::server
