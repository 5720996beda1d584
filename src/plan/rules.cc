#include "plan/rules.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "knowledge/knowledge_base.h"
#include "plan/embedded_data.h"
#include "util/error.h"

namespace rk::plan {
namespace {

std::string at(std::string_view file, const YAML::Node& n) {
  return fmt::format("{}:{}", file, n.Mark().line + 1);
}

Expected<void> need(std::string_view file, const YAML::Node& n, std::string_view what,
                    std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    if (!n[k]) return fail("{}: {}: missing field '{}'", at(file, n), what, k);
  }
  return {};
}

Expected<void> parse_stages(const YAML::Node& list, std::string_view file, PlanRules& r) {
  for (const auto& n : list) {
    if (auto ok = need(file, n, "stage", {"id", "title"}); !ok) return ok;
    r.stages.push_back({n["id"].as<std::string>(), n["title"].as<std::string>(),
                        n["citation"].as<std::string>(""), n["repeats"].as<int>(0),
                        n["run_min"].as<double>(0), n["walk_min"].as<double>(0)});
  }
  if (r.stages.size() < 3 || r.stages.front().id != "relief" || r.stages.back().id != "build") {
    return fail("{}: stages must start with 'relief', end with 'build' and have one between", file);
  }
  return {};
}

// The ladder names an exercise of data/exercises.yaml and adds only its progression; the name and
// the starting dose (sets, reps or hold) are the knowledge base's, stated once.
Expected<void> parse_exercises(const KnowledgeBase& kb, const YAML::Node& list,
                               std::string_view file, PlanRules& r) {
  for (const auto& n : list) {
    if (auto ok = need(file, n, "exercise", {"id"}); !ok) return ok;
    for (const char* k : {"name", "sets", "reps", "hold_s", "unit"})
      if (n[k])
        return fail("{}: exercise: '{}' is data/exercises.yaml's (the ladder adds the progression)",
                    at(file, n), k);
    StrengthExercise e;
    e.id = n["id"].as<std::string>();
    const Exercise* known = kb.exercise(e.id);
    if (!known) return fail("{}: exercise '{}' is not in data/exercises.yaml", at(file, n), e.id);
    if (!known->reps && !known->hold_s)
      return fail("{}: exercise '{}' has no reps or hold in data/exercises.yaml", at(file, n), e.id);
    e.name = known->name;
    e.sets = known->sets;
    e.unit = known->hold_s ? "s hold" : "reps";
    e.reps = known->hold_s ? *known->hold_s : *known->reps;
    e.step = n["step"].as<int>(0);
    e.max = n["max"].as<int>(e.reps);
    e.start_week = n["start_week"].as<int>(1);
    e.gentle = n["gentle"].as<bool>(false);
    r.strengthening.push_back(e);
  }
  return {};
}

Expected<void> parse_clearance(const YAML::Node& list, std::string_view file, PlanRules& r) {
  for (const auto& n : list) {
    if (auto ok = need(file, n, "clearance check", {"id", "reason", "citation"}); !ok) return ok;
    ClearanceCheck c;
    c.id = n["id"].as<std::string>();
    c.reason = n["reason"].as<std::string>();
    c.citation = n["citation"].as<std::string>();
    for (const auto& kv : n["answers"]) {
      std::vector<std::string> values;
      for (const auto& v : kv.second) values.push_back(v.as<std::string>());
      if (values.empty())
        return fail("{}: {}: answer '{}' lists no values", at(file, n), c.id,
                    kv.first.as<std::string>());
      c.answers.emplace_back(kv.first.as<std::string>(), std::move(values));
    }
    for (const auto& v : n["conditions"]) c.conditions.push_back(v.as<std::string>());
    if (c.answers.empty() && c.conditions.empty()) {
      return fail("{}: {}: needs 'answers' or 'conditions'", at(file, n), c.id);
    }
    r.clearance_checks.push_back(std::move(c));
  }
  return {};
}

}  // namespace

