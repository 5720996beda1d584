#include "plan/adapt.h"

#include <algorithm>

#include "util/error.h"

namespace rk::plan {
namespace {

struct Verdict {
  Decision decision;
  std::string reason, rule;
};

std::optional<double> mean_stiffness(const std::vector<DiaryEntry>& diary, std::int64_t from,
                                     std::int64_t to) {
  double sum = 0;
  int n = 0;
  for (const auto& e : diary) {
    auto d = day_number(e.date);
    if (!d || *d < from || *d > to || !e.stiffness_min) continue;
    sum += *e.stiffness_min;
    ++n;
  }
  if (n == 0) return std::nullopt;
  return sum / n;
}

/// The morning pain logged before this entry's day: the baseline the next morning is held to.
std::optional<int> baseline_morning(const std::vector<DiaryEntry>& diary, const DiaryEntry& e) {
  std::optional<int> out;
  for (const auto& d : diary) {
    if (d.date >= e.date) break;
    if (d.pain_morning) out = d.pain_morning;
  }
  return out;
}

std::string join(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : "; ") + p;
  return s;
}

std::optional<Verdict> check_bad_run(const DiaryEntry& e, const std::vector<DiaryEntry>& diary,
                                     const PlanRules& r) {
  const double during_max = r.value("plan.pain_during_max");
  const double after_max = r.value("plan.pain_after_max");
  if (e.pain_during && *e.pain_during > during_max) {
    return Verdict{
        Decision::kStepBack,
        fmt::format("pain during the run was {}/10, above {}/10", *e.pain_during, during_max),
        "plan.pain_during_max"};
  }
  if (e.pain_after && *e.pain_after > after_max) {
    return Verdict{
        Decision::kStepBack,
        fmt::format("pain after the run was {}/10, above {}/10", *e.pain_after, after_max),
        "plan.pain_after_max"};
  }
  if (e.swelling) {
    return Verdict{Decision::kStepBack, "the knee swelled", "plan.pain_after_max"};
  }
  const double settled = r.value("plan.morning_settled_max");
  if (e.pain_morning && *e.pain_morning > settled) {
    const auto base = baseline_morning(diary, e);
    if (!base || *e.pain_morning > *base) {
      return Verdict{
          Decision::kStepBack,
          fmt::format("pain had not settled by the next morning ({}/10)", *e.pain_morning),
          "plan.morning_settled_max"};
    }
  }
  return std::nullopt;
}

Verdict judge_run(const DiaryEntry& e, const std::vector<DiaryEntry>& diary, const PlanState& s,
                  const PlanRules& r) {
  if (auto bad = check_bad_run(e, diary, r)) return *bad;
  if (!e.pain_morning) {
    return {Decision::kHold, "next-morning pain was not logged, so the stage is repeated",
            "plan.morning_settled_max"};
  }
  const auto day = *day_number(e.date);
  const auto this_week = mean_stiffness(diary, day - 6, day);
  const auto last_week = mean_stiffness(diary, day - 13, day - 7);
  const double rise = r.value("plan.stiffness_rise_min");
  if (this_week && last_week && *this_week > *last_week + rise) {
    return {Decision::kHold,
            fmt::format("morning stiffness is rising week to week ({:.0f} vs {:.0f} min)",
                        *this_week, *last_week),
            "plan.stiffness_rise_min"};
  }
  const double safe = r.value("plan.pain_safe_max");
  const int worst = e.worst_pain().value_or(0);
  if (worst > safe) {
    return {Decision::kHold,
            fmt::format("pain reached {}/10: acceptable, but the stage is repeated until it "
                        "stays at {}/10 or less",
                        worst, safe),
            "plan.pain_safe_max"};
  }
  const int needed = static_cast<int>(r.value("plan.sessions_to_advance"));
  if (s.ok_sessions + 1 >= needed) {
    return {Decision::kAdvance,
            fmt::format("{} sessions with pain at most {}/10 that settled by the next morning",
                        needed, safe),
            "plan.sessions_to_advance"};
  }
  return {Decision::kHold,
          fmt::format("{} of {} pain-free sessions done at this stage", s.ok_sessions + 1, needed),
          "plan.sessions_to_advance"};
}

std::optional<Verdict> judge_checks(const DiaryEntry& e) {
  if (!e.brisk_walk_pain_free || !e.hop_pain_free) return std::nullopt;
  std::vector<std::string> missing;
  if (!*e.brisk_walk_pain_free) missing.push_back("brisk walking was painful");
  if (!*e.hop_pain_free) missing.push_back("single-leg hops were painful");
  if (e.swelling) missing.push_back("the knee was swollen");
  if (missing.empty()) {
    return Verdict{Decision::kAdvance,
                   "return-to-run checks passed: pain-free brisk walking and single-leg hops, "
                   "no swelling",
                   "plan.return_criteria"};
  }
  return Verdict{Decision::kHold, "return-to-run checks not passed yet: " + join(missing),
                 "plan.return_criteria"};
}

std::string citation_for(const std::string& rule, const PlanRules& r) {
  if (rule == "plan.return_criteria") return "manal2018";
  if (rule == "diary.red_flag") return "silbernagel2007";
  for (const auto& t : r.thresholds) {
    if (t.id == rule) return t.citation;
  }
  return "";
}

void apply(PlanState& s, const Verdict& v, const DiaryEntry& e, const PlanRules& r,
           std::vector<DecisionRecord>& out) {
  DecisionRecord d{
      e.date,      v.decision, s.stage, s.stage, v.reason, v.rule, citation_for(v.rule, r),
      std::nullopt};
  d.before = DecisionRecord::Before{s.ok_sessions, s.consecutive_step_backs, s.assessment_id,
                                    s.clinician_advised_day};
  const auto day = *day_number(e.date);
  switch (v.decision) {
    case Decision::kAdvance:
      s.stage = std::min(s.stage + 1, r.build_stage());
      s.ok_sessions = 0;
      s.consecutive_step_backs = 0;
      break;
    case Decision::kHold:
      if (v.rule == "plan.sessions_to_advance") ++s.ok_sessions;
      s.consecutive_step_backs = 0;
      break;
    case Decision::kStepBack:
      s.stage = std::max(s.stage - 1, r.relief_stage());
      s.ok_sessions = 0;
      ++s.consecutive_step_backs;
      if (s.consecutive_step_backs >= static_cast<int>(r.value("plan.step_backs_for_clinician"))) {
        d.decision = Decision::kSeeClinician;
        d.reason += fmt::format(
            "; that is {} step-backs in a row: please see a clinician before running on",
            s.consecutive_step_backs);
        d.rule = "plan.step_backs_for_clinician";
        d.citation = citation_for(d.rule, r);
        s.clinician_advised_day = day;
        s.stage = r.relief_stage();
      }
      break;
    case Decision::kSeeClinician:
      s.stage = r.relief_stage();
      s.ok_sessions = 0;
      s.clinician_advised_day = day;
      break;
  }
  d.stage_after = s.stage;
  s.history.push_back(d);
  out.push_back(d);
}

bool ready(const DiaryEntry& e, std::int64_t today) {
  if (!e.is_run() || e.pain_morning || !diary_red_flags(e).empty()) return true;
  return *day_number(e.date) <= today - 2;  // a full day to add next-morning pain
}

}  // namespace

