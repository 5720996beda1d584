#pragma once
// Risk signals over a training history, each a pure function. Which of them is evidence and
// which is context is spelled out in docs/load-and-form.md; in short: single-run spikes
// (Frandsen 2025) lead, weekly change (Nielsen 2014) is low certainty, ACWR (Williams 2017,
// Lolli 2019) is descriptive only, monotony (Foster 1998) is a heuristic.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/activity.h"
#include "load/series.h"
#include "load/thresholds.h"

namespace rk {

enum class SpikeCategory { kUnknown, kNone, kSmall, kModerate, kLarge };

/// "unknown", "none", "small", "moderate", "large".
std::string_view category_name(SpikeCategory c);
/// Frandsen's categories for a run of `distance_m` against the longest previous run.
SpikeCategory classify_spike(double distance_m, double longest_prev_m, const LoadThresholds& t);

/// One run measured against the runs of the previous 30 days.
struct RunLoad {
  std::size_t index = 0;  // into the input vector
  std::int64_t start_utc = 0;
  std::int64_t day = 0;  // local date
  double distance_m = 0;
  double longest_prev_m = 0;        // 0 when no run in the window
  bool enough_history = false;      // the first run lies at least 30 days before this one
  std::optional<double> spike_pct;  // distance / longest_prev - 1, in percent
  SpikeCategory category = SpikeCategory::kUnknown;
  double next_run_cap_m = 0;  // longest run of the 30 days up to this one x 1.10
  std::string note;           // why the category is unknown
};

/// Every running activity, oldest first, with its spike figures. Input in any order.
std::vector<RunLoad> run_spikes(const std::vector<Activity>& activities, const LoadThresholds& t);

/// The longest run that started in [until_utc - window, until_utc); 0 when none.
double longest_run_before(const std::vector<Activity>& activities, std::int64_t until_utc,
                          const LoadThresholds& t);

/// Percent change of `now` against `before`; nullopt when `before` is zero.
std::optional<double> change_pct(double now, double before);

struct AcwrPoint {
  double acute = 0;                       // EWMA, N = 7
  double chronic = 0;                     // EWMA, N = 28
  std::optional<double> ewma_ratio;       // acute / chronic, from day 28 on
  std::optional<double> uncoupled_ratio;  // mean(t-6..t) / mean(t-27..t-7), from day 28 on
};

/// One point per day of `daily_load`. EWMA_t = load_t x l + (1 - l) x EWMA_(t-1) with
/// l = 2 / (N + 1), starting from zero the day before the history begins.
std::vector<AcwrPoint> acwr_series(std::span<const double> daily_load, const LoadThresholds& t);

struct Monotony {
  double weekly_load = 0;
  double mean = 0;
  double sd = 0;                   // population SD of the 7 days
  std::optional<double> monotony;  // mean / sd; nullopt when sd is 0
  std::optional<double> strain;    // weekly load x monotony
};

/// Foster's monotony and strain over seven daily loads (rest days count as zero).
Monotony foster_monotony(std::span<const double> seven_days);

struct Gap {
  std::int64_t first_day = 0;  // first day without any activity
  std::int64_t last_day = 0;
  int days = 0;
};

/// Runs of `min_days` or more consecutive days without any activity (any sport).
std::vector<Gap> find_gaps(const std::vector<DayLoad>& days, int min_days);

}  // namespace rk
