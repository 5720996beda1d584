// The assessment result as JSON: the stable contract in docs/assessment.md (schema_version 1).

#include <algorithm>

#include "assess/engine.h"
#include "load/report.h"
#include "util/dose_format.h"
#include "util/time.h"

namespace rk {
namespace {

using nlohmann::json;

json reasons_json(const std::vector<Reason>& reasons) {
  json out = json::array();
  for (const auto& r : reasons)
    out.push_back(
        {{"text", r.text}, {"source", r.source}, {"rule", r.rule}, {"citation", r.citation}});
  return out;
}

template <class T>
json optional_json(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

void collect_citations(const json& j, std::vector<std::string>& ids) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if ((it.key() == "citation" || it.key() == "caveat_citation") && it->is_string()) {
        const std::string id = it->get<std::string>();
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
      } else {
        collect_citations(*it, ids);
      }
    }
  } else if (j.is_array()) {
    for (const auto& v : j) collect_citations(v, ids);
  }
}

/// Every citation the result names, with its full text, in order of first use.
json citations_used(const KnowledgeBase& kb, const json& result) {
  std::vector<std::string> ids;
  collect_citations(result, ids);
  json out = json::array();
  for (const auto& id : ids) {
    const Citation* c = kb.citation(id);
    out.push_back({{"id", id}, {"text", c ? c->text : ""}});
  }
  return out;
}

json safety_json(const SafetySummary& s) {
  return {{"until_seen", s.until_seen},
          {"any_red_flag", s.any_red_flag},
          {"red_flag_kinds", s.red_flag_kinds},
          {"pain",
           {{"during", optional_json(s.pain_during)},
            {"after", optional_json(s.pain_after)},
            {"morning", optional_json(s.pain_morning)},
            {"max", optional_json(s.max_pain)}}},
          {"limp", optional_json(s.limp)},
          {"cannot_bear_weight", s.cannot_bear_weight},
          {"mechanical",
           {{"locking", optional_json(s.locking)},
            {"catching", optional_json(s.catching)},
            {"giving_way", optional_json(s.giving_way)},
            {"any", s.mechanical_symptoms}}},
          {"bone_stress_suspected", s.bone_stress_suspected},
          {"unanswered_warning_signs", s.unanswered_warning_signs},
          {"unanswered_painkiller_questions", s.unanswered_painkiller_questions}};
}

}  // namespace

json to_json(const KnowledgeBase& kb, const Assessment& a) {
  json j;
  j["schema_version"] = 1;
  j["created_utc"] = format_utc(a.created_utc);
  j["disclaimer"] = a.disclaimer;
  j["urgency"] = {{"level", a.urgency.level},
                  {"label", a.urgency.label},
                  {"reasons", reasons_json(a.urgency.reasons)}};
  j["red_flags"] = json::array();
  for (const auto& f : a.red_flags)
    j["red_flags"].push_back({{"id", f.id},
                              {"text", f.text},
                              {"action", f.action},
                              {"urgency", f.urgency},
                              {"kind", f.kind},
                              {"until_seen", f.until_seen},
                              {"citation", f.citation}});
  j["safety"] = safety_json(a.safety);
  j["causes"] = json::array();
  for (const auto& c : a.causes)
    j["causes"].push_back({{"id", c.id},
                           {"name", c.name},
                           {"score", c.score},
                           {"fit", c.fit},
                           {"reasons", reasons_json(c.reasons)},
                           {"would_change", c.would_change}});
  j["conditions"] = json::array();
  for (const auto& c : a.conditions)
    j["conditions"].push_back({{"id", c.id},
                               {"name", c.name},
                               {"score", c.score},
                               {"fit", c.fit},
                               {"reasons", reasons_json(c.reasons)},
                               {"clinician_checks", c.clinician_checks}});
  json steps = json::array();
  for (const auto& s : a.relief_steps)
    steps.push_back({{"id", s.id},
                     {"title", s.title},
                     {"how", s.how},
                     {"timing", s.timing},
                     {"why", s.why},
                     {"summary", s.summary},
                     {"avoid", s.avoid},
                     {"citation", s.citation}});
  json recommended = json::array();
  for (const auto& m : a.recommended)
    recommended.push_back({{"id", m.id},
                           {"name", m.name},
                           {"dose", m.dose},
                           {"interval", m.interval},
                           {"daily_max", m.daily_max},
                           {"dose_text", medicine_dose_text(m.dose, m.interval, m.daily_max)},
                           {"notes", m.notes},
                           {"citation", m.citation}});
  json check_first = json::array();
  for (const auto& m : a.check_first)
    check_first.push_back({{"id", m.id},
                           {"name", m.name},
                           {"reason", m.reason},
                           {"rules", m.rules},
                           {"unanswered", m.unanswered},
                           {"citation", m.citation}});
  json notes = json::array();
  for (const auto& n : a.medication_notes)
    notes.push_back({{"id", n.id}, {"text", n.text}, {"citation", n.citation}});
  json avoid = json::array();
  for (const auto& m : a.avoid)
    avoid.push_back({{"id", m.id},
                     {"name", m.name},
                     {"reason", m.reason},
                     {"rules", m.rules},
                     {"citation", m.citation}});
  // What skipping painkiller-safety questions means, from data/questions.yaml.
  std::string unanswered_notice;
  const QuestionSection* painkillers = kb.question_section("Painkiller safety");
  if (painkillers && !a.safety.unanswered_painkiller_questions.empty()) {
    unanswered_notice = painkillers->skipped_notice;
    const std::string count = std::to_string(a.safety.unanswered_painkiller_questions.size());
    for (auto at = unanswered_notice.find("{count}"); at != std::string::npos;
         at = unanswered_notice.find("{count}", at + count.size()))
      unanswered_notice.replace(at, 7, count);
  }
  j["relief"] = {{"steps", steps},
                 {"medication",
                  {{"recommended", recommended},
                   {"check_first", check_first},
                   {"avoid", avoid},
                   {"notes", notes},
                   {"unanswered_safety_questions", a.safety.unanswered_painkiller_questions},
                   {"unanswered_notice", unanswered_notice},
                   {"caveat", a.caveat},
                   {"caveat_citation", a.caveat_citation}}}};
  j["long_term"] = json::array();
  for (const auto& s : a.long_term)
    j["long_term"].push_back({{"id", s.id},
                              {"title", s.title},
                              {"why", s.why},
                              {"for_causes", s.for_causes},
                              {"citation", s.citation},
                              {"exercises", s.exercises}});
  j["training"] = a.training ? summary_json(*a.training) : json(nullptr);  // load's one encoder
  j["answers"] = answers_to_json(kb, a.answers);
  j["citations"] = citations_used(kb, j);
  return j;
}

}  // namespace rk