std::string decision_name(Decision d) {
  switch (d) {
    case Decision::kAdvance:
      return "advance";
    case Decision::kHold:
      return "hold";
    case Decision::kStepBack:
      return "step_back";
    case Decision::kSeeClinician:
      return "see_clinician";
  }
  return "hold";
}

std::string decision_words(Decision d) {
  switch (d) {
    case Decision::kAdvance:
      return "moved on";
    case Decision::kHold:
      return "held";
    case Decision::kStepBack:
      return "stepped back";
    case Decision::kSeeClinician:
      return "see a clinician";
  }
  return "held";
}

std::string decision_sentence(const DecisionRecord& d, const PlanRules& r) {
  const auto title = [&](int stage) {
    const auto i = static_cast<std::size_t>(std::clamp(stage, 0, r.build_stage()));
    return fmt::format("'{}'", r.stages[i].title);
  };
  const std::string after = title(d.stage_after);
  const bool moved = d.stage_after != d.stage_before;
  std::string what;
  switch (d.decision) {
    case Decision::kAdvance:
      what = moved ? "Moved on to " + after : "Stays at " + after + ", the last stage";
      break;
    case Decision::kHold:
      what = "Stays at " + after;
      break;
    case Decision::kStepBack:
      what = moved ? "Stepped back to " + after : "Stays at " + after + ", the first stage";
      break;
    case Decision::kSeeClinician:
      what = moved ? "See a clinician; meanwhile back to " + after
                   : "See a clinician; meanwhile " + after;
      break;
  }
  return fmt::format("{}: {}.", what, d.reason);
}

