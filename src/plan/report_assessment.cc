#include "plan/report_assessment.h"

#include <fmt/format.h>

#include "assess/answers.h"
#include "util/dose_format.h"
#include "util/json_get.h"

namespace rk::plan {
namespace {

using nlohmann::json;

std::string str(const json& j, const char* key) { return json_string(j, key); }
const json& list(const json& j, const char* key) { return json_list(j, key); }

std::string choice_label(const Question& q, const std::string& id) {
  for (const auto& c : q.values)
    if (c.id == id) return c.label;
  return id;
}

/// An answer in words: the choice's label, yes/no, a number as written.
std::string answer_text(const Question& q, const json& v) {
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return fmt::format("{:g}", v.get<double>());
  if (v.is_string()) return q.type == QuestionType::kText ? v.get<std::string>()
                                                           : choice_label(q, v.get<std::string>());
  if (v.is_array()) {
    std::string out;
    for (const auto& x : v) {
      if (!x.is_string()) continue;
      if (!out.empty()) out += ", ";
      out += choice_label(q, x.get<std::string>());
    }
    return out;
  }
  return {};
}

bool is_picture_section(const std::string& s) {
  return s == "About you" || s == "How it started" || s == "Right after the injury" ||
         s == "Where and how much" || s == "Anything else";
}

}  // namespace

ReportAssessment report_assessment(const KnowledgeBase& kb, const json& r,
                                   const std::string& date) {
  ReportAssessment out;
  out.date = date;
  if (!r.is_object() || !r.contains("urgency")) return out;
  out.urgency_label = str(r["urgency"], "label");
  for (const auto& reason : list(r["urgency"], "reasons")) out.urgency_reasons.push_back(str(reason, "text"));

  const json answers_json = r.value("answers", json::object());
  auto answers = answers_from_json(kb, answers_json, "answers");
  const Facts facts = answers ? compute_facts(*answers) : Facts{};
  for (const Question& q : kb.questions()) {
    const bool answered = answers_json.contains(q.id);
    if (is_picture_section(q.section)) {
      if (answered) out.picture.push_back({q.prompt, answer_text(q, answers_json[q.id])});
    } else if (q.section == "Warning signs") {
      if (!answered && !should_ask(q, facts)) continue;  // not asked for this picture
      if (!answered) {
        out.warning_signs.push_back({q.prompt, "not answered", false});
        continue;
      }
      const json& v = answers_json[q.id];
      const std::string text = answer_text(q, v);
      const bool worrying = (v.is_boolean() && v.get<bool>()) ||
                            (v.is_string() && v != "none" && v != "never" && v != "normal" &&
                             v != "no");
      out.warning_signs.push_back({q.prompt, text, worrying});
    } else if (q.section == "Painkiller safety" && answered) {
      const json& v = answers_json[q.id];
      const bool yes = (v.is_boolean() && v.get<bool>()) ||
                       (v.is_array() && !v.empty() && v != json::array({"none"}));
      if (yes) out.medicine_answers.push_back({q.prompt, answer_text(q, v), true});
    }
  }
  for (const auto& f : list(r, "red_flags"))
    out.red_flags.push_back(fmt::format("{} {}", str(f, "text"), str(f, "action")));

  const json med = r.value("relief", json::object()).value("medication", json::object());
  for (const auto& m : list(med, "recommended")) {
    std::string dose = str(m, "dose_text");
    if (dose.empty()) dose = medicine_dose_text(str(m, "dose"), str(m, "interval"), str(m, "daily_max"));
    out.medicines.push_back({str(m, "name"), fmt::format("suitable: {}", dose), false});
  }
  auto name_of = [&kb](const json& m) {
    if (std::string n = str(m, "name"); !n.empty()) return n;
    for (const auto& x : kb.data().medications)
      if (x.id == str(m, "id")) return x.name;
    return std::string("a medicine");
  };
  for (const auto& m : list(med, "check_first"))
    out.medicines.push_back(
        {name_of(m), fmt::format("check with a pharmacist or doctor first: {}", str(m, "reason")),
         false});
  for (const auto& m : list(med, "avoid"))
    out.medicines.push_back({name_of(m), fmt::format("avoid: {}", str(m, "reason")), true});

  std::size_t n = 0;
  for (const auto& c : list(r, "causes")) {
    if (n++ >= 3) break;
    const json& rs = list(c, "reasons");
    out.causes.push_back({str(c, "name"),
                          fmt::format("{} fit{}{}", str(c, "fit").empty() ? "rule" : str(c, "fit"),
                                      rs.empty() ? "" : ": ", rs.empty() ? "" : str(rs[0], "text")),
                          false});
  }
  for (const auto& c : list(r, "conditions")) {
    std::string checks;
    for (const auto& k : list(c, "clinician_checks")) {
      if (!k.is_string()) continue;
      if (!checks.empty()) checks += "; ";
      checks += k.get<std::string>();
    }
    out.conditions.push_back({str(c, "name"),
                              fmt::format("{} fit{}", str(c, "fit").empty() ? "rule" : str(c, "fit"),
                                          checks.empty() ? "" : "; a clinician may check: " + checks),
                              false});
  }
  if (r.contains("training") && r["training"].is_object()) {
    const json& t = r["training"];
    if (t.contains("worst_recent_spike") && t["worst_recent_spike"].is_object()) {
      const json& s = t["worst_recent_spike"];
      // The window and the threshold as the knowledge base states them (data/load_thresholds.yaml).
      const auto figure = [&](const char* id) {
        const Threshold* th = kb.threshold(id);
        return th ? fmt::format("{:g}", th->value) : std::string("?");
      };
      out.spike = fmt::format(
          "{} {}: {:.1f} km, {:.0f}% longer than the longest run of the previous {} days "
          "({:.1f} km); more than {}% longer counts as a spike (Frandsen 2025).",
          str(s, "weekday"), str(s, "date"), s.value("distance_km", 0.0), s.value("spike_pct", 0.0),
          figure("spike.window_days"), s.value("longest_prev30_km", 0.0),
          figure("spike.none_max_pct"));
    }
  }
  return out;
}

}  // namespace rk::plan
