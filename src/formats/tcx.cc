// Garmin Training Center XML: activities made of laps made of track points, with heart rate,
// cadence and the ActivityExtension (TPX Speed and RunCadence per point, LX AvgRunCadence per
// lap). Courses and workouts are plans, not runs: they hold no activity.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "formats/decode.h"
#include "formats/point_builder.h"
#include "formats/track_stats.h"
#include "formats/xml_util.h"

namespace rk {
namespace {

std::optional<double> nested_value(const pugi::xml_node& parent, std::string_view local) {
  return xml::child_number(xml::child(parent, local), "Value");
}

/// TCX <Cadence> and RunCadence count one foot for running (Garmin's convention); steps per
/// minute count both. Bike cadence (rpm) stays as it is.
std::optional<double> to_spm(std::optional<double> cad, bool foot) {
  if (!cad || *cad <= 0) return std::nullopt;
  return foot ? *cad * 2 : *cad;
}

std::optional<TrackPoint> read_point(const pugi::xml_node& tp, bool foot) {
  const auto t = parse_time_frac(xml::child(tp, "Time").child_value());
  if (!t) return std::nullopt;
  TrackPoint p;
  p.time_utc = *t;
  if (auto pos = xml::child(tp, "Position")) {
    p.lat = xml::child_number(pos, "LatitudeDegrees");
    p.lon = xml::child_number(pos, "LongitudeDegrees");
    if (!p.lat || !p.lon || std::abs(*p.lat) > 90 || std::abs(*p.lon) > 180) p.lat = p.lon = {};
  }
  p.altitude = xml::child_number(tp, "AltitudeMeters");
  p.distance = xml::child_number(tp, "DistanceMeters");
  p.heart_rate = nested_value(tp, "HeartRateBpm");
  if (p.heart_rate && *p.heart_rate <= 0) p.heart_rate.reset();
  p.cadence_spm = to_spm(xml::child_number(tp, "Cadence"), foot);
  if (auto tpx = xml::child(xml::child(tp, "Extensions"), "TPX")) {
    p.speed = xml::child_number(tpx, "Speed");
    // RunCadence is a running cadence whatever the activity's sport: always one foot.
    if (auto run_cad = to_spm(xml::child_number(tpx, "RunCadence"), true)) p.cadence_spm = run_cad;
  }
  return p;
}

Lap read_lap(const pugi::xml_node& lap, bool foot) {
  Lap l;
  if (auto t = parse_time_frac(lap.attribute("StartTime").as_string()))
    l.start_utc = static_cast<std::int64_t>(std::floor(*t));
  l.timer_s = xml::child_number(lap, "TotalTimeSeconds").value_or(0);
  l.elapsed_s = l.timer_s;
  l.distance_m = xml::child_number(lap, "DistanceMeters").value_or(0);
  l.avg_heart_rate = nested_value(lap, "AverageHeartRateBpm");
  l.max_heart_rate = nested_value(lap, "MaximumHeartRateBpm");
  l.avg_cadence_spm = to_spm(xml::child_number(lap, "Cadence"), foot);
  if (auto lx = xml::child(xml::child(lap, "Extensions"), "LX")) {
    if (auto run_cad = to_spm(xml::child_number(lx, "AvgRunCadence"), true))
      l.avg_cadence_spm = run_cad;
  }
  return l;
}

/// Lap-weighted average of an optional per-lap figure, for files without point data.
std::optional<double> lap_average(const std::vector<Lap>& laps, std::optional<double> Lap::*f) {
  double sum = 0, weight = 0;
  for (const auto& l : laps) {
    if (!(l.*f) || l.timer_s <= 0) continue;
    sum += *(l.*f) * l.timer_s;
    weight += l.timer_s;
  }
  if (weight <= 0) return std::nullopt;
  return sum / weight;
}

std::optional<Activity> read_activity(const pugi::xml_node& act, std::string_view name,
                                      Decoded& out) {
  Activity a;
  a.sport = normalize_sport(act.attribute("Sport").as_string());
  const bool foot = is_foot_sport(a.sport);
  PointBuilder points;
  std::size_t untimed = 0;
  double timer = 0, lap_distance = 0;
  std::optional<double> first_lap_start;
  for (pugi::xml_node lap = act.first_child(); lap; lap = lap.next_sibling()) {
    if (xml::local_name(lap) != "Lap") continue;
    a.laps.push_back(read_lap(lap, foot));
    timer += a.laps.back().timer_s;
    lap_distance += a.laps.back().distance_m;
    if (!first_lap_start) first_lap_start = parse_time_frac(lap.attribute("StartTime").as_string());
    for (pugi::xml_node trk = lap.first_child(); trk; trk = trk.next_sibling()) {
      if (xml::local_name(trk) != "Track") continue;
      for (pugi::xml_node tp = trk.first_child(); tp; tp = tp.next_sibling()) {
        if (xml::local_name(tp) != "Trackpoint") continue;
        if (auto p = read_point(tp, foot)) {
          points.add(*p);
        } else {
          ++untimed;
        }
      }
    }
  }
  auto start = parse_time_frac(xml::child(act, "Id").child_value());
  if (!start) start = first_lap_start;
  if (!start && !points.empty()) start = points.first_time();
  if (!start) {
    out.warnings.push_back({fmt::format("{}: byte {}: activity without a start time, skipped", name,
                                        act.offset_debug())});
    return std::nullopt;
  }
  a.start_utc = static_cast<std::int64_t>(std::floor(*start));
  if (auto creator = xml::child(act, "Creator"))
    a.source.device = xml::child(creator, "Name").child_value();
  a.notes = xml::child(act, "Notes").child_value();
  if (!points.empty()) {
    a.streams = points.build(a.start_utc);
    a.elapsed_s = std::max(0.0, points.last_time() - static_cast<double>(a.start_utc));
  }
  if (!a.laps.empty()) {
    const Lap& last = a.laps.back();
    a.elapsed_s =
        std::max(a.elapsed_s, static_cast<double>(last.start_utc - a.start_utc) + last.timer_s);
    a.moving_s = timer;  // TCX lap time is the watch's timer time, pauses excluded
    a.elapsed_s = std::max(a.elapsed_s, a.moving_s);  // lap starts are rounded to seconds
    a.distance_m = lap_distance;
    for (const auto& l : a.laps)
      if (l.max_heart_rate && (!a.max_heart_rate || *l.max_heart_rate > *a.max_heart_rate))
        a.max_heart_rate = l.max_heart_rate;
  }
  fill_summary_from_streams(a);
  if (!a.avg_heart_rate) a.avg_heart_rate = lap_average(a.laps, &Lap::avg_heart_rate);
  if (!a.avg_cadence_spm) a.avg_cadence_spm = lap_average(a.laps, &Lap::avg_cadence_spm);
  if (untimed > 0)
    out.warnings.push_back(
        {fmt::format("{}: skipped {} track points without a time", name, untimed)});
  if (points.dropped() > 0)
    out.warnings.push_back({fmt::format("{}: skipped {} track points whose time goes backwards",
                                        name, points.dropped())});
  return a;
}

}  // namespace

Expected<Decoded> decode_tcx(Bytes bytes, std::string_view name) {
  pugi::xml_document doc;
  if (auto r = xml::load(doc, bytes, name); !r) return fail(r.error());
  const pugi::xml_node root = doc.document_element();
  if (xml::local_name(root) != "TrainingCenterDatabase")
    return fail("{}: not a TCX file (root element <{}>, expected <TrainingCenterDatabase>)", name,
                root.name());
  Decoded out;
  const pugi::xml_node activities = xml::child(root, "Activities");
  for (pugi::xml_node act = activities.first_child(); act; act = act.next_sibling()) {
    if (xml::local_name(act) != "Activity") continue;
    if (auto a = read_activity(act, name, out)) out.activities.push_back(std::move(*a));
  }
  if (out.activities.empty()) {
    const char* what = xml::child(root, "Courses")    ? "a course"
                       : xml::child(root, "Workouts") ? "a workout"
                                                      : "no activities";
    out.warnings.push_back({fmt::format("{}: {}, not a recorded activity", name, what)});
  }
  return out;
}

}  // namespace rk
