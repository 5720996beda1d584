#include "plan/inputs.h"

#include "util/error.h"
#include "util/time.h"

namespace rk::plan {
namespace {

std::optional<double> opt_number(const nlohmann::json& j, const char* key) {
  if (j.contains(key) && j[key].is_number()) return j[key].get<double>();
  return std::nullopt;
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
  if (level != "emergency" && level != "urgent" && level != "soon" && level != "self_care") {
    return fail("{}: unknown urgency level '{}'", where, level);
  }
  in.has_assessment = true;
  in.urgency = level;
  in.assessment_red_flags =
      j.contains("red_flags") && j["red_flags"].is_array() && !j["red_flags"].empty();
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
