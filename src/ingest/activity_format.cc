#include "ingest/activity_format.h"

#include <fmt/format.h>

#include <cmath>

#include "util/time.h"

namespace rk {
namespace {

using nlohmann::json;

constexpr double kMetresPerMile = 1609.344;
constexpr double kMetresPerFoot = 0.3048;  // heights (ascent) in feet with miles

/// Metres, or feet when the runner's distances are in miles.
std::optional<double> height_in(const std::optional<double>& metres, bool miles) {
  return metres && miles ? std::optional<double>(*metres / kMetresPerFoot) : metres;
}

void put(json& j, const char* key, const std::optional<double>& v) {
  if (v) j[key] = *v;
}

std::string pace_text(double s_per_km) {
  if (!std::isfinite(s_per_km)) return "-";
  const auto total = static_cast<long>(std::lround(s_per_km));
  return fmt::format("{}:{:02d}/km", total / 60, total % 60);
}

std::string pace_text(std::optional<double> s_per_km) {
  return pace_text(s_per_km.value_or(NAN));
}

std::string pace_per_mile_text(std::optional<double> s_per_km) {
  if (!s_per_km || !std::isfinite(*s_per_km)) return "-";
  const auto total = static_cast<long>(std::lround(*s_per_km * 1.609344));
  return fmt::format("{}:{:02d}/mi", total / 60, total % 60);
}

std::string duration_text(double seconds) {
  const auto s = static_cast<long>(std::lround(seconds));
  return fmt::format("{}:{:02d}:{:02d}", s / 3600, (s / 60) % 60, s % 60);
}

std::string opt_text(const std::optional<double>& v, const char* fmt_spec = "{:.0f}") {
  return v ? fmt::format(fmt::runtime(fmt_spec), *v) : "-";
}

std::string csv_quote(std::string_view s) {
  // A spreadsheet runs a cell starting with = + - @ (or tab, CR) as a formula: a file's own
  // name or sport could carry one ("=HYPERLINK(...)"). A leading apostrophe keeps it text.
  const bool formula =
      !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos;
  if (!formula && s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = formula ? "\"'" : "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string csv_num(const std::optional<double>& v) {
  return v ? fmt::format("{:.6g}", *v) : "";
}

}  // namespace

json summary_json(const Activity& a, std::optional<std::int64_t> id, bool file_name_only) {
  auto value = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
  // The local day and time: the file's own offset, else the runner's time zone.
  const std::int32_t off = activity_offset_s(a.start_utc, a.local_offset_s);
  json j;
  if (id) j["id"] = *id;
  j["name"] = default_activity_name(a);
  j["sport"] = a.sport;
  j["sub_sport"] = a.sub_sport;
  j["start_utc"] = format_utc(a.start_utc);
  j["start_local"] = format_iso_local(a.start_utc, off);
  j["date"] = format_date(a.start_utc, off);
  if (a.local_offset_s) j["local_offset_s"] = *a.local_offset_s;
  j["elapsed_s"] = a.elapsed_s;
  j["moving_s"] = a.moving_s;
  j["duration_s"] = a.moving_s > 0 ? a.moving_s : a.elapsed_s;
  j["distance_m"] = a.distance_m;
  j["distance_km"] = a.distance_m / 1000.0;
  j["ascent_m"] = value(a.ascent_m);
  j["descent_m"] = value(a.descent_m);
  j["avg_heart_rate"] = value(a.avg_heart_rate);
  j["max_heart_rate"] = value(a.max_heart_rate);
  j["avg_cadence_spm"] = value(a.avg_cadence_spm);
  j["avg_step_length_m"] = value(a.avg_step_length_m);
  j["avg_vertical_oscillation_mm"] = value(a.avg_vertical_oscillation_mm);
  j["avg_stance_time_ms"] = value(a.avg_stance_time_ms);
  j["pace_s_per_km"] = value(a.pace_s_per_km());
  j["rpe"] = value(a.rpe);
  if (!a.notes.empty()) j["notes"] = a.notes;
  std::string name = a.source.name;
  if (file_name_only) name = name.substr(name.find_last_of('/') + 1);  // npos + 1 == 0
  j["source"] = {{"name", name},
                 {"size", a.source.size},
                 {"sha256", a.source.sha256},
                 {"format", a.source.format},
                 {"device", a.source.device}};
  return j;
}

json laps_json(const std::vector<Lap>& laps) {
  json out = json::array();
  for (const auto& l : laps) {
    json j{{"start_utc", format_utc(l.start_utc)},
           {"elapsed_s", l.elapsed_s},
           {"timer_s", l.timer_s},
           {"distance_m", l.distance_m}};
    put(j, "avg_heart_rate", l.avg_heart_rate);
    put(j, "max_heart_rate", l.max_heart_rate);
    put(j, "avg_cadence_spm", l.avg_cadence_spm);
    out.push_back(std::move(j));
  }
  return out;
}

json records_json(const Streams& s, std::int64_t start_utc) {
  json out = json::array();
  for (std::size_t i = 0; i < s.size(); ++i) {
    json r;
    r["time_s"] = s.time_s[i];
    r["timestamp"] = format_utc(start_utc + static_cast<std::int64_t>(std::floor(s.time_s[i])));
    auto add = [&](const char* key, const auto& col) {
      if (i < col.size() && std::isfinite(col[i])) r[key] = col[i];
    };
    add("lat_deg", s.lat_deg);
    add("lon_deg", s.lon_deg);
    add("distance_m", s.distance_m);
    add("speed_mps", s.speed_mps);
    add("altitude_m", s.altitude_m);
    add("heart_rate_bpm", s.heart_rate_bpm);
    add("cadence_spm", s.cadence_spm);
    add("step_length_m", s.step_length_m);
    add("vertical_oscillation_mm", s.vertical_oscillation_mm);
    add("stance_time_ms", s.stance_time_ms);
    out.push_back(std::move(r));
  }
  return out;
}

json decoded_json(const Decoded& d, std::string_view file, bool with_records) {
  json out;
  out["file"] = file;
  out["activities"] = json::array();
  for (const auto& a : d.activities) {
    json j = summary_json(a);
    j["laps"] = laps_json(a.laps);
    j["record_count"] = a.streams.size();
    if (with_records) j["records"] = records_json(a.streams, a.start_utc);
    out["activities"].push_back(std::move(j));
  }
  out["warnings"] = json::array();
  for (const auto& w : d.warnings) out["warnings"].push_back(w.message);
  return out;
}

std::string activities_csv_header(bool miles) {
  std::string out = "id,start_utc,sport,";
  out += miles ? "distance_mi,elapsed_s,moving_s,pace_s_per_mi,"
               : "distance_m,elapsed_s,moving_s,pace_s_per_km,";
  out += miles ? "ascent_ft," : "ascent_m,";
  out += "avg_heart_rate,max_heart_rate,avg_cadence_spm,rpe,source_format,source_name\n";
  return out;
}

std::string activity_csv_row(const StoredActivity& s, bool miles) {
  const Activity& a = s.activity;
  const auto pace = a.pace_s_per_km();
  const std::optional<double> per_unit =
      pace && miles ? std::optional<double>(*pace * (kMetresPerMile / 1000)) : pace;
  return fmt::format("{},{},{},{},{:.0f},{:.0f},{},{},{},{},{},{},{},{}\n", s.id,
                     format_utc(a.start_utc), csv_quote(a.sport),
                     miles ? fmt::format("{:.3f}", a.distance_m / kMetresPerMile)
                           : fmt::format("{:.1f}", a.distance_m),
                     a.elapsed_s, a.moving_s, csv_num(per_unit), csv_num(height_in(a.ascent_m, miles)),
                     csv_num(a.avg_heart_rate), csv_num(a.max_heart_rate),
                     csv_num(a.avg_cadence_spm), csv_num(a.rpe), a.source.format,
                     csv_quote(a.source.name));
}

std::string activities_csv(const std::vector<StoredActivity>& list) {
  std::string out = activities_csv_header();
  for (const auto& s : list) out += activity_csv_row(s);
  return out;
}

std::string activities_text_header(bool miles) {
  return fmt::format("{:>6}  {:<20}  {:<9}  {:>8}  {:>8}  {:>9}  {:>4}  {:>4}\n", "id",
                     "start (local)", "sport", miles ? "mi" : "km", "time", "pace", "hr", "spm");
}

std::string activity_text_row(const StoredActivity& s, bool miles, std::string_view name) {
  const Activity& a = s.activity;
  const double metres = miles ? 1609.344 : 1000;
  std::string row = fmt::format(
      "{:>6}  {:<20}  {:<9}  {:>8.2f}  {:>8}  {:>9}  {:>4}  {:>4}", s.id,
      format_local_time(a.start_utc, activity_offset_s(a.start_utc, a.local_offset_s)), a.sport,
      a.distance_m / metres, duration_text(a.moving_s > 0 ? a.moving_s : a.elapsed_s),
      miles ? pace_per_mile_text(a.pace_s_per_km()) : pace_text(a.pace_s_per_km()),
      opt_text(a.avg_heart_rate), opt_text(a.avg_cadence_spm));
  if (!name.empty()) {
    row += "  ";
    row += name;
  }
  row += "\n";
  return row;
}

std::string activities_text_footer(std::size_t count) {
  return fmt::format("{} activities\n", count);
}

std::string activities_text(const std::vector<StoredActivity>& list, bool miles) {
  std::string out = activities_text_header(miles);
  for (const auto& s : list) out += activity_text_row(s, miles);
  out += activities_text_footer(list.size());
  return out;
}

std::string activity_detail_text(const StoredActivity& s, bool miles) {
  const Activity& a = s.activity;
  std::string out;
  out += fmt::format("activity #{}: {}{}\n", s.id, a.sport,
                     a.sub_sport.empty() ? "" : " (" + a.sub_sport + ")");
  out += fmt::format("  start       {} local ({})\n",
                     format_local_time(a.start_utc,
                                       activity_offset_s(a.start_utc, a.local_offset_s)),
                     format_utc(a.start_utc));
  const double unit_m = miles ? kMetresPerMile : 1000;
  const char* unit = miles ? "mi" : "km";
  const auto pace_of = [&](std::optional<double> s_per_km) {
    return miles ? pace_per_mile_text(s_per_km) : pace_text(s_per_km);
  };
  out += fmt::format("  distance    {:.2f} {}\n", a.distance_m / unit_m, unit);
  out += fmt::format("  elapsed     {}\n", duration_text(a.elapsed_s));
  out += fmt::format("  moving      {}\n", duration_text(a.moving_s));
  out += fmt::format("  pace        {}\n", pace_of(a.pace_s_per_km()));
  const char* height_unit = miles ? "ft" : "m";
  out += fmt::format("  ascent      {} {}, descent {} {}\n", opt_text(height_in(a.ascent_m, miles)),
                     height_unit, opt_text(height_in(a.descent_m, miles)), height_unit);
  out += fmt::format("  heart rate  avg {}, max {}\n", opt_text(a.avg_heart_rate),
                     opt_text(a.max_heart_rate));
  out += fmt::format("  cadence     {} steps/min\n", opt_text(a.avg_cadence_spm));
  if (a.rpe) out += fmt::format("  RPE         {:.1f}\n", *a.rpe);
  if (!a.notes.empty()) out += fmt::format("  notes       {}\n", a.notes);
  out += fmt::format("  source      {} ({}, {} bytes{})\n", a.source.name, a.source.format,
                     a.source.size, a.source.device.empty() ? "" : ", " + a.source.device);
  if (!a.laps.empty()) {
    out += fmt::format("  laps\n  {:>4}  {:>8}  {:>8}  {:>9}  {:>4}  {:>4}\n", "#", unit, "time",
                       "pace", "hr", "spm");
    int n = 0;
    for (const auto& l : a.laps) {
      // NaN rather than an optional here: g++ 12 warns falsely on an optional built inline.
      const double pace =
          l.distance_m > 0 && l.timer_s > 0 ? l.timer_s / (l.distance_m / 1000) : NAN;
      out += fmt::format("  {:>4}  {:>8.2f}  {:>8}  {:>9}  {:>4}  {:>4}\n", ++n,
                         l.distance_m / unit_m, duration_text(l.timer_s),
                         pace_of(std::isnan(pace) ? std::nullopt : std::optional<double>(pace)),
                         opt_text(l.avg_heart_rate), opt_text(l.avg_cadence_spm));
    }
  }
  return out;
}

}  // namespace rk
