#include "load/training_summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "load/analysis.h"
#include "model/calendar.h"
#include "load/form.h"

namespace rk {
namespace {

constexpr std::int64_t kDay = 86400;

double km_between(const std::vector<Activity>& acts, std::int64_t from, std::int64_t to) {
  double m = 0;
  for (const Activity& a : acts)
    if (is_running(a) && a.start_utc >= from && a.start_utc < to) m += a.distance_m;
  return m / 1000;
}

RunSpike to_spike(const RunLoad& r, const std::vector<std::int64_t>* ids) {
  RunSpike s;
  if (ids && r.index < ids->size()) s.activity_id = (*ids)[r.index];
  s.start_utc = r.start_utc;
  s.date = day_string(r.day);
  s.weekday = std::string(weekday_name(r.day));
  s.distance_km = r.distance_m / 1000;
  s.longest_prev30_km = r.longest_prev_m / 1000;
  s.spike_pct = r.spike_pct.value_or(0);
  s.category = r.category;
  return s;
}

std::optional<RunSpike> worst_spike(const LoadReport& rep, std::int64_t now,
                                    const LoadThresholds& t, const std::vector<std::int64_t>* ids) {
  const auto from = now - static_cast<std::int64_t>(t.spike_recent_days) * kDay;
  const RunLoad* worst = nullptr;
  for (const RunLoad& r : rep.runs)
    if (r.spike_pct && r.start_utc >= from && r.start_utc <= now &&
        (!worst || *r.spike_pct > *worst->spike_pct))
      worst = &r;
  if (!worst) return std::nullopt;
  return to_spike(*worst, ids);
}

void fill_volume(TrainingSummary& s, const std::vector<Activity>& acts, std::int64_t now,
                 std::int64_t first_start, const LoadThresholds& t) {
  const std::int64_t covered_s = now - first_start;
  if (covered_s >= 7 * kDay) s.this_week_km = km_between(acts, now - 7 * kDay, now + 1);
  if (covered_s >= 14 * kDay)
    s.previous_week_km = km_between(acts, now - 14 * kDay, now - 7 * kDay);
  if (covered_s < static_cast<std::int64_t>(t.coverage_min_days) * kDay) return;
  s.weekly_change_pct = change_pct(*s.this_week_km, *s.previous_week_km);
  s.two_week_change_pct = change_pct(km_between(acts, now - 14 * kDay, now + 1),
                                     km_between(acts, now - 28 * kDay, now - 14 * kDay));
}

void fill_form(TrainingSummary& s, const std::vector<Activity>& acts, std::int64_t now,
               const LoadThresholds& t) {
  FormOptions o;
  o.since_utc = now - static_cast<std::int64_t>((t.form_recent_days + t.form_baseline_days) * kDay);
  const FormReport form = analyze_form(acts, now, t, o);
  s.cadence_recent_spm = form.comparison.cadence_recent_spm;
  s.cadence_baseline_spm = form.comparison.cadence_baseline_spm;
  s.step_length_change_pct = form.comparison.step_length_matched_change_pct;
  s.downhill_share_pct = form.comparison.downhill_recent_pct;
  s.cannot_see = form.cannot_see;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

TrainingSummary summarize(const std::vector<Activity>& acts, const std::vector<std::int64_t>* ids,
                          std::int64_t now, const LoadThresholds& t) {
  TrainingSummary s;
  std::vector<std::size_t> runs;
  for (std::size_t i : chronological_order(acts))
    if (is_running(acts[i])) runs.push_back(i);
  if (runs.empty()) {
    s.coverage_note = "no runs stored";
    s.cannot_see = {"hip strength", "foot pronation (no foot pod)"};
    return s;
  }
  s.has_history = true;
  s.days_covered =
      static_cast<int>(local_day(acts[runs.back()]) - local_day(acts[runs.front()]) + 1);
  for (std::size_t i : runs)
    if (acts[i].start_utc >= now - 28 * kDay && acts[i].start_utc <= now) ++s.runs_last_28d;
  const LoadReport rep = analyze_load(acts, now, t);
  s.coverage_note = join(rep.coverage_notes);
  s.worst_recent_spike = worst_spike(rep, now, t, ids);
  const double longest = longest_run_before(acts, now, t);
  if (longest > 0) {
    s.longest_prev30_km = longest / 1000;
    s.next_run_cap_km = longest / 1000 * t.next_run_cap_factor;
  }
  std::int64_t first_start = acts[runs.front()].start_utc;
  for (const Activity& a : acts) first_start = std::min(first_start, a.start_utc);
  fill_volume(s, acts, now, first_start, t);
  const auto today = static_cast<std::size_t>(rep.today - rep.first_day);
  if (rep.today >= rep.first_day && today < rep.days.size()) {
    s.acwr_ewma = rep.days[today].acwr_ewma;
    s.acwr_uncoupled = rep.days[today].acwr_uncoupled;
  }
  fill_form(s, acts, now, t);
  return s;
}

}  // namespace

TrainingSummary summarize_training(const std::vector<Activity>& activities, std::int64_t now_utc,
                                   const LoadThresholds& t) {
  return summarize(activities, nullptr, now_utc, t);
}

TrainingSummary summarize_training(const std::vector<Activity>& activities,
                                   const std::vector<std::int64_t>& activity_ids,
                                   std::int64_t now_utc, const LoadThresholds& t) {
  return summarize(activities, &activity_ids, now_utc, t);
}

}  // namespace rk
