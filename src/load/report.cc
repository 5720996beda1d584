#include "load/report.h"

#include <fmt/format.h>

#include <cmath>

#include "model/calendar.h"

namespace rk {
namespace {

using nlohmann::json;

json opt(const std::optional<double>& v, int decimals = 2) {
  if (!v) return nullptr;
  const double p = std::pow(10, decimals);
  return std::round(*v * p) / p;
}

double round_to(double v, int decimals) {
  return opt(v, decimals).get<double>();
}

std::string cell(const std::optional<double>& v, const char* format = "{:.1f}") {
  return v ? fmt::format(fmt::runtime(format), *v) : std::string("-");
}

json totals_json(const SportTotals& s) {
  return {{"km", round_to(s.distance_m / 1000, 2)},
          {"minutes", round_to(s.duration_s / 60, 1)},
          {"sessions", s.sessions}};
}

json flags_json(const std::vector<Flag>& flags) {
  json out = json::array();
  for (const Flag& f : flags)
    out.push_back(
        {{"id", f.id}, {"text", f.text}, {"certainty", f.certainty}, {"citation", f.citation}});
  return out;
}

json run_json(const RunLoad& r) {
  return {{"date", day_string(r.day)},
          {"weekday", weekday_name(r.day)},
          {"start_utc", r.start_utc},
          {"distance_km", round_to(r.distance_m / 1000, 2)},
          {"longest_prev30_km", round_to(r.longest_prev_m / 1000, 2)},
          {"spike_pct", opt(r.spike_pct, 1)},
          {"category", category_name(r.category)},
          {"next_run_cap_km", round_to(r.next_run_cap_m / 1000, 2)},
          {"note", r.note}};
}

std::string flag_lines(const std::vector<Flag>& flags) {
  std::string out;
  for (const Flag& f : flags)
    out += fmt::format("    ! {} [{} certainty; {}]\n", f.text, f.certainty, f.citation);
  return out;
}

std::string csv_flags(const std::vector<Flag>& flags) {
  std::string out;
  for (const Flag& f : flags) out += (out.empty() ? "" : " ") + f.id;
  return out;
}

std::string csv_num(const std::optional<double>& v, int decimals = 2) {
  return v ? fmt::format("{:.{}f}", *v, decimals) : std::string();
}

std::string csv_totals(const SportTotals& s, const DistanceUnit& u) {
  return fmt::format("{:.2f},{:.1f},{},", s.distance_m / u.metres, s.duration_s / 60, s.sessions);
}

/// A short length (step length) in the unit's short unit: metres, or feet with miles.
std::optional<double> in_short(const std::optional<double>& metres, const DistanceUnit& u) {
  return metres ? std::optional<double>(*metres / u.short_metres) : std::nullopt;
}

}  // namespace

std::string load_text(const LoadReport& rep, const DayRange& range, const DistanceUnit& u) {
  std::string out;
  for (const std::string& n : rep.coverage_notes) out += fmt::format("note: {}\n", n);
  out += fmt::format("\n{:<9} {:>8} {:>7} {:>5} {:>8} {:>7} {:>7} {:>6}  {}\n", "week", "run " + u.name,
                     "run h", "runs", "cross h", "1w %", "2w %", "monot", "");
  for (const WeekRow& w : rep.weeks) {
    if (!range.contains(w.load.monday + 6) && !range.contains(w.load.monday)) continue;
    out +=
        fmt::format("{:<9} {:>8.1f} {:>7.1f} {:>5} {:>8.1f} {:>7} {:>7} {:>6}  {}\n", w.load.label,
                    w.load.running.distance_m / u.metres, w.load.running.duration_s / 3600,
                    w.load.running.sessions, w.load.cross.duration_s / 3600,
                    cell(w.change_1w_pct, "{:+.0f}"), cell(w.change_2w_pct, "{:+.0f}"),
                    cell(w.monotony, "{:.2f}"), w.partial ? "(partial week)" : "");
    out += flag_lines(w.flags);
  }
  out += fmt::format("\n{:<10} {:<9} {:>7} {:>7} {:>8} {:>7} {:>6} {:>6} {:>6}\n", "date", "day",
                     "run " + u.name, "run min", "cross min", "sRPE", "TRIMP", "ACWR", "uncpl");
  for (const DayRow& d : rep.days) {
    const DayLoad& l = d.load;
    if (!range.contains(l.day) || l.running.sessions + l.cross.sessions == 0) continue;
    out += fmt::format("{:<10} {:<9} {:>7.1f} {:>7.0f} {:>8.0f} {:>7} {:>6} {:>6} {:>6}\n",
                       day_string(l.day), weekday_name(l.day), l.running.distance_m / u.metres,
                       l.running.duration_s / 60, l.cross.duration_s / 60, cell(l.srpe, "{:.0f}"),
                       cell(l.trimp, "{:.0f}"), cell(d.acwr_ewma, "{:.2f}"),
                       cell(d.acwr_uncoupled, "{:.2f}"));
    out += flag_lines(d.flags);
  }
  out +=
      "\nACWR columns are context only: ratio thresholds have not held up as injury "
      "predictors (Impellizzeri 2020; in runners Frandsen 2025 found the opposite trend).\n";
  return out;
}

json load_json(const LoadReport& rep, const DayRange& range) {
  json days = json::array(), weeks = json::array(), gaps = json::array();
  for (const DayRow& d : rep.days) {
    if (!range.contains(d.load.day)) continue;
    days.push_back({{"date", day_string(d.load.day)},
                    {"weekday", weekday_name(d.load.day)},
                    {"running", totals_json(d.load.running)},
                    {"cross_training", totals_json(d.load.cross)},
                    {"srpe", opt(d.load.srpe, 1)},
                    {"trimp", opt(d.load.trimp, 1)},
                    {"acwr_ewma", opt(d.acwr_ewma)},
                    {"acwr_uncoupled", opt(d.acwr_uncoupled)},
                    {"flags", flags_json(d.flags)}});
  }
  for (const WeekRow& w : rep.weeks) {
    if (!range.contains(w.load.monday + 6) && !range.contains(w.load.monday)) continue;
    weeks.push_back({{"week", w.load.label},
                     {"monday", day_string(w.load.monday)},
                     {"partial", w.partial},
                     {"running", totals_json(w.load.running)},
                     {"cross_training", totals_json(w.load.cross)},
                     {"srpe", opt(w.load.srpe, 1)},
                     {"trimp", opt(w.load.trimp, 1)},
                     {"change_1w_pct", opt(w.change_1w_pct, 1)},
                     {"change_2w_pct", opt(w.change_2w_pct, 1)},
                     {"monotony", opt(w.monotony)},
                     {"strain", opt(w.strain, 1)},
                     {"flags", flags_json(w.flags)}});
  }
  for (const Gap& g : rep.gaps)
    gaps.push_back(
        {{"from", day_string(g.first_day)}, {"to", day_string(g.last_day)}, {"days", g.days}});
  return {{"first_date", rep.days.empty() ? json(nullptr) : json(day_string(rep.first_day))},
          {"today", day_string(rep.today)},
          {"days_covered", rep.days_covered},
          {"spike_none_max_pct", rep.thresholds.spike_none_max_pct},
          {"spike_window_days", rep.thresholds.spike_window_days},
          {"coverage_notes", rep.coverage_notes},
          {"gaps", gaps},
          {"weeks", weeks},
          {"days", days},
          {"acwr_note",
           "descriptive context only (Williams 2017 EWMA, Lolli 2019 uncoupled); "
           "not an injury predictor on its own (Impellizzeri 2020)"}};
}

std::string load_csv(const LoadReport& rep, const DayRange& range, const DistanceUnit& u) {
  std::string out = fmt::format(
      "period,start,label,run_{0},run_min,run_sessions,cross_{0},cross_min,cross_sessions,srpe,"
      "trimp,acwr_ewma,acwr_uncoupled,change_1w_pct,change_2w_pct,monotony,strain,flags\n",
      u.name);
  for (const DayRow& d : rep.days) {
    if (!range.contains(d.load.day)) continue;
    out += fmt::format("day,{},{},{}{}{},{},{},{},,,,,{}\n", day_string(d.load.day),
                       weekday_name(d.load.day), csv_totals(d.load.running, u),
                       csv_totals(d.load.cross, u), csv_num(d.load.srpe, 1), csv_num(d.load.trimp, 1),
                       csv_num(d.acwr_ewma), csv_num(d.acwr_uncoupled), csv_flags(d.flags));
  }
  for (const WeekRow& w : rep.weeks) {
    if (!range.contains(w.load.monday + 6) && !range.contains(w.load.monday)) continue;
    out += fmt::format("week,{},{},{}{}{},{},,,{},{},{},{},{}\n", day_string(w.load.monday),
                       w.load.label, csv_totals(w.load.running, u), csv_totals(w.load.cross, u),
                       csv_num(w.load.srpe, 1), csv_num(w.load.trimp, 1),
                       csv_num(w.change_1w_pct, 1), csv_num(w.change_2w_pct, 1),
                       csv_num(w.monotony), csv_num(w.strain, 1), csv_flags(w.flags));
  }
  return out;
}

json runs_json(const LoadReport& rep, const DayRange& range) {
  json runs = json::array();
  for (const RunLoad& r : rep.runs)
    if (range.contains(r.day)) runs.push_back(run_json(r));
  const LoadThresholds& t = rep.thresholds;
  return {{"runs", runs},
          {"spike_none_max_pct", t.spike_none_max_pct},
          {"spike_window_days", t.spike_window_days},
          {"rule", fmt::format("spike = distance / longest run of the previous {0:g} days - 1; "
                               "categories <={1:g}% none, >{1:g}-{2:g}% small, >{2:g}-{3:g}% "
                               "moderate, >{3:g}% large (Frandsen 2025); next_run_cap_km keeps "
                               "the next run within {1:g}%",
                               t.spike_window_days, t.spike_none_max_pct, t.spike_small_max_pct,
                               t.spike_moderate_max_pct)}};
}

std::string runs_text(const LoadReport& rep, const DayRange& range, const DistanceUnit& u) {
  std::string out = fmt::format("{:<10} {:<9} {:>7} {:>9} {:>7} {:<8} {:>8}\n", "date", "day",
                                u.name, "prev30 " + u.name, "spike %", "category",
                                "cap " + u.name);
  for (const RunLoad& r : rep.runs) {
    if (!range.contains(r.day)) continue;
    out += fmt::format("{:<10} {:<9} {:>7.2f} {:>9.2f} {:>7} {:<8} {:>8.2f}\n", day_string(r.day),
                       weekday_name(r.day), r.distance_m / u.metres, r.longest_prev_m / u.metres,
                       cell(r.spike_pct, "{:+.0f}"), category_name(r.category),
                       r.next_run_cap_m / u.metres);
  }
  return out;
}

std::string runs_csv(const LoadReport& rep, const DayRange& range, const DistanceUnit& u) {
  std::string out = fmt::format(
      "date,weekday,distance_{0},longest_prev30_{0},spike_pct,category,next_run_cap_{0}\n", u.name);
  for (const RunLoad& r : rep.runs)
    if (range.contains(r.day))
      out +=
          fmt::format("{},{},{:.2f},{:.2f},{},{},{:.2f}\n", day_string(r.day), weekday_name(r.day),
                      r.distance_m / u.metres, r.longest_prev_m / u.metres, csv_num(r.spike_pct, 1),
                      category_name(r.category), r.next_run_cap_m / u.metres);
  return out;
}

std::string form_text(const FormReport& rep, const DayRange& range, const DistanceUnit& u) {
  const FormComparison& c = rep.comparison;
  std::string out = fmt::format(
      "recent ({} runs) vs baseline ({} runs):\n  cadence {} vs {} steps/min\n"
      "  at matched pace ({} pace bands): cadence {}%, step length {}%\n"
      "  downhill share of recent distance: {}%\n",
      c.recent_runs, c.baseline_runs, cell(c.cadence_recent_spm, "{:.0f}"),
      cell(c.cadence_baseline_spm, "{:.0f}"), c.bands_compared,
      cell(c.cadence_matched_change_pct, "{:+.1f}"),
      cell(c.step_length_matched_change_pct, "{:+.1f}"), cell(c.downhill_recent_pct, "{:.1f}"));
  out += flag_lines(rep.flags);
  out += "  the files cannot show: ";
  for (std::size_t i = 0; i < rep.cannot_see.size(); ++i)
    out += (i ? "; " : "") + rep.cannot_see[i];
  out += fmt::format("\n\n{:<10} {:>7} {:>8} {:>8} {:>7} {:>6} {:>6} {:>9}\n", "date", u.name,
                     "cadence", "pace/" + u.name, "step " + u.short_name, "VO mm", "GCT ms",
                     "downhill%");
  for (const RunForm& r : rep.runs) {
    if (!range.contains(r.day)) continue;
    const std::string pace =
        r.speed_mps && *r.speed_mps > 0
            ? fmt::format("{}:{:02}", static_cast<int>(u.metres / *r.speed_mps) / 60,
                          static_cast<int>(u.metres / *r.speed_mps) % 60)
            : "-";
    out += fmt::format("{:<10} {:>7.2f} {:>8} {:>8} {:>7} {:>6} {:>6} {:>9}\n", day_string(r.day),
                       r.distance_m / u.metres, cell(r.cadence_spm, "{:.0f}"), pace,
                       cell(in_short(r.step_length_m, u), "{:.2f}"),
                       cell(r.vertical_oscillation_mm, "{:.0f}"),
                       cell(r.stance_time_ms, "{:.0f}"), cell(r.downhill_share_pct, "{:.1f}"));
  }
  return out;
}

json form_json(const FormReport& rep, const DayRange& range) {
  const FormComparison& c = rep.comparison;
  json runs = json::array();
  for (const RunForm& r : rep.runs) {
    if (!range.contains(r.day)) continue;
    runs.push_back({{"date", day_string(r.day)},
                    {"start_utc", r.start_utc},
                    {"distance_km", round_to(r.distance_m / 1000, 2)},
                    {"from_streams", r.from_streams},
                    {"cadence_spm", opt(r.cadence_spm, 1)},
                    {"speed_mps", opt(r.speed_mps, 3)},
                    {"step_length_m", opt(r.step_length_m, 3)},
                    {"step_length_height_pct", opt(r.step_length_height_pct, 1)},
                    {"vertical_oscillation_mm", opt(r.vertical_oscillation_mm, 1)},
                    {"stance_time_ms", opt(r.stance_time_ms, 0)},
                    {"downhill_share_pct", opt(r.downhill_share_pct, 1)}});
  }
  return {{"comparison",
           {{"recent_runs", c.recent_runs},
            {"baseline_runs", c.baseline_runs},
            {"cadence_recent_spm", opt(c.cadence_recent_spm, 1)},
            {"cadence_baseline_spm", opt(c.cadence_baseline_spm, 1)},
            {"cadence_matched_change_pct", opt(c.cadence_matched_change_pct, 1)},
            {"step_length_matched_change_pct", opt(c.step_length_matched_change_pct, 1)},
            {"bands_compared", c.bands_compared},
            {"overstride_proxy", c.overstride_proxy},
            {"downhill_recent_pct", opt(c.downhill_recent_pct, 1)},
            {"vertical_oscillation_recent_mm", opt(c.vertical_oscillation_recent_mm, 1)},
            {"stance_time_recent_ms", opt(c.stance_time_recent_ms, 0)}}},
          {"flags", flags_json(rep.flags)},
          {"cannot_see", rep.cannot_see},
          {"runs", runs}};
}

std::string form_csv(const FormReport& rep, const DayRange& range, const DistanceUnit& u) {
  std::string out = "date,distance_";
  out += u.name;
  out += ",cadence_spm,speed_mps,step_length_" + u.short_name +
         ",step_length_height_pct,vertical_oscillation_mm,stance_time_ms,downhill_share_pct\n";
  for (const RunForm& r : rep.runs)
    if (range.contains(r.day))
      out += fmt::format("{},{:.2f},{},{},{},{},{},{},{}\n", day_string(r.day), r.distance_m / u.metres,
                         csv_num(r.cadence_spm, 1), csv_num(r.speed_mps, 3),
                         csv_num(in_short(r.step_length_m, u), 3),
                         csv_num(r.step_length_height_pct, 1),
                         csv_num(r.vertical_oscillation_mm, 1), csv_num(r.stance_time_ms, 0),
                         csv_num(r.downhill_share_pct, 1));
  return out;
}

json summary_json(const TrainingSummary& s) {
  json spike = nullptr;
  if (const auto& w = s.worst_recent_spike)
    spike = {{"activity_id", w->activity_id},
             {"start_utc", w->start_utc},
             {"date", w->date},
             {"weekday", w->weekday},
             {"distance_km", round_to(w->distance_km, 2)},
             {"longest_prev30_km", round_to(w->longest_prev30_km, 2)},
             {"spike_pct", round_to(w->spike_pct, 1)},
             {"category", category_name(w->category)}};
  return {{"has_history", s.has_history},
          {"days_covered", s.days_covered},
          {"runs_last_28d", s.runs_last_28d},
          {"coverage_note", s.coverage_note},
          {"worst_recent_spike", spike},
          {"longest_prev30_km", opt(s.longest_prev30_km)},
          {"next_run_cap_km", opt(s.next_run_cap_km)},
          {"this_week_km", opt(s.this_week_km)},
          {"previous_week_km", opt(s.previous_week_km)},
          {"weekly_change_pct", opt(s.weekly_change_pct, 1)},
          {"two_week_change_pct", opt(s.two_week_change_pct, 1)},
          {"acwr_ewma", opt(s.acwr_ewma)},
          {"acwr_uncoupled", opt(s.acwr_uncoupled)},
          {"cadence_recent_spm", opt(s.cadence_recent_spm, 1)},
          {"cadence_baseline_spm", opt(s.cadence_baseline_spm, 1)},
          {"step_length_change_pct", opt(s.step_length_change_pct, 1)},
          {"downhill_share_pct", opt(s.downhill_share_pct, 1)},
          {"cannot_see", s.cannot_see}};
}

}  // namespace rk
