// A runner's own training log kept in a spreadsheet: one row per run with date, distance and
// duration, optionally RPE (0-10), notes and sport. Header names are matched case-insensitively;
// "," ";" or tab separate fields; quotes work as in RFC 4180.
//
// Units: a header or value saying km/m/mi wins; a bare distance above 100 is taken as metres
// (nobody logs a 100 km run as "100000"... but "8000" is a common way to write 8 km), otherwise
// km. Duration "h:mm:ss", "mm:ss" or a number of minutes (seconds when the header says so).

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "formats/decode.h"
#include "formats/track_stats.h"
#include "util/error.h"
#include "util/time.h"

namespace rk {
namespace {

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

/// Splits one line into fields, honouring double quotes ("a ""b""" is a "b").
std::vector<std::string> split_fields(std::string_view line, char sep) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == sep) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  for (auto& f : out) f = std::string(trim(f));
  return out;
}

enum class DistUnit { kGuess, kKm, kM, kMi };
enum class TimeUnit { kMinutes, kSeconds };

struct Columns {
  int date = -1, distance = -1, duration = -1, rpe = -1, notes = -1, sport = -1;
  DistUnit dist_unit = DistUnit::kGuess;
  TimeUnit time_unit = TimeUnit::kMinutes;
};

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

DistUnit unit_in(std::string_view h) {
  if (h.find("km") != std::string_view::npos || h.find("kilomet") != std::string_view::npos)
    return DistUnit::kKm;
  if (h.find("mi") != std::string_view::npos && h.find("min") == std::string_view::npos)
    return DistUnit::kMi;
  if (h.find("(m)") != std::string_view::npos || h.find("_m") != std::string_view::npos ||
      h.find("meter") != std::string_view::npos || h.find("metre") != std::string_view::npos)
    return DistUnit::kM;
  return DistUnit::kGuess;
}

Columns find_columns(const std::vector<std::string>& header) {
  Columns c;
  for (int i = 0; i < static_cast<int>(header.size()); ++i) {
    const std::string h = lower(header[static_cast<std::size_t>(i)]);
    if (c.date < 0 && (starts_with(h, "date") || h == "day" || h == "when")) {
      c.date = i;
    } else if (c.distance < 0 && (starts_with(h, "distance") || h == "km" || h == "dist" ||
                                  h == "meters" || h == "metres" || h == "miles")) {
      c.distance = i;
      c.dist_unit = h == "km"                          ? DistUnit::kKm
                    : h == "miles"                     ? DistUnit::kMi
                    : (h == "meters" || h == "metres") ? DistUnit::kM
                                                       : unit_in(h);
    } else if (c.duration < 0 && (starts_with(h, "duration") || starts_with(h, "time") ||
                                  h == "minutes" || h == "min" || h == "seconds")) {
      c.duration = i;
      if (h == "seconds" || h.find("(s)") != std::string::npos ||
          h.find("_s") != std::string::npos || h.find("sec") != std::string::npos)
        c.time_unit = TimeUnit::kSeconds;
    } else if (c.rpe < 0 && starts_with(h, "rpe")) {
      c.rpe = i;
    } else if (c.notes < 0 && (starts_with(h, "note") || h == "comment" || h == "comments")) {
      c.notes = i;
    } else if (c.sport < 0 && (h == "sport" || h == "type" || h == "activity")) {
      c.sport = i;
    }
  }
  return c;
}

/// A number with an optional trailing unit in `rest`; without `rest`, nothing may follow.
std::optional<double> parse_number(std::string_view s, std::string* rest = nullptr) {
  std::string t(trim(s));
  std::replace(t.begin(), t.end(), ',', '.');  // "10,5" in European spreadsheets
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (end == t.c_str() || !std::isfinite(v)) return std::nullopt;
  const std::string tail(trim(std::string_view(end)));
  if (rest) {
    *rest = tail;
  } else if (!tail.empty()) {
    return std::nullopt;
  }
  return v;
}

Expected<double> parse_distance(std::string_view text, DistUnit unit) {
  std::string rest;
  const auto v = parse_number(text, &rest);
  if (!v || *v < 0) return fail("bad distance '{}' (expected e.g. 10.5, 10.5 km or 8000 m)", text);
  const std::string suffix = lower(rest);
  if (suffix == "km")
    unit = DistUnit::kKm;
  else if (suffix == "m")
    unit = DistUnit::kM;
  else if (suffix == "mi" || suffix == "miles")
    unit = DistUnit::kMi;
  else if (!suffix.empty())
    return fail("bad distance '{}': unknown unit '{}'", text, suffix);
  switch (unit) {
    case DistUnit::kKm:
      return *v * 1000;
    case DistUnit::kM:
      return *v;
    case DistUnit::kMi:
      return *v * 1609.344;
    case DistUnit::kGuess:
      return *v > 100 ? *v : *v * 1000;
  }
  return *v;
}

