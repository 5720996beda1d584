#include "load/signals.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "model/calendar.h"

namespace rk {
namespace {

// Ratios are compared with a little slack so that exactly 10% (11 km after 10 km) stays in
// the lower category despite binary floating point.
constexpr double kSlack = 1e-9;

std::int64_t window_seconds(const LoadThresholds& t) {
  return static_cast<std::int64_t>(std::llround(t.spike_window_days * 86400));
}

}  // namespace

std::string_view category_name(SpikeCategory c) {
  switch (c) {
    case SpikeCategory::kNone:
      return "none";
    case SpikeCategory::kSmall:
      return "small";
    case SpikeCategory::kModerate:
      return "moderate";
    case SpikeCategory::kLarge:
      return "large";
    case SpikeCategory::kUnknown:
      break;
  }
  return "unknown";
}

SpikeCategory classify_spike(double distance_m, double longest_prev_m, const LoadThresholds& t) {
  if (longest_prev_m <= 0) return SpikeCategory::kUnknown;
  const double ratio = distance_m / longest_prev_m;
  if (ratio <= 1 + t.spike_none_max_pct / 100 + kSlack) return SpikeCategory::kNone;
  if (ratio <= 1 + t.spike_small_max_pct / 100 + kSlack) return SpikeCategory::kSmall;
  if (ratio <= 1 + t.spike_moderate_max_pct / 100 + kSlack) return SpikeCategory::kModerate;
  return SpikeCategory::kLarge;
}

std::vector<RunLoad> run_spikes(const std::vector<Activity>& activities, const LoadThresholds& t) {
  std::vector<std::size_t> runs;
  for (std::size_t i : chronological_order(activities))
    if (is_running(activities[i])) runs.push_back(i);
  const std::int64_t window = window_seconds(t);
  std::vector<RunLoad> out;
  out.reserve(runs.size());
  std::size_t lo = 0;  // first run inside the current window
  for (std::size_t k = 0; k < runs.size(); ++k) {
    const Activity& a = activities[runs[k]];
    while (activities[runs[lo]].start_utc < a.start_utc - window) ++lo;
    RunLoad r;
    r.index = runs[k];
    r.start_utc = a.start_utc;
    r.day = local_day(a);
    r.distance_m = a.distance_m;
    for (std::size_t j = lo; j < k; ++j)
      if (activities[runs[j]].start_utc < a.start_utc)
        r.longest_prev_m = std::max(r.longest_prev_m, activities[runs[j]].distance_m);
    r.enough_history = a.start_utc - activities[runs.front()].start_utc >= window;
    r.next_run_cap_m = std::max(r.longest_prev_m, a.distance_m) * t.next_run_cap_factor;
    if (!r.enough_history) {
      r.note = fmt::format("less than {:g} days of history before this run", t.spike_window_days);
    } else if (r.longest_prev_m <= 0) {
      r.note = fmt::format("no run in the previous {:g} days", t.spike_window_days);
    } else {
      r.spike_pct = (a.distance_m / r.longest_prev_m - 1) * 100;
      r.category = classify_spike(a.distance_m, r.longest_prev_m, t);
    }
    out.push_back(std::move(r));
  }
  return out;
}

double longest_run_before(const std::vector<Activity>& activities, std::int64_t until_utc,
                          const LoadThresholds& t) {
  const std::int64_t from = until_utc - window_seconds(t);
  double longest = 0;
  for (const Activity& a : activities)
    if (is_running(a) && a.start_utc >= from && a.start_utc < until_utc)
      longest = std::max(longest, a.distance_m);
  return longest;
}

std::optional<double> change_pct(double now, double before) {
  if (before <= 0) return std::nullopt;
  return (now / before - 1) * 100;
}

std::vector<AcwrPoint> acwr_series(std::span<const double> load, const LoadThresholds& t) {
  const double la = 2 / (t.acwr_acute_days + 1);
  const double lc = 2 / (t.acwr_chronic_days + 1);
  const auto acute_n = static_cast<std::size_t>(t.acwr_acute_days);
  const auto chronic_n = static_cast<std::size_t>(t.acwr_chronic_days);
  std::vector<AcwrPoint> out(load.size());
  double acute = 0, chronic = 0;
  double sum_acute = 0, sum_older = 0;  // rolling sums over t-6..t and t-27..t-7
  for (std::size_t i = 0; i < load.size(); ++i) {
    acute = load[i] * la + (1 - la) * acute;
    chronic = load[i] * lc + (1 - lc) * chronic;
    sum_acute += load[i];
    if (i >= acute_n) {
      sum_acute -= load[i - acute_n];
      sum_older += load[i - acute_n];
    }
    if (i >= chronic_n) sum_older -= load[i - chronic_n];
    AcwrPoint& p = out[i];
    p.acute = acute;
    p.chronic = chronic;
    if (i + 1 < chronic_n) continue;
    if (chronic > 0) p.ewma_ratio = acute / chronic;
    const double older_mean = sum_older / static_cast<double>(chronic_n - acute_n);
    if (older_mean > 1e-12)
      p.uncoupled_ratio = (sum_acute / static_cast<double>(acute_n)) / older_mean;
  }
  return out;
}

Monotony foster_monotony(std::span<const double> days) {
  Monotony m;
  if (days.empty()) return m;
  for (double d : days) m.weekly_load += d;
  m.mean = m.weekly_load / static_cast<double>(days.size());
  double var = 0;
  for (double d : days) var += (d - m.mean) * (d - m.mean);
  m.sd = std::sqrt(var / static_cast<double>(days.size()));
  if (m.sd > 1e-12) {
    m.monotony = m.mean / m.sd;
    m.strain = m.weekly_load * *m.monotony;
  }
  return m;
}

std::vector<Gap> find_gaps(const std::vector<DayLoad>& days, int min_days) {
  std::vector<Gap> gaps;
  std::size_t i = 0;
  while (i < days.size()) {
    if (days[i].running.sessions + days[i].cross.sessions > 0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j + 1 < days.size() && days[j + 1].running.sessions + days[j + 1].cross.sessions == 0)
      ++j;
    const int len = static_cast<int>(j - i + 1);
    if (len >= min_days) gaps.push_back({days[i].day, days[j].day, len});
    i = j + 1;
  }
  return gaps;
}

}  // namespace rk