const std::vector<std::string>& required_text_ids() {
  static const std::vector<std::string> ids = {
      "clearance.emergency",     "clearance.urgent",          "clearance.soon",
      "clearance.red_flag",      "clearance.assessment_pain", "headline.cleared",
      "headline.relief",         "headline.emergency",        "headline.urgent",
      "headline.soon",           "headline.not_cleared",      "guidance.clinician_title",
      "guidance.clinician_title_urgent", "clearance.no_assessment", "headline.no_assessment",
      "exercise.adherence",      "exercise.adherence_none",   "exercise.below_min",
      "exercise.at_min",         "session.run_why_long",      "session.run_why_easy",
      "session.ladder_why",      "session.check_details",     "session.check_why"};
  // and, for each guidance item, its _title, _do and _why (checked in parse_plan_rules)
  return ids;
}

std::string PlanRules::text(std::string_view id,
                            const std::vector<std::pair<std::string, std::string>>& fill) const {
  auto it = texts.find(id);
  if (it == texts.end()) {
    throw InvariantError(fmt::format("plan text '{}' missing after validation", id));
  }
  std::string out = expand_rule_values(it->second);
  for (const auto& [name, value] : fill) {
    const std::string key = "{" + name + "}";
    for (auto pos = out.find(key); pos != std::string::npos; pos = out.find(key, pos)) {
      out.replace(pos, key.size(), value);
      pos += value.size();
    }
  }
  return out;
}

const std::vector<std::string>& required_rule_ids() {
  static const std::vector<std::string> ids = {"plan.pain_during_max",
                                               "plan.pain_after_max",
                                               "plan.pain_safe_max",
                                               "plan.morning_settled_max",
                                               "plan.stiffness_rise_min",
                                               "plan.current_pain_high",
                                               "plan.assessment_pain_max",
                                               "plan.build_start_pain_max",
                                               "plan.recent_days",
                                               "plan.red_flag_lookback_days",
                                               "plan.sessions_to_advance",
                                               "plan.step_backs_for_clinician",
                                               "plan.spike_cap_pct",
                                               "plan.spike_window_days",
                                               "plan.weekly_increase_cap_pct",
                                               "plan.recovery_week_every",
                                               "plan.recovery_week_factor",
                                               "plan.long_run_share",
                                               "plan.build_runs_per_week",
                                               "plan.structure_weeks",
                                               "plan.weekday_run_max_ratio",
                                               "plan.long_run_rise_pct",
                                               "plan.long_run_rise_days",
                                               "plan.acceptable_pain_volume_factor",
                                               "plan.cadence_first_pct",
                                               "plan.cadence_max_pct",
                                               "plan.easy_pace_min_per_km",
                                               "plan.walk_pace_min_per_km",
                                               "plan.protect_days",
                                               "plan.exercise_adherence_min",
                                               "plan.exercise_adherence_days"};
  return ids;
}

std::string PlanRules::expand_rule_values(std::string_view text) const {
  std::string out;
  std::size_t from = 0;
  for (std::size_t at; (at = text.find("${", from)) != std::string_view::npos;) {
    const std::size_t end = text.find('}', at);
    if (end == std::string_view::npos) break;
    out.append(text.substr(from, at - from));
    out += fmt::format("{:g}", value(text.substr(at + 2, end - at - 2)));
    from = end + 1;
  }
  out.append(text.substr(from));
  return out;
}

const RuleValue& PlanRules::rule(std::string_view id) const {
  for (const auto& t : thresholds) {
    if (t.id == id) return t;
  }
  throw InvariantError(fmt::format("plan rule '{}' missing after validation", id));
}

