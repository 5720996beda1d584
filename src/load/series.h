#pragma once
// Per-day and per-ISO-week training series, running apart from cross-training.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/activity.h"
#include "load/thresholds.h"

namespace rk {

/// The runner's heart-rate profile for TRIMP; absent values fall back to LoadThresholds'
/// documented estimates (rest 60 bpm, max 190 bpm).
struct HeartRateProfile {
  std::optional<double> rest_hr;
  std::optional<double> max_hr;
  bool female = false;  // Banister's women's coefficients (0.86, 1.67)
};

struct SportTotals {
  double distance_m = 0;
  double duration_s = 0;
  int sessions = 0;
};

struct DayLoad {
  std::int64_t day = 0;  // days since 1970-01-01, local date
  SportTotals running;
  SportTotals cross;
  std::optional<double> srpe;   // sum of minutes x RPE over sessions with an RPE
  std::optional<double> trimp;  // sum of Banister TRIMP over sessions with heart rate
};

struct WeekLoad {
  std::int64_t monday = 0;
  std::string label;  // "2026-W48"
  SportTotals running;
  SportTotals cross;
  std::optional<double> srpe;
  std::optional<double> trimp;
  int days_in_history = 0;  // 7 unless the history starts or ends inside this week
};

/// Timer (moving) time when known, else elapsed time.
double duration_s(const Activity& a);
/// Indices into `activities` sorted by start time (stable for equal starts).
std::vector<std::size_t> chronological_order(const std::vector<Activity>& activities);
/// Banister TRIMP = minutes x HRr x a x e^(b x HRr) from the session's average heart rate
/// (or its stream's mean); nullopt without heart rate.
std::optional<double> banister_trimp(const Activity& a, const HeartRateProfile& hr,
                                     const LoadThresholds& t);
/// One entry per local day from `first_day` to `last_day` inclusive (rest days are zero).
std::vector<DayLoad> daily_series(const std::vector<Activity>& activities, std::int64_t first_day,
                                  std::int64_t last_day, const HeartRateProfile& hr,
                                  const LoadThresholds& t);
/// Folds a daily series into ISO weeks.
std::vector<WeekLoad> weekly_series(const std::vector<DayLoad>& days);

}  // namespace rk