std::vector<ClearanceReason> assessment_clearance(const PlanInputs& in, const PlanRules& r) {
  std::vector<ClearanceReason> out;
  if (seen_today(in.urgency)) {
    const std::string name(urgency_name(in.urgency));
    out.push_back({r.text("clearance." + name), "urgency." + name});
  } else if (in.urgency == Urgency::kSoon && in.assessment_red_flags) {
    out.push_back({r.text("clearance.soon"), "urgency.soon"});
  }
  // Any red flag at any level keeps the plan from running, in the assessment's own words.
  for (const auto& t : in.red_flag_texts) {
    out.push_back({r.text("clearance.red_flag", {{"flag", t}}), "clearance.red_flag"});
  }
  if (in.assessment_red_flags && in.red_flag_texts.empty()) {
    out.push_back(
        {r.text("clearance.red_flag", {{"flag", "see the assessment"}}), "clearance.red_flag"});
  }
  const double pain_max = r.value("plan.assessment_pain_max");
  if (in.assessment_pain && *in.assessment_pain > pain_max) {
    out.push_back(
        {r.text("clearance.assessment_pain", {{"pain", std::to_string(*in.assessment_pain)},
                                              {"max", fmt::format("{}", pain_max)}}),
         "plan.assessment_pain_max"});
  }
  for (const auto& c : r.clearance_checks) {
    bool holds = !c.answers.empty();
    for (const auto& [id, values] : c.answers) {
      auto it = in.answers.find(id);
      const bool match =
          it != in.answers.end() &&
          std::any_of(it->second.begin(), it->second.end(), [&values = values](const auto& v) {
            return std::find(values.begin(), values.end(), v) != values.end();
          });
      holds = holds && match;
    }
    for (const auto& id : c.conditions) {
      holds =
          holds || std::find(in.conditions.begin(), in.conditions.end(), id) != in.conditions.end();
    }
    if (holds) out.push_back({c.reason, c.id});
  }
  return out;
}

Clearance clearance(const PlanInputs& in, const PlanState& s, const PlanRules& r) {
  Clearance c;
  auto no = [&](std::string why, std::string rule) {
    c.cleared = false;
    c.reasons.push_back(std::move(why));
    c.rules.push_back(std::move(rule));
  };
  for (auto& a : assessment_clearance(in, r)) no(std::move(a.text), std::move(a.rule));
  const auto lookback = static_cast<std::int64_t>(r.value("plan.red_flag_lookback_days"));
  const auto recent = static_cast<std::int64_t>(r.value("plan.recent_days"));
  const double high = r.value("plan.current_pain_high");
  for (const auto& e : in.diary) {
    const auto day = day_number(e.date).value_or(0);
    if (day > in.today) continue;
    const auto flags = diary_red_flags(e);
    if (!flags.empty() && day > in.today - lookback && day >= in.assessment_day) {
      no(fmt::format("diary {}: {}", e.date, flags.front().text), "diary.red_flag");
    }
    if (day > in.today - recent && e.worst_pain() && *e.worst_pain() >= high) {
      no(fmt::format("diary {}: pain {}/10 (at {:g}/10 or more the plan does not run)", e.date,
                     *e.worst_pain(), high),
         "plan.current_pain_high");
    }
  }
  if (s.clinician_advised_day && in.assessment_day <= *s.clinician_advised_day) {
    no("the plan advised seeing a clinician; after that visit, a new `runknee assess` clears it",
       "plan.step_backs_for_clinician");
  }
  return c;
}

