#include "plan/format.h"

#include <fmt/format.h>

#include "plan/welcome.h"
#include "util/dose_format.h"

namespace rk::plan {
namespace {

std::string pain(const std::optional<int>& v) {
  return v ? fmt::format("{}", *v) : "-";
}

/// How a session shows its exercises: names and doses (the plan), with their steps (today), or not
/// at all (today's tick-off list shows them once, below the sessions).
enum class ExerciseLines { kNames, kDetail, kNone };

std::string session_line(const Session& s, Units u, ExerciseLines lines = ExerciseLines::kNames) {
  std::string line = fmt::format("  {}  {}", s.date, s.title);
  if (s.distance_km) line += fmt::format(" ({})", format_distance(*s.distance_km, u));
  line += "\n      " + s.details + "\n";
  if (s.kind == SessionKind::kCheck)  // how to log it, in the CLI's words (the web has its form)
    line += "      log it: runknee log --walk-ok yes|no --hop-ok yes|no (and --swelling if the "
            "knee swells)\n";
  for (const auto& e : s.exercises) {
    if (lines == ExerciseLines::kNone) break;
    line += fmt::format("        - {}: {}\n", e.name, exercise_dose_text({e.sets, e.amount, e.unit}));
    if (lines != ExerciseLines::kDetail) continue;
    int n = 0;
    for (const auto& step : e.steps) line += fmt::format("            {}. {}\n", ++n, step);
    if (!e.mistake.empty()) line += fmt::format("            avoid: {}\n", e.mistake);
  }
  line +=
      fmt::format("      why: {}{}\n", s.why, s.citation.empty() ? "" : " [" + s.citation + "]");
  return line;
}

}  // namespace

std::string render_diary_text(const std::vector<DiaryEntry>& diary, Units u) {
  if (diary.empty()) return "No diary entries yet. Add one with `runknee log`.\n";
  std::string out = "date        during after morning stiff  where / symptoms\n";
  for (const auto& e : diary) {
    std::string notes;
    for (const auto& l : e.locations) notes += l + " ";
    if (e.swelling) notes += "swelling ";
    if (e.catching) notes += "catching ";
    if (e.locking) notes += "LOCKING ";
    if (e.giving_way) notes += e.fell ? "GAVE-WAY+FALL " : "giving-way ";
    if (e.night_pain) notes += "NIGHT-PAIN ";
    if (e.cannot_bear_weight) notes += "NO-WEIGHT-BEARING ";
    if (e.run_km > 0) notes += fmt::format("run {} ", format_distance(e.run_km, u, 1));
    if (!e.morning_logged.empty()) notes += fmt::format("(morning logged {}) ", e.morning_logged);
    out += fmt::format("{}  {:>6} {:>5} {:>7} {:>5}  {}\n", e.date, pain(e.pain_during),
                       pain(e.pain_after), pain(e.pain_morning),
                       e.stiffness_min ? fmt::format("{}m", *e.stiffness_min) : "-", notes);
    for (const auto& f : diary_red_flags(e)) {
      out += fmt::format("            red flag: {} - see a clinician\n", f.text);
    }
  }
  return out;
}

std::string render_plan_text(const Plan& p, Units u) {
  std::string out = fmt::format("Plan from {}: {}\n", p.today, p.headline);
  if (p.needs_assessment) {
    for (std::size_t i = 1; i < p.not_cleared_reasons.size(); ++i) {
      out += "  also: " + p.not_cleared_reasons[i] + "\n";
    }
    return out + "\n" + render_welcome_text(welcome());
  }
  for (const auto& r : p.not_cleared_reasons) out += "  not cleared: " + r + "\n";
  for (const auto& w : p.weeks) {
    out += fmt::format("\nWeek {} (from {}): {}", w.index, w.start_date, w.stage_title);
    if (w.planned_km > 0) out += fmt::format(", {} planned", format_distance(w.planned_km, u));
    if (w.weekly_cap_km) {
      out += fmt::format(" (weekly cap {})", format_distance(*w.weekly_cap_km, u));
    }
    out += "\n";
    for (const auto& s : w.sessions) out += session_line(s, u);
  }
  out += "\nGuidance\n";
  for (const auto& g : p.guidance) {
    out += fmt::format("  * {}: {}\n", g.title, g.text);
    if (g.id == "pain_monitoring")  // how to log, in the CLI's words (the web has its diary form)
      out += "    log it: `runknee log --during N --after N`, and the next morning `--morning N "
             "--stiffness MIN`\n";
    out += fmt::format("    why: {} [{}]\n", g.why, g.citation);
  }
  out += "\nRules this plan follows\n";
  for (const auto& r : p.rules) {
    out += fmt::format("  - {} = {} {}: {} [{}]\n", r.id, r.value, r.unit, r.meaning, r.citation);
  }
  out += "\nA training plan, not a diagnosis or medical advice.\n";
  return out;
}

std::string render_today_text(const TodayView& t, Units u, bool exercises_listed_below) {
  std::string out = fmt::format("Today, {}: {}\n", t.date, t.headline);
  if (t.needs_assessment) {  // the first-run welcome; no clearance wording before a knee check
    for (std::size_t i = 1; i < t.not_cleared_reasons.size(); ++i) {
      out += "  also: " + t.not_cleared_reasons[i] + "\n";
    }
    return out + "\n" + render_welcome_text(welcome());
  }
  for (const auto& why : t.not_cleared_reasons) out += "  not cleared: " + why + "\n";
  if (t.last_decision) {
    out += fmt::format("Last change ({}): {} [{}]\n", t.last_decision->date, t.last_change,
                       t.last_decision->citation);
  }
  if (t.sessions.empty()) {
    out +=
        "Rest day: recovery is when the knee adapts to the load. Log how it feels with "
        "`runknee log`.\n";
  }
  const auto lines = exercises_listed_below ? ExerciseLines::kNone : ExerciseLines::kDetail;
  for (const auto& s : t.sessions) out += session_line(s, u, lines);
  return out;
}

std::string render_koos_text(const KoosScore& s) {
  std::string out;
  for (const auto& sc : s.subscales) {
    out +=
        fmt::format("  {:<36} {}  ({}/{} answered)\n", sc.name,
                    sc.score ? fmt::format("{:5.1f}", *sc.score) : "  n/a", sc.answered, sc.total);
  }
  return out;
}

std::string render_koos_changes_text(const std::vector<KoosChange>& changes, double threshold) {
  std::string out;
  for (const auto& c : changes) {
    if (!c.delta) {
      out += fmt::format("  {:<36} no comparison (a score is missing)\n", c.name);
      continue;
    }
    out += fmt::format(
        "  {:<36} {:5.1f} -> {:5.1f} ({:+.1f}) {}\n", c.name, *c.before, *c.after, *c.delta,
        c.meaningful ? fmt::format("meaningful (>= {:.0f} points)", threshold) : "within noise");
  }
  return out;
}

}  // namespace rk::plan
