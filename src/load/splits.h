#pragma once
// Per-kilometre (or per-mile) splits of one activity from its streams: time, pace, mean heart
// rate and cadence, ascent and descent of each split, with the boundary crossing interpolated
// between samples. Also the thinned route (positions) and the run's name for the activity page.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/activity.h"

namespace rk {

struct Split {
  int index = 0;          // 1-based
  double distance_m = 0;  // the split's length (the last one may be shorter)
  double time_s = 0;
  std::optional<double> pace_s_per_km;
  std::optional<double> avg_heart_rate;
  std::optional<double> avg_cadence_spm;
  std::optional<double> ascent_m;  // absent without altitude
  std::optional<double> descent_m;
  bool partial = false;  // the remainder after the last whole split
};

/// Splits every `split_m` metres (1000 for km, 1609.344 for miles) along the distance stream;
/// empty without a distance stream. A remainder shorter than `min_partial_m` is dropped.
std::vector<Split> splits(const Streams& st, double split_m = 1000, double min_partial_m = 50);

/// The positions with finite coordinates, thinned to at most `max_points` (first and last kept).
std::vector<std::pair<double, double>> route_points(const Streams& st,
                                                    std::size_t max_points = 500);


}  // namespace rk