/// The assessment asks for the return-to-run checks before any building (hazard H5): its pain is
/// above plan.build_start_pain_max or was not given (unknown is never "no pain"), or the pain
/// began suddenly (an injury: the knee proves walking and hopping first).
bool checks_first(const PlanInputs& in, const PlanRules& r) {
  if (!in.has_assessment) return false;
  if (!in.assessment_pain || *in.assessment_pain > r.value("plan.build_start_pain_max")) {
    return true;
  }
  const auto onset = in.answers.find("onset");
  return onset == in.answers.end() || onset->second.empty() || onset->second.front() != "gradual";
}

int initial_stage(const PlanInputs& in, const PlanRules& r) {
  const bool running = (in.training && in.training->runs_last_28d > 0) ||
                       std::any_of(in.runs.begin(), in.runs.end(),
                                   [&](const PastRun& p) { return p.day > in.today - 28; });
  if (!running) return r.relief_stage();
  if (checks_first(in, r)) return r.relief_stage();
  const double safe = r.value("plan.pain_safe_max");
  for (auto it = in.diary.rbegin(); it != in.diary.rend(); ++it) {
    if (!it->is_run()) continue;
    return it->worst_pain().value_or(0) <= safe ? r.build_stage() : r.relief_stage();
  }
  return r.build_stage();
}

std::vector<DecisionRecord> update_state(PlanState& s, const PlanInputs& in, const PlanRules& r) {
  std::vector<DecisionRecord> out;
  if (s.stage < 0) {
    s.stage = initial_stage(in, r);
    s.started_day = in.today;
  } else if (in.has_assessment && s.assessment_id != in.assessment_id &&
             s.stage == r.build_stage() && checks_first(in, r)) {
    // A new assessment asks for the checks first: back to the return-to-run checks.
    s.stage = initial_stage(in, r);
    s.ok_sessions = 0;
  }
  if (in.has_assessment) s.assessment_id = in.assessment_id;
  for (const auto& e : in.diary) {
    if (e.date <= s.last_processed) continue;
    const auto day = day_number(e.date);
    if (!day || *day > in.today || !ready(e, in.today)) break;  // keep order: stop at pending
    s.last_processed = e.date;
    if (const auto flags = diary_red_flags(e); !flags.empty()) {
      std::vector<std::string> texts;
      for (const auto& f : flags) texts.push_back(f.text);
      apply(s, {Decision::kSeeClinician, "red flag in the diary: " + join(texts), "diary.red_flag"},
            e, r, out);
      continue;
    }
    if (!e.is_run()) {
      if (s.stage == r.relief_stage()) {
        if (auto v = judge_checks(e)) apply(s, *v, e, r, out);
      }
      continue;
    }
    apply(s, judge_run(e, in.diary, s, r), e, r, out);
  }
  return out;
}

bool rewind_state(PlanState& s, const std::string& from_date) {
  const auto from = day_number(from_date);
  if (!from || s.last_processed.empty() || from_date > s.last_processed) return false;
  const auto first = std::find_if(s.history.begin(), s.history.end(),
                                  [&](const DecisionRecord& d) { return d.date >= from_date; });
  if (first != s.history.end()) {
    s.stage = first->stage_before;
    if (first->before) {
      s.ok_sessions = first->before->ok_sessions;
      s.consecutive_step_backs = first->before->consecutive_step_backs;
      // The assessment the plan had then: a newer one is checked again by update_state.
      s.assessment_id = first->before->assessment_id;
      s.clinician_advised_day = first->before->clinician_advised_day;
    } else {
      // An older record without the counters: start them afresh, and keep any advice to see a
      // clinician (never drop it on a guess).
      s.ok_sessions = 0;
      s.consecutive_step_backs = 0;
    }
    s.history.erase(first, s.history.end());
  }
  s.last_processed = date_of_day(*from - 1);
  return true;
}

