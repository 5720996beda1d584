#include "plan/generator.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "model/calendar.h"
#include "plan/settings.h"
#include "plan/welcome.h"
#include "util/dose_format.h"

namespace rk::plan {
namespace {

double floor2(double x) {
  return std::floor(x * 100.0 + 1e-9) / 100.0;
}

double longest_before(const std::vector<PastRun>& runs, std::int64_t day, std::int64_t window) {
  double m = 0;
  for (const auto& p : runs) {
    if (p.day >= day - window && p.day <= day - 1) m = std::max(m, p.km);
  }
  return m;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// The worst pain of the last logged run, when it hurt.
std::optional<int> last_run_pain(const PlanInputs& in) {
  for (auto it = in.diary.rbegin(); it != in.diary.rend(); ++it) {
    if (it->is_run()) return it->worst_pain();
  }
  return std::nullopt;
}

/// The runner's own easy pace (median min/km of recent runs), else the rules' default.
double easy_pace(const PlanInputs& in, const PlanRules& r) {
  std::vector<double> paces;
  for (const auto& p : in.runs) {
    if (p.km > 0.5 && p.minutes > 0 && p.day > in.today - 90) paces.push_back(p.minutes / p.km);
  }
  if (paces.empty()) return r.value("plan.easy_pace_min_per_km");
  std::sort(paces.begin(), paces.end());
  return std::clamp(paces[paces.size() / 2], 3.0, 12.0);
}

struct Builder {
  const PlanInputs& in;
  const PlanState& state;
  const PlanRules& r;
  bool cleared = true;
  double pace = 7;
  std::vector<PastRun> runs;  // history, then planned runs as they are placed
  double prev_week_km = 0;
  double done_this_week_km = 0;  // runs already done in the first (Monday) week, before today
  int running_weeks = 0;
  int build_weeks = 0;
  RunnerWeek own;
  std::vector<PastRun> long_runs;  // the runner's, then the plan's long runs

  Session make(std::int64_t day, SessionKind kind, std::string title) const {
    Session s;
    s.day = day;
    s.date = date_of_day(day);
    s.kind = kind;
    s.title = std::move(title);
    return s;
  }

  std::string cross_training_choices(double run_minutes) const {
    std::string s;
    for (const auto& c : r.cross_training) {
      s += fmt::format("{}{} {:.0f} min", s.empty() ? "" : ", ", c.name, run_minutes * c.ratio);
    }
    return s;
  }

  Session cross_training(std::int64_t day, double run_minutes, bool only_if_pain_free) const {
    Session s = make(day, SessionKind::kCrossTraining, "Cross-training");
    s.minutes = run_minutes;
    s.details =
        fmt::format("Choose one: {} (rough equivalents of {:.0f} min easy running).{}",
                    cross_training_choices(run_minutes), run_minutes,
                    only_if_pain_free ? " Only if it is pain-free; stop if pain rises." : "");
    s.why =
        "Pain-free aerobic exercise keeps fitness and blood flow going while the knee is spared "
        "impact (the V of LOVE); the time equivalents are a planning convention.";
    s.citation = "dubois2020";
    return s;
  }

  Session strength(std::int64_t day, int week, bool gentle_only) const {
    Session s = make(day, SessionKind::kStrength, "Hip, glute and thigh strengthening");
    for (const auto& e : r.strengthening) {
      if (week < e.start_week || (gentle_only && !e.gentle)) continue;
      // One step a week from the exercise's first week, minus the weeks held for adherence.
      const auto first_rise = week_start(day) - 7 * (week - e.start_week - 1);
      const auto held = std::count_if(in.progression_held.begin(), in.progression_held.end(),
                                      [&](std::int64_t m) { return m >= first_rise && m <= day; });
      const int steps = std::max(0, week - e.start_week - static_cast<int>(held));
      const int amount = std::min(e.max, e.reps + e.step * steps);
      s.exercises.push_back({e.id, e.name, e.sets, amount, e.unit, e.steps, e.mistake});
    }
    // The exercises and their doses are listed once, from s.exercises (dose_text).
    s.details =
        "Each week the reps or hold time rise by the stated step; at the top, add load. Stop any "
        "exercise that hurts the inner knee.";
    s.why = in.has_cause("hip_weakness")
                ? "Hip weakness is a likely cause: stronger hip abductors and glutes help keep "
                  "the knee from collapsing inwards, and strong thighs absorb landing forces."
                : "Strong hips, glutes and thighs help control the knee and absorb landing "
                  "forces; part of loading the tissue again (the E of LOVE).";
    s.citation = "rk_editorial";
    return s;
  }

  Session check(std::int64_t day) const {
    Session s = make(day, SessionKind::kCheck, "Return-to-run checks");
    // How to log it is the front end's (the CLI names its flags, the web its diary form).
    s.details = r.text("session.check_details");
    s.why = r.text("session.check_why");
    s.citation = "manal2018";
    return s;
  }

  std::string cadence_note() const {
    if (!in.has_cause("poor_form")) return "";
    const double first = r.value("plan.cadence_first_pct");
    const double max = r.value("plan.cadence_max_pct");
    const double pct = std::min(max, first + 2.5 * (running_weeks / 2));
    if (in.cadence_spm && *in.cadence_spm > 100) {
      const int bpm = static_cast<int>(std::lround(*in.cadence_spm * (1 + pct / 100)));
      return fmt::format(
          " Cadence: +{:.1f}% of your {:.0f} steps/min = set a metronome to {} "
          "bpm.",
          pct, *in.cadence_spm, bpm);
    }
    return fmt::format(
        " Cadence: count your steps for 30 s, double it, and aim {:.1f}% higher "
        "(a metronome app helps).",
        pct);
  }

  Session walk_run(std::int64_t day, const Stage& st) const {
    Session s =
        make(day, st.run_min >= 30 || st.repeats <= 1 ? SessionKind::kRun : SessionKind::kWalkRun,
             st.title);
    const double minutes = st.repeats * (st.run_min + st.walk_min);
    s.minutes = minutes;
    s.distance_km =
        st.repeats * (st.run_min / pace + st.walk_min / r.value("plan.walk_pace_min_per_km"));
    s.details =
        st.walk_min > 0
            ? fmt::format(
                  "{} x ({:.0f} min easy running, {:.0f} min brisk walking), "
                  "about {:.0f} min on flat ground.",
                  st.repeats, st.run_min, st.walk_min, minutes)
            : fmt::format("{:.0f} min of easy, conversational running on flat ground.", minutes);
    s.why = r.text("session.ladder_why");
    s.citation = st.citation;
    return s;
  }

  Session run(std::int64_t day, double km, bool long_run) const {
    Session s = make(day, SessionKind::kRun, long_run ? "Long run (easy)" : "Easy run");
    s.long_run = long_run;
    s.distance_km = km;
    s.minutes = km * pace;
    s.details = "Easy, conversational pace.";
    s.why = r.text(long_run ? "session.run_why_long" : "session.run_why_easy");
    s.citation = long_run ? "frandsen2025" : "nielsen2014_jospt";
    return s;
  }

  // Weekly cap first (scale), then the 30-day cap run by run, so the second never undoes the
  // first and both hold for every planned run.
  void apply_caps(PlanWeek& w) {
    const double weekly_pct = r.value("plan.weekly_increase_cap_pct") / 100.0;
    const double spike = 1.0 + r.value("plan.spike_cap_pct") / 100.0;
    const auto window = static_cast<std::int64_t>(r.value("plan.spike_window_days"));
    double total = 0;
    for (const auto& s : w.sessions) total += s.distance_km.value_or(0);
    // The week is a Monday week: runs already done in it count against its cap.
    const double done = done_this_week_km;
    done_this_week_km = 0;
    if (prev_week_km > 0) {
      w.weekly_cap_km = floor2(prev_week_km * (1 + weekly_pct));
      if (total > 0 && done + total > *w.weekly_cap_km) {
        const double f = std::max(0.0, *w.weekly_cap_km - done) / total;
        for (auto& s : w.sessions) {
          if (!s.distance_km) continue;
          s.distance_km = floor2(*s.distance_km * f);
          s.capped = true;
        }
        // The week's cap is used up by the runs already done: no token runs on top.
        std::erase_if(w.sessions, [](const Session& s) {
          return s.distance_km && s.capped && *s.distance_km < 1.0;
        });
      }
    }
    w.planned_km = 0;
    for (auto& s : w.sessions) {
      if (!s.distance_km) continue;
      const double longest = longest_before(runs, s.day, window);
      if (longest > 0 && *s.distance_km > longest * spike) {
        s.distance_km = floor2(longest * spike);
        s.capped = true;
      }
      s.distance_km = floor2(*s.distance_km);
      if (s.capped) {
        // No number here: the distance shows beside the session in the runner's units, and
        // the JSON keeps its text the same whatever the units setting.
        s.details += " Stop at the planned distance even if the time is not up (cap rule).";
      }
      s.details += cadence_note();
      runs.push_back({s.day, *s.distance_km, s.minutes.value_or(0)});
      if (s.long_run) long_runs.push_back({s.day, *s.distance_km, 0});
      w.planned_km += *s.distance_km;
    }
    prev_week_km = w.planned_km + done;
    if (w.planned_km > 0) ++running_weeks;
  }

  int strength_week(std::int64_t start) const {
    // Counted in Monday weeks from the week the plan started.
    auto first = state.started_day > 0 ? state.started_day : in.today;
    first -= weekday_of(first);
    return static_cast<int>(std::max<std::int64_t>(0, (start - first) / 7)) + 1;
  }

  void relief_week(PlanWeek& w, std::int64_t start, bool first) const {
    const int protect = static_cast<int>(r.value("plan.protect_days"));
    for (int d = 0; d < 7; ++d) {
      const auto day = start + d;
      if (first && d < protect) {
        Session s = make(day, SessionKind::kRelief, "Protect and settle");
        s.details =
            "Ease off what hurts (no running); keep moving gently within comfort, elevate the "
            "leg when it aches. See the relief steps of your assessment.";
        s.why =
            "A few days of relative protection let an irritated knee settle; anti-"
            "inflammatories may slow tissue repair in this early phase.";
        s.citation = "dubois2020";
        w.sessions.push_back(s);
      } else if (d % 2 == (first ? 1 : 0)) {
        w.sessions.push_back(cross_training(day, 30, true));
      } else if (!first || d >= protect) {
        w.sessions.push_back(strength(day, strength_week(start), true));
      }
    }
  }

  void return_week(PlanWeek& w, std::int64_t start) const {
    w.sessions.push_back(cross_training(start, 30, true));
    w.sessions.push_back(check(start + 1));
    w.sessions.push_back(cross_training(start + 2, 30, true));
    w.sessions.push_back(strength(start + 3, strength_week(start), false));
    w.sessions.push_back(cross_training(start + 4, 30, true));
    w.sessions.push_back(check(start + 5));
  }

  void ladder_week(PlanWeek& w, std::int64_t start, const Stage& st) const {
    const int sw = strength_week(start);
    w.sessions.push_back(walk_run(start, st));
    w.sessions.push_back(strength(start + 1, sw, false));
    w.sessions.push_back(walk_run(start + 2, st));
    w.sessions.push_back(strength(start + 3, sw, false));
    w.sessions.push_back(walk_run(start + 4, st));
    w.sessions.push_back(cross_training(start + 5, 30, false));
  }

  /// The long run on `day`: at most plan.long_run_rise_pct above the shortest long run of the
  /// previous plan.long_run_rise_days, so it rises at most 10% a fortnight, never compounding
  /// week on week; `hold`: no rise. After a break (no long run in the window) the runner's usual.
  double long_run_km(std::int64_t day, bool hold) const {
    const auto window = static_cast<std::int64_t>(r.value("plan.long_run_rise_days"));
    const double rise = hold ? 1.0 : 1 + r.value("plan.long_run_rise_pct") / 100.0;
    std::optional<double> lowest;
    for (const auto& l : long_runs) {
      if (l.day >= day - window && l.day < day) lowest = std::min(lowest.value_or(l.km), l.km);
    }
    return lowest ? floor2(*lowest * rise) : own.long_median_km;
  }

  /// A week with the runner's own shape: the usual number of runs on the usual weekdays at the
  /// usual distances (at most plan.weekday_run_max_ratio x the weekday median), the long run on
  /// its usual day rising at most 10% a fortnight. Strength on two of the free days. A recovery
  /// week or acceptable pain scales the same week down, with no rise.
  void own_build_week(PlanWeek& w, std::int64_t start, double factor, bool hold_long) {
    const double max_ratio = r.value("plan.weekday_run_max_ratio");
    std::vector<bool> busy(7, false);
    auto day_for = [&](int weekday) {
      for (int d = 0; d < 7; ++d) {
        if (weekday_of(start + d) == weekday) return start + d;
      }
      return start;
    };
    const auto long_day = day_for(own.long_weekday);
    const double long_km = long_run_km(long_day, hold_long);
    w.sessions.push_back(run(long_day, floor2(long_km * factor), true));
    busy[static_cast<std::size_t>(long_day - start)] = true;
    const int weekday_runs = own.runs_per_week - 1;
    for (int i = 0; i < weekday_runs && i < static_cast<int>(own.weekdays.size()); ++i) {
      const auto day = day_for(own.weekdays[static_cast<std::size_t>(i)]);
      if (busy[static_cast<std::size_t>(day - start)]) continue;
      const double km =
          std::min(own.weekday_km[static_cast<std::size_t>(i)], own.weekday_median_km * max_ratio);
      w.sessions.push_back(run(day, floor2(km * factor), false));
      busy[static_cast<std::size_t>(day - start)] = true;
    }
    const int sw = strength_week(start);
    int strength_days = 0;
    for (int d = 0; d < 7 && strength_days < 2; ++d) {
      if (busy[static_cast<std::size_t>(d)] || start + d + 1 == long_day) continue;
      w.sessions.push_back(strength(start + d, sw, false));
      busy[static_cast<std::size_t>(d)] = true;
      ++strength_days;
    }
    std::sort(w.sessions.begin(), w.sessions.end(),
              [](const Session& a, const Session& b) { return a.day < b.day; });
  }

  void build_week(PlanWeek& w, std::int64_t start) {
    ++build_weeks;
    const int every = static_cast<int>(r.value("plan.recovery_week_every"));
    const bool recovery = every > 0 && build_weeks % every == 0;
    if (own.known) {
      // Pain in the acceptable zone: the same week, smaller, and no rise.
      const auto pain = last_run_pain(in);
      const bool sore = pain && *pain > r.value("plan.pain_safe_max");
      double factor = 1;
      if (sore) factor = r.value("plan.acceptable_pain_volume_factor");
      if (recovery) factor = std::min(factor, r.value("plan.recovery_week_factor"));
      own_build_week(w, start, factor, sore || recovery);
      return;
    }
    double target;
    if (prev_week_km <= 0) {
      target = r.value("plan.build_runs_per_week") * 30.0 / pace;
    } else if (recovery) {
      target = prev_week_km * r.value("plan.recovery_week_factor");
    } else {
      target = prev_week_km * (1 + r.value("plan.weekly_increase_cap_pct") / 100.0);
    }
    const double share = r.value("plan.long_run_share");
    const double easy = target * (1 - share) / 2;
    const int sw = strength_week(start);
    w.sessions.push_back(run(start, easy, false));
    w.sessions.push_back(strength(start + 1, sw, false));
    w.sessions.push_back(run(start + 2, easy, false));
    w.sessions.push_back(strength(start + 3, sw, false));
    w.sessions.push_back(run(start + 5, target * share, true));
  }
};

void add_guidance(Plan& p, const PlanInputs& in, const PlanRules& r) {
  // The wording is data (data/plan/guidance.yaml), its figures the rules' own values.
  auto add = [&](const std::string& id, const std::string& key, const std::string& citation,
                 const std::vector<std::pair<std::string, std::string>>& fill = {}) {
    p.guidance.push_back({id, r.text("guidance." + key + "_title"),
                          r.text("guidance." + key + "_do", fill),
                          r.text("guidance." + key + "_why"), citation});
  };
  add("pain_monitoring", "pain_monitoring", "silbernagel2007");
  add("spike_cap", "spike_cap", "frandsen2025");
  if (in.has_cause("poor_form")) {
    std::string target = r.text("guidance.cadence_target_unknown");
    if (in.cadence_spm && *in.cadence_spm > 100) {
      target = r.text(
          "guidance.cadence_target",
          {{"cadence", fmt::format("{:.0f}", *in.cadence_spm)},
           {"first",
            fmt::format("{:.0f}", *in.cadence_spm * (1 + r.value("plan.cadence_first_pct") / 100))},
           {"max",
            fmt::format("{:.0f}", *in.cadence_spm * (1 + r.value("plan.cadence_max_pct") / 100))}});
    }
    add("cadence", "cadence", "heiderscheit2011", {{"target", target}});
  }
  if (in.has_cause("foot_mechanics")) add("footwear", "footwear", "source_article");
  if (!p.cleared) {
    const bool today = seen_today(in.urgency);
    p.guidance.push_back(
        {"clinician",
         r.text(today ? "guidance.clinician_title_urgent" : "guidance.clinician_title"),
         r.text("guidance.clinician_do",
                {{"reasons", fmt::format("{}", fmt::join(p.not_cleared_reasons, "; "))}}),
         r.text("guidance.clinician_why"), "silbernagel2007"});
  }
  for (const auto& id :
       {"plan.pain_during_max", "plan.morning_settled_max", "plan.stiffness_rise_min",
        "plan.step_backs_for_clinician", "plan.spike_cap_pct", "plan.weekly_increase_cap_pct",
        "plan.sessions_to_advance", "plan.cadence_first_pct", "plan.cadence_max_pct"}) {
    p.rules.push_back(r.rule(id));
  }
}

}  // namespace

std::string kind_name(SessionKind k) {
  switch (k) {
    case SessionKind::kRun:
      return "run";
    case SessionKind::kWalkRun:
      return "walk_run";
    case SessionKind::kCrossTraining:
      return "cross_training";
    case SessionKind::kStrength:
      return "strength";
    case SessionKind::kRelief:
      return "relief";
    case SessionKind::kCheck:
      return "check";
  }
  return "run";
}

int weekday_of(std::int64_t day) {
  return static_cast<int>(((day % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday
}

RunnerWeek runner_week(const std::vector<PastRun>& runs, std::int64_t today, const PlanRules& r) {
  RunnerWeek w;
  const auto weeks = static_cast<std::int64_t>(r.value("plan.structure_weeks"));
  const auto first_day = today - 7 * weeks;
  std::vector<std::vector<PastRun>> blocks(static_cast<std::size_t>(weeks));
  std::int64_t earliest = today;
  for (const auto& p : runs) {
    if (p.day < first_day || p.day >= today || p.km <= 0) continue;
    blocks[static_cast<std::size_t>((today - 1 - p.day) / 7)].push_back(p);
    earliest = std::min(earliest, p.day);
  }
  if (earliest == today) return w;
  const auto covered = static_cast<std::size_t>((today - 1 - earliest) / 7 + 1);
  std::vector<int> long_days(7, 0), weekday_count(7, 0);
  std::vector<std::vector<double>> by_weekday(7);
  std::vector<double> weekday_all, long_all;
  int total = 0;
  for (std::size_t b = 0; b < covered; ++b) {
    auto& block = blocks[b];
    total += static_cast<int>(block.size());
    if (block.empty()) continue;
    auto longest = std::max_element(block.begin(), block.end(),
                                    [](const PastRun& a, const PastRun& c) { return a.km < c.km; });
    ++long_days[static_cast<std::size_t>(weekday_of(longest->day))];
    long_all.push_back(longest->km);
    w.long_runs.push_back(*longest);
    for (auto it = block.begin(); it != block.end(); ++it) {
      if (it == longest) continue;
      const auto wd = static_cast<std::size_t>(weekday_of(it->day));
      ++weekday_count[wd];
      by_weekday[wd].push_back(it->km);
      weekday_all.push_back(it->km);
    }
  }
  std::sort(w.long_runs.begin(), w.long_runs.end(),
            [](const PastRun& a, const PastRun& b) { return a.day < b.day; });
  w.known = true;
  w.runs_per_week = std::clamp(
      static_cast<int>(std::lround(static_cast<double>(total) / static_cast<double>(covered))), 1,
      7);
  w.long_weekday =
      static_cast<int>(std::max_element(long_days.begin(), long_days.end()) - long_days.begin());
  w.long_median_km = median(long_all);
  w.weekday_median_km = median(weekday_all);
  std::vector<int> order;
  for (int d = 0; d < 7; ++d) {
    if (d != w.long_weekday && weekday_count[static_cast<std::size_t>(d)] > 0) order.push_back(d);
  }
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return weekday_count[static_cast<std::size_t>(a)] > weekday_count[static_cast<std::size_t>(b)];
  });
  for (int d : order) {
    w.weekdays.push_back(d);
    w.weekday_km.push_back(median(by_weekday[static_cast<std::size_t>(d)]));
  }
  return w;
}

Plan generate_plan(const PlanInputs& in, const PlanState& state, const PlanRules& r, int weeks) {
  Plan p;
  p.today = date_of_day(in.today);
  const auto c = clearance(in, state, r);
  p.cleared = c.cleared;
  p.not_cleared_reasons = c.reasons;
  int stage = state.stage >= 0 ? std::min(state.stage, r.build_stage()) : initial_stage(in, r);
  if (!p.cleared) stage = r.relief_stage();
  p.stage = stage;
  p.stage_id = r.stages[static_cast<std::size_t>(stage)].id;
  p.has_runs = !in.runs.empty();
  if (!in.has_assessment) {
    // No clearance wording either way before the knee check: the plan is built from it.
    p.needs_assessment = true;
    p.cleared = false;
    p.not_cleared_reasons.insert(p.not_cleared_reasons.begin(), r.text("clearance.no_assessment"));
    p.headline = r.text("headline.no_assessment");
    return p;
  }
  add_guidance(p, in, r);
  if (in.urgency == Urgency::kEmergency) {
    p.headline = r.text("headline.emergency");
    return p;
  }
  if (p.cleared && stage == r.relief_stage()) {
    p.headline = r.text("headline.relief");  // cleared, but not running: not "cleared to train"
  } else if (p.cleared) {
    p.headline =
        r.text("headline.cleared", {{"stage", r.stages[static_cast<std::size_t>(stage)].title}});
  } else if (in.urgency == Urgency::kUrgent || in.urgency == Urgency::kSoon) {
    // worded as the assessment's urgency
    p.headline = r.text(std::string("headline.").append(urgency_name(in.urgency)));
  } else {
    p.headline = r.text("headline.not_cleared");
  }

  Builder b{in, state, r, true, 7, {}, 0, 0, 0, 0, {}, {}};
  b.cleared = p.cleared;
  b.pace = easy_pace(in, r);
  b.runs = in.runs;
  b.own = runner_week(in.runs, in.today, r);
  b.long_runs = b.own.long_runs;
  if (b.runs.empty() && in.training && in.training->longest_prev30_km) {
    b.runs.push_back({in.today - 1, *in.training->longest_prev30_km, 0});
  }
  // Plan weeks are ISO weeks: Monday to Sunday. The first is this week, from today on.
  const auto monday = in.today - weekday_of(in.today);
  for (const auto& run : in.runs) {
    if (run.day >= monday - 7 && run.day < monday) b.prev_week_km += run.km;
    if (run.day >= monday && run.day < in.today) b.done_this_week_km += run.km;
  }
  if (in.runs.empty() && in.training && in.training->this_week_km) {
    b.prev_week_km = *in.training->this_week_km;
  }

  for (int w = 0; w < weeks; ++w) {
    PlanWeek week;
    week.index = w + 1;
    const auto start = monday + 7 * w;
    week.start_date = date_of_day(start);
    const auto& st = r.stages[static_cast<std::size_t>(stage)];
    week.stage_id = st.id;
    week.stage_title = st.title;
    if (!p.cleared) {
      // The protect days count from today, whatever the weekday.
      b.relief_week(week, w == 0 ? in.today : start, w == 0);
    } else if (stage == r.relief_stage()) {
      b.return_week(week, start);
    } else if (stage < r.build_stage()) {
      b.ladder_week(week, start, st);
    } else {
      b.build_week(week, start);
    }
    // Only this week's days from today on, before the caps see the week.
    std::erase_if(week.sessions, [&](const Session& ses) {
      return ses.day < std::max(start, in.today) || ses.day >= start + 7;
    });
    b.apply_caps(week);
    if (p.cleared) stage = std::min(stage + 1, r.build_stage());
    p.weeks.push_back(std::move(week));
  }
  return p;
}

TodayView today_view(const Plan& p, const PlanState& s, const PlanRules& r) {
  TodayView t;
  t.date = p.today;
  t.needs_assessment = p.needs_assessment;
  t.has_runs = p.has_runs;
  t.cleared = p.cleared;
  t.not_cleared_reasons = p.not_cleared_reasons;
  t.headline = p.headline;
  if (!p.weeks.empty()) {
    t.stage_title = p.weeks.front().stage_title;
    for (const auto& sess : p.weeks.front().sessions) {
      if (sess.date == p.today) t.sessions.push_back(sess);
    }
  }
  if (!s.history.empty()) {
    t.last_decision = s.history.back();
    t.last_change = decision_sentence(*t.last_decision, r);
  }
  return t;
}

nlohmann::json to_json(const Session& s) {
  nlohmann::json ex = nlohmann::json::array();
  for (const auto& e : s.exercises) {
    ex.push_back({{"id", e.id},
                  {"name", e.name},
                  {"sets", e.sets},
                  {"amount", e.amount},
                  {"unit", e.unit},
                  {"dose_text", exercise_dose_text({e.sets, e.amount, e.unit})},
                  {"steps", e.steps},
                  {"mistake", e.mistake}});
  }
  auto opt = [](const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"date", s.date},
          {"kind", kind_name(s.kind)},
          {"title", s.title},
          {"long_run", s.long_run},
          {"details", s.details},
          {"minutes", opt(s.minutes)},
          {"distance_km", opt(s.distance_km)},
          {"capped", s.capped},
          {"exercises", ex},
          {"why", s.why},
          {"citation", s.citation}};
}

nlohmann::json to_json(const Plan& p) {
  nlohmann::json weeks = nlohmann::json::array();
  for (const auto& w : p.weeks) {
    nlohmann::json sessions = nlohmann::json::array();
    for (const auto& s : w.sessions) sessions.push_back(to_json(s));
    weeks.push_back({{"index", w.index},
                     {"start_date", w.start_date},
                     {"stage", w.stage_id},
                     {"stage_title", w.stage_title},
                     {"planned_km", w.planned_km},
                     {"weekly_cap_km",
                      w.weekly_cap_km ? nlohmann::json(*w.weekly_cap_km) : nlohmann::json(nullptr)},
                     {"sessions", sessions}});
  }
  nlohmann::json guidance = nlohmann::json::array();
  for (const auto& g : p.guidance) {
    guidance.push_back({{"id", g.id},
                        {"title", g.title},
                        {"text", g.text},
                        {"why", g.why},
                        {"citation", g.citation}});
  }
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& r : p.rules) {
    rules.push_back({{"id", r.id},
                     {"value", r.value},
                     {"unit", r.unit},
                     {"meaning", r.meaning},
                     {"citation", r.citation}});
  }
  return {{"today", p.today},
          {"needs_assessment", p.needs_assessment},
          {"cleared", p.cleared},
          {"not_cleared_reasons", p.not_cleared_reasons},
          {"headline", p.headline},
          {"stage", p.stage_id},
          {"weeks", weeks},
          {"guidance", guidance},
          {"rules", rules},
          {"disclaimer", "A training plan, not a diagnosis or medical advice."}};
}

nlohmann::json to_json(const TodayView& t) {
  nlohmann::json sessions = nlohmann::json::array();
  for (const auto& s : t.sessions) sessions.push_back(to_json(s));
  return {{"date", t.date},
          {"needs_assessment", t.needs_assessment},
          {"has_runs", t.has_runs},
          {"welcome", t.needs_assessment ? to_json(welcome()) : nlohmann::json(nullptr)},
          {"cleared", t.cleared},
          {"not_cleared_reasons", t.not_cleared_reasons},
          {"headline", t.headline},
          {"stage_title", t.stage_title},
          {"sessions", sessions},
          {"last_decision", t.last_decision ? to_json(*t.last_decision) : nlohmann::json(nullptr)},
          {"last_change", t.last_change}};
}

}  // namespace rk::plan
