#pragma once
// Collects track points one at a time (as GPX and TCX deliver them) and turns them into
// Streams, keeping only the columns some point had.

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "model/activity.h"

namespace rk {

struct TrackPoint {
  double time_utc = 0;  // seconds, with fraction
  std::optional<double> lat, lon, altitude, distance, speed, heart_rate, cadence_spm;
};

class PointBuilder {
 public:
  /// Drops points whose time goes backwards (and counts them for a warning).
  void add(const TrackPoint& p) {
    if (!points_.empty() && p.time_utc < points_.back().time_utc) {
      ++dropped_;
      return;
    }
    points_.push_back(p);
  }
  void append(const PointBuilder& other) {
    for (const auto& p : other.points_) add(p);
    dropped_ += other.dropped_;
  }
  bool empty() const { return points_.empty(); }
  std::size_t dropped() const { return dropped_; }
  double first_time() const { return points_.front().time_utc; }
  double last_time() const { return points_.back().time_utc; }

  /// Streams relative to `start_utc`.
  Streams build(std::int64_t start_utc) const {
    Streams s;
    const std::size_t n = points_.size();
    s.time_s.reserve(n);
    for (const auto& p : points_)
      s.time_s.push_back(static_cast<float>(p.time_utc - static_cast<double>(start_utc)));
    fill(s.lat_deg, &TrackPoint::lat);
    fill(s.lon_deg, &TrackPoint::lon);
    fill(s.altitude_m, &TrackPoint::altitude);
    fill(s.distance_m, &TrackPoint::distance);
    fill(s.speed_mps, &TrackPoint::speed);
    fill(s.heart_rate_bpm, &TrackPoint::heart_rate);
    fill(s.cadence_spm, &TrackPoint::cadence_spm);
    return s;
  }

 private:
  template <class T>
  void fill(std::vector<T>& out, std::optional<double> TrackPoint::*field) const {
    bool any = false;
    for (const auto& p : points_) any = any || (p.*field).has_value();
    if (!any) return;
    out.reserve(points_.size());
    for (const auto& p : points_)
      out.push_back((p.*field) ? static_cast<T>(*(p.*field)) : std::numeric_limits<T>::quiet_NaN());
  }

  std::vector<TrackPoint> points_;
  std::size_t dropped_ = 0;
};

}  // namespace rk