Expected<void> parse_plan_rules_file(const KnowledgeBase& kb, std::string_view yaml,
                                     std::string_view file, PlanRules& r) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
    if (root["thresholds"]) {  // one parser for the thresholds: the knowledge module's
      return fail("{}: thresholds belong in data/ (the knowledge base), not in a plan file", file);
    }
    if (root["stages"]) {
      if (auto ok = parse_stages(root["stages"], file, r); !ok) return ok;
    }
    if (root["strengthening"]) {
      if (auto ok = parse_exercises(kb, root["strengthening"], file, r); !ok) return ok;
    }
    if (root["clearance_checks"]) {
      if (auto ok = parse_clearance(root["clearance_checks"], file, r); !ok) return ok;
    }
    for (const auto& kv : root["texts"]) {
      r.texts[kv.first.as<std::string>()] = kv.second.as<std::string>();
    }
    for (const auto& n : root["guide"]) {
      if (auto ok = need(file, n, "exercise guide", {"id", "steps", "mistake"}); !ok) return ok;
      const auto id = n["id"].as<std::string>();
      auto it = std::find_if(r.strengthening.begin(), r.strengthening.end(),
                             [&](const StrengthExercise& e) { return e.id == id; });
      if (it == r.strengthening.end()) {
        return fail("{}: guide for '{}', which is not a plan exercise", at(file, n), id);
      }
      it->steps.clear();
      for (const auto& step : n["steps"]) it->steps.push_back(step.as<std::string>());
      it->mistake = n["mistake"].as<std::string>();
    }
    for (const auto& n : root["cross_training"]) {
      if (auto ok = need(file, n, "cross-training", {"id", "name", "ratio"}); !ok) return ok;
      r.cross_training.push_back(
          {n["id"].as<std::string>(), n["name"].as<std::string>(), n["ratio"].as<double>()});
    }
  } catch (const YAML::Exception& e) {
    return fail("{}:{}: {}", file, e.mark.line + 1, e.msg);
  }
  return {};
}

Expected<PlanRules> parse_plan_rules(const KnowledgeBase& kb, const std::vector<RulesFile>& files) {
  PlanRules r;
  // The thresholds as the knowledge module parsed and validated them (data/plan_rules.yaml and
  // every other threshold file), so `--knowledge DIR` changes the plan's figures too.
  for (const Threshold& t : kb.data().thresholds)
    r.thresholds.push_back({t.id, t.value, t.unit, t.meaning, t.citation});
  for (const auto& f : files) {
    if (auto ok = parse_plan_rules_file(kb, f.text, f.name, r); !ok) return fail(ok.error());
  }
  if (r.stages.empty()) return fail("plan rules: no 'stages' list");
  for (const auto& id : required_rule_ids()) {
    bool found = false;
    for (const auto& t : r.thresholds) found = found || t.id == id;
    if (!found) return fail("plan rules: the knowledge base has no threshold '{}'", id);
  }
  for (const auto& id : required_text_ids()) {
    if (!r.texts.contains(id)) return fail("plan rules: missing text '{}'", id);
  }
  for (const char* g : {"pain_monitoring", "spike_cap", "cadence", "footwear", "clinician"}) {
    for (const char* part : {"_title", "_do", "_why"}) {
      const std::string id = std::string("guidance.").append(g).append(part);
      if (std::string_view(g) == "clinician" && std::string_view(part) == "_title") continue;
      if (!r.texts.contains(id)) return fail("plan rules: missing text '{}'", id);
    }
  }
  for (const char* id : {"guidance.cadence_target", "guidance.cadence_target_unknown"})
    if (!r.texts.contains(id)) return fail("plan rules: missing text '{}'", id);
  for (const auto& [id, text] : r.texts) {  // ${threshold.id} must name a threshold
    for (std::size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 2)) {
      const std::size_t end = text.find('}', at);
      const std::string name = text.substr(at + 2, end == std::string::npos ? end : end - at - 2);
      const bool known = std::any_of(r.thresholds.begin(), r.thresholds.end(),
                                     [&](const RuleValue& t) { return t.id == name; });
      if (end == std::string::npos || !known)
        return fail("plan rules: text '{}': '${{{}}}' names no threshold", id, name);
    }
  }
  return r;
}

Expected<PlanRules> plan_rules(const KnowledgeBase& kb) {
  std::vector<RulesFile> files;
  for (const char* name : {"plan/ladder.yaml", "plan/clearance.yaml", "plan/exercise_guide.yaml",
                           "plan/guidance.yaml"}) {
    auto text = embedded_plan_file(name);
    if (!text) return fail("{} is not compiled in", name);
    files.push_back({name, *text});
  }
  return parse_plan_rules(kb, files);
}

}  // namespace rk::plan