nlohmann::json to_json(const DecisionRecord& d) {
  nlohmann::json j = {{"date", d.date},
                      {"decision", decision_name(d.decision)},
                      {"stage_before", d.stage_before},
                      {"stage_after", d.stage_after},
                      {"reason", d.reason},
                      {"rule", d.rule},
                      {"citation", d.citation}};
  if (d.before) {
    j["before"] = {{"ok_sessions", d.before->ok_sessions},
                   {"consecutive_step_backs", d.before->consecutive_step_backs},
                   {"assessment_id", d.before->assessment_id},
                   {"clinician_advised_day", d.before->clinician_advised_day
                                                 ? nlohmann::json(*d.before->clinician_advised_day)
                                                 : nlohmann::json(nullptr)}};
  }
  return j;
}

Expected<DecisionRecord> decision_from_json(const nlohmann::json& j, std::string_view where) {
  if (!j.is_object()) return fail("{}: decision is not an object", where);
  DecisionRecord d;
  d.date = j.value("date", "");
  const auto name = j.value("decision", "hold");
  for (auto k :
       {Decision::kAdvance, Decision::kHold, Decision::kStepBack, Decision::kSeeClinician}) {
    if (decision_name(k) == name) d.decision = k;
  }
  d.stage_before = j.value("stage_before", 0);
  d.stage_after = j.value("stage_after", 0);
  d.reason = j.value("reason", "");
  d.rule = j.value("rule", "");
  d.citation = j.value("citation", "");
  if (j.contains("before") && j["before"].is_object()) {
    const auto& b = j["before"];
    DecisionRecord::Before before;
    try {
      before.ok_sessions = b.value("ok_sessions", 0);
      before.consecutive_step_backs = b.value("consecutive_step_backs", 0);
      before.assessment_id = b.value("assessment_id", std::int64_t{-1});
    } catch (const nlohmann::json::exception& e) {
      return fail("{}: decision {}: {}", where, d.date, e.what());
    }
    if (b.contains("clinician_advised_day") && b["clinician_advised_day"].is_number_integer()) {
      before.clinician_advised_day = b["clinician_advised_day"].get<std::int64_t>();
    }
    d.before = before;
  }
  return d;
}

nlohmann::json to_json(const PlanState& s) {
  nlohmann::json h = nlohmann::json::array();
  for (const auto& d : s.history) h.push_back(to_json(d));
  return {
      {"stage", s.stage},
      {"started_day", s.started_day},
      {"assessment_id", s.assessment_id},
      {"last_processed", s.last_processed},
      {"ok_sessions", s.ok_sessions},
      {"consecutive_step_backs", s.consecutive_step_backs},
      {"clinician_advised_day", s.clinician_advised_day ? nlohmann::json(*s.clinician_advised_day)
                                                        : nlohmann::json(nullptr)},
      {"history", h}};
}

Expected<PlanState> plan_state_from_json(const nlohmann::json& j, std::string_view where) {
  if (!j.is_object()) return fail("{}: plan state is not an object", where);
  PlanState s;
  try {
    s.stage = j.value("stage", -1);
    s.started_day = j.value("started_day", std::int64_t{0});
    s.assessment_id = j.value("assessment_id", std::int64_t{-1});
    s.last_processed = j.value("last_processed", "");
    s.ok_sessions = j.value("ok_sessions", 0);
    s.consecutive_step_backs = j.value("consecutive_step_backs", 0);
    if (j.contains("clinician_advised_day") && j["clinician_advised_day"].is_number_integer()) {
      s.clinician_advised_day = j["clinician_advised_day"].get<std::int64_t>();
    }
  } catch (const nlohmann::json::exception& e) {
    return fail("{}: {}", where, e.what());
  }
  if (j.contains("history") && j["history"].is_array()) {
    for (const auto& d : j["history"]) {
      auto rec = decision_from_json(d, where);
      if (!rec) return fail(rec.error());
      s.history.push_back(*rec);
    }
  }
  return s;
}

}  // namespace rk::plan
