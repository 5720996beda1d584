#include "plan/inputs.h"

#include <cmath>

#include "util/error.h"
#include "util/time.h"

namespace rk::plan {
namespace {

std::optional<double> opt_number(const nlohmann::json& j, const char* key) {
  if (j.contains(key) && j[key].is_number()) return j[key].get<double>();
  return std::nullopt;
}

/// "true", "limp", "9", "2.5": how clearance checks in data/plan/clearance.yaml name values.
std::vector<std::string> answer_texts(const nlohmann::json& v) {
  std::vector<std::string> out;
  auto one = [&](const nlohmann::json& x) {
    if (x.is_boolean()) out.push_back(x.get<bool>() ? "true" : "false");
    if (x.is_string()) out.push_back(x.get<std::string>());
    if (x.is_number_integer()) out.push_back(std::to_string(x.get<std::int64_t>()));
    if (x.is_number_float()) {
      const double d = x.get<double>();
      out.push_back(d == std::floor(d) ? std::to_string(static_cast<std::int64_t>(d))
                                       : fmt::format("{}", d));
    }
  };
  if (v.is_array()) {
    for (const auto& x : v) one(x);
  } else {
    one(v);
  }
  return out;
}

void read_answers(const nlohmann::json& j, PlanInputs& in) {
  in.answers.clear();
  in.assessment_pain.reset();
  if (!j.contains("answers") || !j["answers"].is_object()) return;
  for (const auto& [id, v] : j["answers"].items()) in.answers[id] = answer_texts(v);
  for (const char* id : {"pain_during", "pain_after", "pain_morning"}) {
    const auto& a = j["answers"];
    if (!a.contains(id) || !a[id].is_number()) continue;
    const int p = static_cast<int>(std::lround(a[id].get<double>()));
    if (!in.assessment_pain || p > *in.assessment_pain) in.assessment_pain = p;
  }
}

}  // namespace

bool PlanInputs::has_cause(std::string_view id, double min_score) const {
  for (const auto& c : causes) {
    if (c.id == id && c.score >= min_score) return true;
  }
  return false;
}

TrainingSummary training_summary_from_json(const nlohmann::json& j) {
  TrainingSummary t;
  t.has_history = j.value("has_history", false);
  t.days_covered = j.value("days_covered", 0);
  t.runs_last_28d = j.value("runs_last_28d", 0);
  t.coverage_note = j.value("coverage_note", "");
  t.longest_prev30_km = opt_number(j, "longest_prev30_km");
  t.next_run_cap_km = opt_number(j, "next_run_cap_km");
  t.this_week_km = opt_number(j, "this_week_km");
  t.previous_week_km = opt_number(j, "previous_week_km");
  t.weekly_change_pct = opt_number(j, "weekly_change_pct");
  t.cadence_recent_spm = opt_number(j, "cadence_recent_spm");
  t.cadence_baseline_spm = opt_number(j, "cadence_baseline_spm");
  return t;
}

Expected<void> apply_assessment_json(std::string_view json, std::string_view where,
                                     PlanInputs& in) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return fail("{}: result is not a JSON object", where);
  if (!j.contains("urgency") || !j["urgency"].is_object() || !j["urgency"].contains("level") ||
      !j["urgency"]["level"].is_string()) {
    return fail("{}: missing 'urgency.level'", where);
  }
  const auto level = j["urgency"]["level"].get<std::string>();
  const auto urgency = parse_urgency(level);
  if (!urgency) return fail("{}: unknown urgency level '{}'", where, level);
  in.has_assessment = true;
  in.urgency = *urgency;
  in.assessment_red_flags =
      j.contains("red_flags") && j["red_flags"].is_array() && !j["red_flags"].empty();
  in.red_flag_texts.clear();
  if (in.assessment_red_flags) {
    for (const auto& f : j["red_flags"]) {
      std::string text;
      if (f.is_object() && f.contains("text") && f["text"].is_string()) text = f["text"];
      if (text.empty() && f.is_object() && f.contains("id") && f["id"].is_string()) text = f["id"];
      in.red_flag_texts.push_back(text.empty() ? "a warning sign" : text);
    }
  }
  in.conditions.clear();
  if (j.contains("conditions") && j["conditions"].is_array()) {
    for (const auto& c : j["conditions"]) {
      if (c.is_object() && c.contains("id") && c["id"].is_string()) {
        in.conditions.push_back(c["id"].get<std::string>());
      }
    }
  }
  read_answers(j, in);
  if (j.contains("created_utc") && j["created_utc"].is_string()) {
    if (auto t = parse_iso8601(j["created_utc"].get<std::string>())) in.assessment_day = *t / 86400;
  }
  in.causes.clear();
  if (j.contains("causes") && j["causes"].is_array()) {
    for (const auto& c : j["causes"]) {
      if (!c.is_object() || !c.contains("id") || !c["id"].is_string()) continue;
      in.causes.push_back({c["id"].get<std::string>(), c.value("score", 0.0)});
    }
  }
  if (j.contains("training") && j["training"].is_object()) {
    in.training = training_summary_from_json(j["training"]);
    if (!in.cadence_spm) in.cadence_spm = in.training->cadence_recent_spm;
  }
  return {};
}

}  // namespace rk::plan
