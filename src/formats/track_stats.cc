#include "formats/track_stats.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "util/time.h"

namespace rk {
namespace {

// Below this speed a runner is standing (traffic lights, a watch left running); 0.5 m/s is a
// slow walk, so walking breaks in a run still count as moving.
constexpr double kMovingFloorMps = 0.5;
// Gaps longer than this between samples are pauses, even if the positions moved a little.
constexpr double kMaxMovingGapS = 60.0;
// GPS and barometric altitude jitter by a metre or two; counting every wiggle inflates ascent.
constexpr double kAltitudeHysteresisM = 2.0;

template <class T>
std::optional<double> mean_positive(const std::vector<T>& v) {
  double sum = 0;
  std::size_t n = 0;
  for (T x : v) {
    if (std::isfinite(x) && x > 0) {
      sum += x;
      ++n;
    }
  }
  if (n == 0) return std::nullopt;
  return sum / static_cast<double>(n);
}

template <class T>
std::optional<double> max_finite(const std::vector<T>& v) {
  std::optional<double> best;
  for (T x : v) {
    if (std::isfinite(x) && x > 0 && (!best || x > *best)) best = x;
  }
  return best;
}

double last_finite(const std::vector<float>& v) {
  for (auto it = v.rbegin(); it != v.rend(); ++it)
    if (std::isfinite(*it)) return *it;
  return 0;
}

void fill_moving_time(Activity& a) {
  const Streams& s = a.streams;
  if (s.distance_m.size() != s.size() || s.size() < 2) {
    a.moving_s = a.elapsed_s;
    return;
  }
  double moving = 0;
  double prev_t = s.time_s[0];
  double prev_d = std::isfinite(s.distance_m[0]) ? s.distance_m[0] : 0;
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (!std::isfinite(s.distance_m[i])) continue;
    const double dt = s.time_s[i] - prev_t;
    const double dd = s.distance_m[i] - prev_d;
    if (dt > 0 && dt <= kMaxMovingGapS && dd / dt >= kMovingFloorMps) moving += dt;
    prev_t = s.time_s[i];
    prev_d = s.distance_m[i];
  }
  a.moving_s = moving;
}

void fill_ascent(Activity& a) {
  const auto& alt = a.streams.altitude_m;
  std::optional<double> ref;
  double up = 0, down = 0;
  for (float x : alt) {
    if (!std::isfinite(x)) continue;
    if (!ref) {
      ref = x;
    } else if (x - *ref >= kAltitudeHysteresisM) {
      up += x - *ref;
      ref = x;
    } else if (*ref - x >= kAltitudeHysteresisM) {
      down += *ref - x;
      ref = x;
    }
  }
  if (!ref) return;
  if (!a.ascent_m) a.ascent_m = up;
  if (!a.descent_m) a.descent_m = down;
}

}  // namespace

double haversine_m(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg) {
  constexpr double kEarthRadiusM = 6371008.8;
  constexpr double kRad = M_PI / 180.0;
  const double dlat = (lat2_deg - lat1_deg) * kRad;
  const double dlon = (lon2_deg - lon1_deg) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1_deg * kRad) * std::cos(lat2_deg * kRad) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(h)));
}

void fill_distance_stream(Streams& s) {
  if (!s.distance_m.empty() || s.lat_deg.size() != s.size() || s.size() == 0) return;
  s.distance_m.resize(s.size());
  double total = 0;
  std::optional<std::size_t> prev;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (std::isfinite(s.lat_deg[i]) && std::isfinite(s.lon_deg[i])) {
      if (prev)
        total += haversine_m(s.lat_deg[*prev], s.lon_deg[*prev], s.lat_deg[i], s.lon_deg[i]);
      prev = i;
    }
    s.distance_m[i] = static_cast<float>(total);
  }
}

void fill_summary_from_streams(Activity& a) {
  Streams& s = a.streams;
  if (s.size() == 0) return;
  fill_distance_stream(s);
  if (a.elapsed_s <= 0) a.elapsed_s = std::max(0.0, static_cast<double>(s.time_s.back()));
  if (a.distance_m <= 0 && !s.distance_m.empty()) a.distance_m = last_finite(s.distance_m);
  if (a.moving_s <= 0) fill_moving_time(a);
  fill_ascent(a);
  if (!a.avg_heart_rate) a.avg_heart_rate = mean_positive(s.heart_rate_bpm);
  if (!a.max_heart_rate) a.max_heart_rate = max_finite(s.heart_rate_bpm);
  if (!a.avg_cadence_spm) a.avg_cadence_spm = mean_positive(s.cadence_spm);
}

std::string normalize_sport(std::string_view text) {
  std::string t;
  for (char c : text) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto has = [&](std::string_view w) { return t.find(w) != std::string::npos; };
  if (t.empty()) return "running";
  if (has("run") || has("jog")) return "running";
  if (has("ride") || has("cycl") || has("bik")) return "cycling";
  if (has("swim")) return "swimming";
  if (has("walk")) return "walking";
  if (has("hik")) return "hiking";
  return "other";
}

bool is_foot_sport(std::string_view sport) {
  return sport == "running" || sport == "walking" || sport == "hiking";
}

std::optional<double> parse_time_frac(std::string_view text) {
  // util/time.h keeps whole seconds; GPX from phone apps carries milliseconds.
  double frac = 0;
  std::string whole(text);
  if (const auto dot = whole.find('.', 10); dot != std::string::npos) {
    std::size_t end = dot + 1;
    double scale = 0.1;
    while (end < whole.size() && std::isdigit(static_cast<unsigned char>(whole[end]))) {
      frac += (whole[end] - '0') * scale;
      scale /= 10;
      ++end;
    }
    whole.erase(dot, end - dot);
  }
  const auto secs = parse_iso8601(whole);
  if (!secs) return std::nullopt;
  return static_cast<double>(*secs) + frac;
}

}  // namespace rk