Expected<double> parse_duration(std::string_view text, TimeUnit unit) {
  const std::string_view t = trim(text);
  if (t.find(':') != std::string_view::npos) {
    std::vector<double> parts;
    std::size_t start = 0;
    for (;;) {
      const auto colon = t.find(':', start);
      const auto piece = t.substr(start, colon == std::string_view::npos ? colon : colon - start);
      const auto v = parse_number(piece);
      if (!v || *v < 0) return fail("bad duration '{}' (expected h:mm:ss, mm:ss or minutes)", text);
      parts.push_back(*v);
      if (colon == std::string_view::npos) break;
      start = colon + 1;
    }
    if (parts.size() == 2) return parts[0] * 60 + parts[1];
    if (parts.size() == 3) return parts[0] * 3600 + parts[1] * 60 + parts[2];
    return fail("bad duration '{}' (expected h:mm:ss, mm:ss or minutes)", text);
  }
  const auto v = parse_number(t);
  if (!v || *v < 0) return fail("bad duration '{}' (expected h:mm:ss, mm:ss or minutes)", text);
  return unit == TimeUnit::kSeconds ? *v : *v * 60;
}

Expected<Activity> parse_row(const std::vector<std::string>& f, const Columns& c) {
  auto field = [&](int i) -> std::string_view {
    return i >= 0 && static_cast<std::size_t>(i) < f.size()
               ? std::string_view(f[static_cast<std::size_t>(i)])
               : std::string_view();
  };
  Activity a;
  const auto start = parse_iso8601(field(c.date));
  if (!start)
    return fail("bad date '{}' (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)", field(c.date));
  a.start_utc = *start;
  auto dist = parse_distance(field(c.distance), c.dist_unit);
  if (!dist) return fail(dist.error());
  a.distance_m = *dist;
  auto dur = parse_duration(field(c.duration), c.time_unit);
  if (!dur) return fail(dur.error());
  if (*dur <= 0 && a.distance_m <= 0) return fail("empty row: no distance and no duration");
  a.elapsed_s = a.moving_s = *dur;
  if (!field(c.rpe).empty()) {
    const auto rpe = parse_number(field(c.rpe));
    if (!rpe || *rpe < 0 || *rpe > 10) return fail("bad RPE '{}' (expected 0 to 10)", field(c.rpe));
    a.rpe = *rpe;
  }
  a.notes = std::string(field(c.notes));
  if (c.sport >= 0 && !field(c.sport).empty()) a.sport = normalize_sport(field(c.sport));
  return a;
}

char sniff_separator(std::string_view header) {
  const auto count = [&](char ch) { return std::count(header.begin(), header.end(), ch); };
  if (count('\t') > count(',') && count('\t') >= count(';')) return '\t';
  if (count(';') > count(',')) return ';';
  return ',';
}

}  // namespace

Expected<Decoded> decode_csv_log_in_parts(Bytes bytes, std::string_view name,
                                          std::size_t part_rows,
                                          const std::function<void(Decoded&&)>& emit_part) {
  std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // spreadsheet BOM
  if (text.find('\0') != std::string_view::npos)
    return fail("{}: byte {}: binary data, not a CSV training log", name, text.find('\0'));
  Decoded out;
  Columns cols;
  char sep = ',';
  bool have_header = false;
  std::string first_error;
  std::size_t line_no = 0, start = 0, rows = 0;
  while (start < text.size()) {
    // A record ends at a newline outside quotes (RFC 4180: a quoted field may hold newlines).
    std::size_t end = start;
    std::size_t newlines = 0;
    for (bool quoted = false; end < text.size() && (quoted || text[end] != '\n'); ++end) {
      if (text[end] == '"') quoted = !quoted;
      if (text[end] == '\n') ++newlines;
    }
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    const std::size_t record_line = line_no;
    line_no += newlines;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty() || trim(line).front() == '#') continue;
    if (!have_header) {
      sep = sniff_separator(line);
      cols = find_columns(split_fields(line, sep));
      const char* missing = cols.date < 0       ? "date"
                            : cols.distance < 0 ? "distance"
                            : cols.duration < 0 ? "duration"
                                                : nullptr;
      if (missing)
        return fail("{}:{}: not a training log: no '{}' column (need date, distance, duration)",
                    name, line_no, missing);
      have_header = true;
      continue;
    }
    auto row = parse_row(split_fields(line, sep), cols);
    if (!row) {
      auto msg = fmt::format("{}:{}: {}", name, record_line, row.error().message);
      if (first_error.empty()) first_error = msg;
      out.warnings.push_back({std::move(msg)});
      continue;
    }
    row->source.name = fmt::format("{}:{}", name, record_line);
    out.activities.push_back(std::move(*row));
    ++rows;
    if (out.activities.size() >= part_rows) {
      emit_part(std::move(out));
      out = Decoded{};
    }
  }
  if (!have_header) return fail("{}:1: empty file, not a training log", name);
  if (rows == 0 && !first_error.empty()) return fail(Error{first_error});
  return out;
}

Expected<Decoded> decode_csv_log(Bytes bytes, std::string_view name) {
  return decode_csv_log_in_parts(bytes, name, std::numeric_limits<std::size_t>::max(),
                                 [](Decoded&&) {});
}

}  // namespace rk
