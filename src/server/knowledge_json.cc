#include "server/knowledge_json.h"

namespace rk::server {
namespace {

std::string_view op_name(Predicate::Op op) {
  switch (op) {
    case Predicate::Op::kAll:
      return "all";
    case Predicate::Op::kAny:
      return "any";
    case Predicate::Op::kNot:
      return "not";
    case Predicate::Op::kEq:
      return "eq";
    case Predicate::Op::kNe:
      return "ne";
    case Predicate::Op::kLt:
      return "lt";
    case Predicate::Op::kLte:
      return "lte";
    case Predicate::Op::kGt:
      return "gt";
    case Predicate::Op::kGte:
      return "gte";
    case Predicate::Op::kIn:
      return "in";
    case Predicate::Op::kHas:
      return "has";
    case Predicate::Op::kHasAny:
      return "has_any";
    case Predicate::Op::kAnswered:
      return "answered";
  }
  return "all";
}

Json optional_number(const std::optional<double>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json entry(std::string id, std::string title, std::string text, std::string citation) {
  return {{"id", std::move(id)},
          {"title", std::move(title)},
          {"text", std::move(text)},
          {"citation", std::move(citation)}};
}

}  // namespace

Json predicate_json(const Predicate& p) {
  Json j = {{"op", op_name(p.op)}};
  if (!p.subject.empty()) j["subject"] = p.subject;
  if (!p.values.empty()) j["values"] = p.values;
  if (p.op == Predicate::Op::kLt || p.op == Predicate::Op::kLte || p.op == Predicate::Op::kGt ||
      p.op == Predicate::Op::kGte) {
    j["number"] = p.number;
  }
  if (!p.children.empty()) {
    Json kids = Json::array();
    for (const auto& c : p.children) kids.push_back(predicate_json(c));
    j["children"] = std::move(kids);
  }
  return j;
}

Json questions_json(const KnowledgeBase& kb) {
  Json qs = Json::array();
  for (const auto& q : kb.questions()) {
    Json values = Json::array();
    for (const auto& c : q.values) values.push_back({{"id", c.id}, {"label", c.label}});
    qs.push_back({{"id", q.id},
                  {"section", q.section},
                  {"prompt", q.prompt},
                  {"help", q.help},
                  {"type", to_string(q.type)},
                  {"values", std::move(values)},
                  {"min", optional_number(q.min)},
                  {"max", optional_number(q.max)},
                  {"required", q.required},
                  {"only_with_runs", q.only_with_runs},
                  {"ask_if", q.ask_if ? predicate_json(*q.ask_if) : Json(nullptr)}});
  }
  Json sections = Json::array();
  for (const auto& s : kb.data().question_sections)
    sections.push_back({{"section", s.section}, {"intro", s.intro}});
  return {{"schema_version", 1}, {"questions", std::move(qs)}, {"sections", std::move(sections)}};
}

Json learn_json(const KnowledgeBase& kb) {
  const auto& d = kb.data();
  Json anatomy = Json::array();
  for (const auto& a : d.anatomy) {
    anatomy.push_back(entry(a.id, a.name, a.what + " " + a.how_it_hurts, a.citation));
  }
  Json causes = Json::array();
  for (const auto& c : d.causes) causes.push_back(entry(c.id, c.name, c.summary, c.citation));
  Json conditions = Json::array();
  for (const auto& c : d.conditions) {
    conditions.push_back(entry(c.id, c.name, c.summary, c.citation));
  }
  Json relief = Json::array();
  for (const auto& r : d.relief_steps) {
    relief.push_back(
        entry(r.id, r.title, r.how + (r.timing.empty() ? "" : " (" + r.timing + ")"), r.citation));
  }
  Json prevention = Json::array();
  for (const auto& s : d.strategies) prevention.push_back(entry(s.id, s.title, s.why, s.citation));
  Json exercises = Json::array();
  for (const auto& e : d.exercises) {
    exercises.push_back(entry(e.id, e.name, e.how + " " + e.progression, e.citation));
  }
  Json red = Json::array();
  for (const auto& r : d.red_flags) red.push_back(entry(r.id, r.text, r.action, r.citation));
  auto section = [](const char* id, const char* title, Json entries) {
    return Json{{"id", id}, {"title", title}, {"entries", std::move(entries)}};
  };
  Json citations = Json::array();
  for (const auto& c : d.citations) citations.push_back({{"id", c.id}, {"text", c.text}});
  return {{"sections",
           {section("anatomy", "The inner knee", std::move(anatomy)),
            section("causes", "Why it hurts: causes", std::move(causes)),
            section("conditions", "Conditions", std::move(conditions)),
            section("relief", "Relief", std::move(relief)),
            section("prevention", "Prevention", std::move(prevention)),
            section("exercises", "Exercises", std::move(exercises)),
            section("red-flags", "Warning signs", std::move(red))}},
          {"citations", std::move(citations)},
          {"disclaimer", d.disclaimer}};
}

Json faq_json(const KnowledgeBase& kb) {
  Json faq = Json::array();
  for (const auto& f : kb.faq()) {
    faq.push_back(
        {{"id", f.id}, {"question", f.question}, {"answer", f.answer}, {"citation", f.citation}});
  }
  return {{"faq", std::move(faq)}};
}

}  // namespace rk::server
