#include "load/analysis.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/calendar.h"

namespace rk {
namespace {

bool is_flagged(SpikeCategory c) {
  return c == SpikeCategory::kSmall || c == SpikeCategory::kModerate || c == SpikeCategory::kLarge;
}

Flag spike_flag(const RunLoad& r, const LoadThresholds& t) {
  return {fmt::format("spike.{}", category_name(r.category)), describe_spike(r, t), "moderate",
          "frandsen2025"};
}

std::vector<double> running_km(const std::vector<DayLoad>& days) {
  std::vector<double> km(days.size());
  for (std::size_t i = 0; i < days.size(); ++i) km[i] = days[i].running.distance_m / 1000;
  return km;
}

void add_change_flags(WeekRow& w, const LoadThresholds& t) {
  if (w.change_1w_pct && *w.change_1w_pct > t.weekly_change_flag_pct)
    w.flags.push_back({"weekly.change_1w",
                       fmt::format("running distance {:.0f}% above the week before; weak evidence "
                                   "on its own (low certainty)",
                                   *w.change_1w_pct),
                       "low", "nielsen2014_jospt"});
  if (w.change_2w_pct && *w.change_2w_pct > t.weekly_change_flag_pct)
    w.flags.push_back({"weekly.change_2w",
                       fmt::format("two-week running distance {:.0f}% above the two weeks "
                                   "before (low certainty)",
                                   *w.change_2w_pct),
                       "low", "nielsen2014_jospt"});
}

void add_week_context(WeekRow& w, const DayRow& last_day, const LoadThresholds& t) {
  if (w.monotony && *w.monotony >= t.monotony_high)
    w.flags.push_back({"monotony.high",
                       fmt::format("monotony {:.1f}: days were much alike, little variation "
                                   "between hard and easy (heuristic)",
                                   *w.monotony),
                       "low", "foster1998"});
  if (last_day.acwr_ewma && *last_day.acwr_ewma >= t.acwr_context_high)
    w.flags.push_back({"acwr.context",
                       fmt::format("context only: acute:chronic ratio {:.2f} (EWMA); ratio "
                                   "thresholds are not supported as injury predictors",
                                   *last_day.acwr_ewma),
                       "descriptive", "impellizzeri2020"});
}

std::vector<WeekRow> build_weeks(const std::vector<DayRow>& day_rows,
                                 const std::vector<DayLoad>& days, const LoadReport& rep,
                                 const LoadThresholds& t) {
  std::vector<WeekRow> weeks;
  const std::vector<double> km = running_km(days);
  std::size_t day_i = 0;
  for (WeekLoad& wl : weekly_series(days)) {
    WeekRow w;
    w.partial = wl.days_in_history < 7;
    const std::size_t first = day_i;
    day_i += static_cast<std::size_t>(wl.days_in_history);
    w.load = std::move(wl);
    const std::int64_t end_day = w.load.monday + 6;
    const bool covered =
        end_day - rep.first_day + 1 >= static_cast<std::int64_t>(t.coverage_min_days);
    if (!w.partial) {
      const Monotony m = foster_monotony(std::span<const double>(km).subspan(first, 7));
      w.monotony = m.monotony;
      w.strain = m.strain;
    }
    const std::size_t n = weeks.size();
    auto full = [&](std::size_t back) { return n >= back && !weeks[n - back].partial; };
    const double this_km = w.load.running.distance_m;
    if (!w.partial && full(1))
      w.change_1w_pct = change_pct(this_km, weeks[n - 1].load.running.distance_m);
    if (!w.partial && full(1) && full(2) && full(3))
      w.change_2w_pct =
          change_pct(this_km + weeks[n - 1].load.running.distance_m,
                     weeks[n - 2].load.running.distance_m + weeks[n - 3].load.running.distance_m);
    if (covered) {
      add_change_flags(w, t);
      add_week_context(w, day_rows[first + static_cast<std::size_t>(w.load.days_in_history) - 1],
                       t);
    }
    weeks.push_back(std::move(w));
  }
  return weeks;
}

std::vector<std::string> coverage_notes(const LoadReport& rep, const LoadThresholds& t) {
  std::vector<std::string> notes;
  if (rep.days.empty()) {
    notes.emplace_back("no activities stored: no load signal can be computed");
    return notes;
  }
  if (rep.days_covered < static_cast<int>(t.coverage_min_days))
    notes.push_back(fmt::format(
        "only {} days of history: weekly change, ACWR and monotony need {}, spikes need {}",
        rep.days_covered, t.coverage_min_days, t.spike_window_days));
  else if (rep.days_covered < static_cast<int>(t.spike_window_days))
    notes.push_back(fmt::format("only {} days of history: spikes need {}", rep.days_covered,
                                t.spike_window_days));
  for (const Gap& g : rep.gaps)
    notes.push_back(fmt::format(
        "no activity recorded from {} to {} ({} days): a break or a watch not worn; figures "
        "spanning it understate the usual load",
        day_string(g.first_day), day_string(g.last_day), g.days));
  return notes;
}

}  // namespace

std::int32_t latest_offset(const std::vector<Activity>& activities) {
  std::int64_t latest = 0;
  std::int32_t offset = 0;
  bool seen = false;
  for (const Activity& a : activities) {
    if (!a.local_offset_s) continue;
    if (!seen || a.start_utc >= latest) {
      latest = a.start_utc;
      offset = *a.local_offset_s;
      seen = true;
    }
  }
  return offset;
}

LoadReport analyze_load(const std::vector<Activity>& activities, std::int64_t now_utc,
                        const LoadThresholds& t, const HeartRateProfile& hr) {
  LoadReport rep;
  rep.thresholds = t;
  rep.today = day_of(now_utc, latest_offset(activities));
  if (activities.empty()) {
    rep.coverage_notes = coverage_notes(rep, t);
    return rep;
  }
  std::int64_t last = rep.today;
  rep.first_day = local_day(activities.front());
  for (const Activity& a : activities) {
    rep.first_day = std::min(rep.first_day, local_day(a));
    last = std::max(last, local_day(a));
  }
  rep.days_covered = static_cast<int>(rep.today - rep.first_day + 1);
  const std::vector<DayLoad> days = daily_series(activities, rep.first_day, last, hr, t);
  const std::vector<AcwrPoint> acwr = acwr_series(running_km(days), t);
  rep.runs = run_spikes(activities, t);
  rep.days.resize(days.size());
  for (std::size_t i = 0; i < days.size(); ++i) {
    rep.days[i].load = days[i];
    rep.days[i].acwr_ewma = acwr[i].ewma_ratio;
    rep.days[i].acwr_uncoupled = acwr[i].uncoupled_ratio;
  }
  for (const RunLoad& r : rep.runs)
    if (is_flagged(r.category))
      rep.days[static_cast<std::size_t>(r.day - rep.first_day)].flags.push_back(spike_flag(r, t));
  rep.weeks = build_weeks(rep.days, days, rep, t);
  rep.gaps = find_gaps(days, static_cast<int>(t.gap_days));
  rep.coverage_notes = coverage_notes(rep, t);
  return rep;
}

std::string describe_spike(const RunLoad& r, const LoadThresholds& t) {
  const std::string when = fmt::format("{} {}", weekday_name(r.day), day_string(r.day));
  const double km = r.distance_m / 1000, prev = r.longest_prev_m / 1000;
  if (!r.spike_pct) return fmt::format("{}: {:.1f} km ({})", when, km, r.note);
  if (r.category == SpikeCategory::kNone)
    return fmt::format(
        "{}: {:.1f} km, within {:g}% of the longest run of the previous {:g} days "
        "({:.1f} km)",
        when, km, t.spike_none_max_pct, t.spike_window_days, prev);
  return fmt::format(
      "{}: {:.1f} km was {:.0f}% longer than the longest run of the previous {:g} "
      "days ({:.1f} km): a {} spike",
      when, km, *r.spike_pct, t.spike_window_days, prev, category_name(r.category));
}

}  // namespace rk
