#include "load/series.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/calendar.h"

namespace rk {
namespace {

void add_to(SportTotals& s, const Activity& a) {
  s.distance_m += a.distance_m;
  s.duration_s += duration_s(a);
  s.sessions += 1;
}

void add_opt(std::optional<double>& sum, std::optional<double> v) {
  if (v) sum = sum.value_or(0) + *v;
}

void add_totals(SportTotals& into, const SportTotals& s) {
  into.distance_m += s.distance_m;
  into.duration_s += s.duration_s;
  into.sessions += s.sessions;
}

std::optional<double> mean_heart_rate(const Activity& a) {
  if (a.avg_heart_rate && *a.avg_heart_rate > 0) return a.avg_heart_rate;
  double sum = 0;
  std::size_t n = 0;
  for (float hr : a.streams.heart_rate_bpm) {
    if (std::isnan(hr) || hr <= 0) continue;
    sum += hr;
    ++n;
  }
  if (n == 0) return std::nullopt;
  return sum / static_cast<double>(n);
}

}  // namespace

double duration_s(const Activity& a) {
  return a.moving_s > 0 ? a.moving_s : a.elapsed_s;
}

std::vector<std::size_t> chronological_order(const std::vector<Activity>& activities) {
  std::vector<std::size_t> order(activities.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return activities[x].start_utc < activities[y].start_utc;
  });
  return order;
}

std::optional<double> banister_trimp(const Activity& a, const HeartRateProfile& hr,
                                     const LoadThresholds& t) {
  const auto avg = mean_heart_rate(a);
  if (!avg) return std::nullopt;
  const double rest = hr.rest_hr.value_or(t.trimp_rest_hr);
  const double max = hr.max_hr.value_or(t.trimp_max_hr);
  if (max <= rest) return std::nullopt;
  const double hrr = std::clamp((*avg - rest) / (max - rest), 0.0, 1.0);
  const double coef_a = hr.female ? 0.86 : t.trimp_a;
  const double coef_b = hr.female ? 1.67 : t.trimp_b;
  return duration_s(a) / 60.0 * hrr * coef_a * std::exp(coef_b * hrr);
}

std::vector<DayLoad> daily_series(const std::vector<Activity>& activities, std::int64_t first_day,
                                  std::int64_t last_day, const HeartRateProfile& hr,
                                  const LoadThresholds& t) {
  std::vector<DayLoad> days;
  if (last_day < first_day) return days;
  days.resize(static_cast<std::size_t>(last_day - first_day + 1));
  for (std::size_t i = 0; i < days.size(); ++i)
    days[i].day = first_day + static_cast<std::int64_t>(i);
  for (const Activity& a : activities) {
    const std::int64_t d = local_day(a);
    if (d < first_day || d > last_day) continue;
    DayLoad& day = days[static_cast<std::size_t>(d - first_day)];
    add_to(is_running(a) ? day.running : day.cross, a);
    if (a.rpe) add_opt(day.srpe, duration_s(a) / 60.0 * *a.rpe);
    add_opt(day.trimp, banister_trimp(a, hr, t));
  }
  return days;
}

std::vector<WeekLoad> weekly_series(const std::vector<DayLoad>& days) {
  std::vector<WeekLoad> weeks;
  for (const DayLoad& d : days) {
    const std::int64_t monday = week_start(d.day);
    if (weeks.empty() || weeks.back().monday != monday) {
      WeekLoad w;
      w.monday = monday;
      w.label = iso_week_label(d.day);
      weeks.push_back(std::move(w));
    }
    WeekLoad& w = weeks.back();
    add_totals(w.running, d.running);
    add_totals(w.cross, d.cross);
    add_opt(w.srpe, d.srpe);
    add_opt(w.trimp, d.trimp);
    w.days_in_history += 1;
  }
  return weeks;
}

}  // namespace rk
