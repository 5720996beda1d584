// GPX 1.0 and 1.1 tracks, with Garmin's TrackPointExtension (hr, cad) and GPX 1.0's <speed>.
// Routes and waypoints are plans, not runs: a file with no timed track point holds no activity.

#include <fmt/format.h>

#include <cmath>
#include <string>

#include "formats/decode.h"
#include "formats/point_builder.h"
#include "formats/track_stats.h"
#include "formats/xml_util.h"

namespace rk {
namespace {

// Tracks that follow one another within this gap are one outing split by the device (or by a
// user who paused); a longer gap starts a new activity.
constexpr double kSameActivityGapS = 3600;
// Devices without a clock fix write placeholder times (1901-12-13, INT32_MIN seconds); no GPS
// track predates 1980, so earlier times count as absent.
constexpr double kEarliestPlausibleUtc = 315532800;  // 1980-01-01

struct TrackRun {
  std::string type;
  PointBuilder points;
};

/// Heart rate, cadence and speed hide in <extensions> under varying prefixes and nesting.
void read_extensions(const pugi::xml_node& ext, TrackPoint& p, std::optional<double>& cad) {
  for (pugi::xml_node c = ext.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view n = xml::local_name(c);
    if (n == "hr" || n == "heartrate") {
      p.heart_rate = xml::number(c);
    } else if (n == "cad" || n == "cadence") {
      cad = xml::number(c);
    } else if (n == "speed" && !p.speed) {
      p.speed = xml::number(c);
    } else if (c.first_child() && c.first_child().type() == pugi::node_element) {
      read_extensions(c, p, cad);
    }
  }
}

std::optional<TrackPoint> read_point(const pugi::xml_node& pt, bool foot_sport) {
  const auto time_text = xml::child(pt, "time").child_value();
  const auto t = parse_time_frac(time_text);
  if (!t || *t < kEarliestPlausibleUtc) return std::nullopt;
  TrackPoint p;
  p.time_utc = *t;
  const auto lat = pt.attribute("lat"), lon = pt.attribute("lon");
  if (lat && lon) {
    const double la = lat.as_double(NAN), lo = lon.as_double(NAN);
    if (std::isfinite(la) && std::isfinite(lo) && std::abs(la) <= 90 && std::abs(lo) <= 180) {
      p.lat = la;
      p.lon = lo;
    }
  }
  p.altitude = xml::child_number(pt, "ele");
  p.speed = xml::child_number(pt, "speed");
  std::optional<double> cad;
  if (auto ext = xml::child(pt, "extensions")) read_extensions(ext, p, cad);
  // Garmin's running cadence counts one foot; steps per minute count both.
  if (cad && *cad > 0) p.cadence_spm = foot_sport ? *cad * 2 : *cad;
  if (p.heart_rate && *p.heart_rate <= 0) p.heart_rate.reset();
  return p;
}

Activity to_activity(const TrackRun& run, const std::string& device) {
  Activity a;
  a.sport = normalize_sport(run.type);
  a.start_utc = static_cast<std::int64_t>(std::floor(run.points.first_time()));
  a.streams = run.points.build(a.start_utc);
  a.source.device = device;
  fill_summary_from_streams(a);
  return a;
}

}  // namespace

Expected<Decoded> decode_gpx(Bytes bytes, std::string_view name) {
  pugi::xml_document doc;
  if (auto r = xml::load(doc, bytes, name); !r) return fail(r.error());
  const pugi::xml_node root = doc.document_element();
  if (xml::local_name(root) != "gpx")
    return fail("{}: not a GPX file (root element <{}>, expected <gpx>)", name, root.name());
  const std::string device = root.attribute("creator").as_string();
  // Files without a <type> are counted as runs: runknee is a runner's tool, and old watches
  // rarely wrote one. Metadata sometimes carries the type for the whole file.
  const std::string file_type = xml::child(xml::child(root, "metadata"), "type").child_value();

  Decoded out;
  std::vector<TrackRun> runs;
  std::size_t untimed = 0;
  for (pugi::xml_node trk = root.first_child(); trk; trk = trk.next_sibling()) {
    if (xml::local_name(trk) != "trk") continue;
    std::string type = xml::child(trk, "type").child_value();
    if (type.empty()) type = file_type;
    const bool foot = is_foot_sport(normalize_sport(type));
    TrackRun current{type, {}};
    for (pugi::xml_node seg = trk.first_child(); seg; seg = seg.next_sibling()) {
      if (xml::local_name(seg) != "trkseg") continue;
      for (pugi::xml_node pt = seg.first_child(); pt; pt = pt.next_sibling()) {
        if (xml::local_name(pt) != "trkpt") continue;
        if (auto p = read_point(pt, foot)) {
          current.points.add(*p);
        } else {
          ++untimed;
        }
      }
    }
    if (current.points.empty()) continue;
    const bool continues =
        !runs.empty() && runs.back().type == current.type &&
        current.points.first_time() >= runs.back().points.last_time() &&
        current.points.first_time() - runs.back().points.last_time() <= kSameActivityGapS;
    if (continues) {
      runs.back().points.append(current.points);
    } else {
      runs.push_back(std::move(current));
    }
  }
  for (const auto& run : runs) {
    if (run.points.dropped() > 0)
      out.warnings.push_back({fmt::format("{}: skipped {} track points whose time goes backwards",
                                          name, run.points.dropped())});
    out.activities.push_back(to_activity(run, device));
  }
  if (untimed > 0 && !runs.empty())
    out.warnings.push_back(
        {fmt::format("{}: skipped {} track points without a time", name, untimed)});
  if (runs.empty())
    out.warnings.push_back({fmt::format(
        "{}: no timed track points (a route, waypoints or a planned track), not an activity",
        name)});
  return out;
}

}  // namespace rk
