#include "load/splits.h"

#include <fmt/format.h>

#include <cmath>

#include "model/calendar.h"
#include "util/time.h"

namespace rk {
namespace {

constexpr double kAltitudeHysteresisM = 2.0;

struct Acc {
  double hr_sum = 0, cad_sum = 0, up = 0, down = 0;
  int hr_n = 0, cad_n = 0;
  bool has_alt = false;
};

}  // namespace

std::vector<Split> splits(const Streams& st, double split_m, double min_partial_m) {
  std::vector<Split> out;
  const std::size_t n = st.size();
  if (n < 2 || st.distance_m.size() != n || split_m <= 0) return out;
  const bool hr = st.heart_rate_bpm.size() == n, cad = st.cadence_spm.size() == n,
             alt = st.altitude_m.size() == n;
  double start_d = st.distance_m[0], start_t = st.time_s[0];
  double boundary = start_d + split_m;
  Acc acc;
  std::optional<double> ref_alt;
  if (alt && std::isfinite(st.altitude_m[0])) ref_alt = st.altitude_m[0];
  auto finish = [&](double end_d, double end_t, bool partial) {
    Split s;
    s.index = static_cast<int>(out.size()) + 1;
    s.distance_m = end_d - start_d;
    s.time_s = end_t - start_t;
    if (s.distance_m > 0 && s.time_s > 0) s.pace_s_per_km = s.time_s / s.distance_m * 1000;
    if (acc.hr_n) s.avg_heart_rate = acc.hr_sum / acc.hr_n;
    if (acc.cad_n) s.avg_cadence_spm = acc.cad_sum / acc.cad_n;
    if (acc.has_alt) s.ascent_m = acc.up, s.descent_m = acc.down;
    s.partial = partial;
    out.push_back(s);
    acc = Acc{};
    start_d = end_d;
    start_t = end_t;
  };
  for (std::size_t i = 1; i < n; ++i) {
    const double d0 = st.distance_m[i - 1], d1 = st.distance_m[i];
    const double t0 = st.time_s[i - 1], t1 = st.time_s[i];
    if (!std::isfinite(d1) || !std::isfinite(d0)) continue;
    if (hr && std::isfinite(st.heart_rate_bpm[i]) && st.heart_rate_bpm[i] > 0)
      acc.hr_sum += st.heart_rate_bpm[i], ++acc.hr_n;
    if (cad && std::isfinite(st.cadence_spm[i]) && st.cadence_spm[i] > 0)
      acc.cad_sum += st.cadence_spm[i], ++acc.cad_n;
    if (alt && std::isfinite(st.altitude_m[i])) {
      // The same 2 m hysteresis as the activity's ascent (formats/track_stats.cc): altitude
      // jitters by a metre or two, and counting every wiggle inflates the climb.
      const double z = st.altitude_m[i];
      acc.has_alt = true;
      if (!ref_alt) {
        ref_alt = z;
      } else if (z - *ref_alt >= kAltitudeHysteresisM) {
        acc.up += z - *ref_alt;
        ref_alt = z;
      } else if (*ref_alt - z >= kAltitudeHysteresisM) {
        acc.down += *ref_alt - z;
        ref_alt = z;
      }
    }
    // One sample step may cross several boundaries (a gap in the recording).
    while (d1 >= boundary && d1 > d0) {
      const double f = (boundary - d0) / (d1 - d0);
      finish(boundary, t0 + f * (t1 - t0), false);
      boundary += split_m;
    }
  }
  const double last_d = st.distance_m[n - 1];
  if (std::isfinite(last_d) && last_d - start_d >= min_partial_m) {
    finish(last_d, st.time_s[n - 1], true);
  }
  return out;
}

std::vector<std::pair<double, double>> route_points(const Streams& st, std::size_t max_points) {
  std::vector<std::pair<double, double>> all;
  if (st.lat_deg.size() != st.lon_deg.size()) return all;
  for (std::size_t i = 0; i < st.lat_deg.size(); ++i) {
    const double la = st.lat_deg[i], lo = st.lon_deg[i];
    if (std::isfinite(la) && std::isfinite(lo) && std::fabs(la) <= 90 && std::fabs(lo) <= 180 &&
        !(la == 0 && lo == 0))
      all.emplace_back(la, lo);
  }
  if (all.size() <= max_points || max_points < 2) return all;
  std::vector<std::pair<double, double>> out;
  out.reserve(max_points);
  for (std::size_t k = 0; k < max_points; ++k) {
    out.push_back(all[k * (all.size() - 1) / (max_points - 1)]);
  }
  return out;
}


}  // namespace rk
