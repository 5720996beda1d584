#include "plan/ics.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "util/dose_format.h"
#include "util/time.h"

namespace rk::plan {
namespace {

std::string compact_date(const std::string& iso) {  // 2026-11-25 -> 20261125
  std::string out;
  for (char c : iso) {
    if (c != '-') out += c;
  }
  return out;
}

std::string compact_stamp(std::int64_t utc) {  // 2026-11-25T12:00:00Z -> 20261125T120000Z
  std::string out;
  for (char c : format_utc(utc)) {
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

void add(std::string& out, std::string_view line) {
  out += ics_fold_line(line);
  out += "\r\n";
}

std::string description(const Session& s, Units u) {
  std::string d = s.details;
  for (const auto& e : s.exercises)
    d += fmt::format("\n- {}: {}", e.name, exercise_dose_text({e.sets, e.amount, e.unit}));
  if (s.distance_km) d += "\nPlanned distance: " + format_distance(*s.distance_km, u);
  d += "\nWhy: " + s.why;
  if (!s.citation.empty()) d += " [" + s.citation + "]";
  return d;
}

}  // namespace

std::string ics_escape_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ics_fold_line(std::string_view line) {
  std::string out;
  std::size_t used = 0;  // octets on the current physical line
  std::size_t i = 0;
  while (i < line.size()) {
    // Length of this UTF-8 sequence, so a fold never splits one.
    const auto c = static_cast<unsigned char>(line[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 1;
    n = std::min(n, line.size() - i);
    if (used + n > 75) {
      out += "\r\n ";
      used = 1;  // the leading space counts
    }
    out.append(line.substr(i, n));
    used += n;
    i += n;
  }
  return out;
}

std::string write_ics(const Plan& p, std::int64_t dtstamp_utc, const IcsOptions& o) {
  std::string out;
  add(out, "BEGIN:VCALENDAR");
  add(out, "VERSION:2.0");
  add(out, "PRODID:-//runknee//plan//EN");
  add(out, "CALSCALE:GREGORIAN");
  add(out, "X-WR-CALNAME:runknee plan");
  const auto stamp = compact_stamp(dtstamp_utc);
  for (const auto& w : p.weeks) {
    int n = 0;
    for (const auto& s : w.sessions) {
      add(out, "BEGIN:VEVENT");
      add(out, fmt::format("UID:{}-{}-{}-{}@runknee", compact_date(s.date), w.index, n++,
                           kind_name(s.kind)));
      add(out, "DTSTAMP:" + stamp);
      if (o.minute_of_day) {
        // Floating local time: the session is at this time wherever the runner is.
        const int start = *o.minute_of_day;
        const int length = static_cast<int>(std::lround(s.minutes.value_or(30)));
        const int end = start + std::max(length, 5);
        const auto stamp_at = [&](int minute) {
          return fmt::format("{}T{:02}{:02}00", compact_date(date_of_day(s.day + minute / 1440)),
                             (minute % 1440) / 60, minute % 60);
        };
        add(out, "DTSTART:" + stamp_at(start));
        add(out, "DTEND:" + stamp_at(end));
      } else {
        add(out, "DTSTART;VALUE=DATE:" + compact_date(s.date));
        add(out, "DTEND;VALUE=DATE:" + compact_date(date_of_day(s.day + 1)));
      }
      add(out, "SUMMARY:" + ics_escape_text(s.title));
      add(out, "DESCRIPTION:" + ics_escape_text(description(s, o.units)));
      add(out, "TRANSP:TRANSPARENT");
      if (o.minute_of_day) {
        add(out, "BEGIN:VALARM");
        add(out, "ACTION:DISPLAY");
        add(out, "DESCRIPTION:" + ics_escape_text("runknee: " + s.title));
        add(out, fmt::format("TRIGGER:-PT{}M", o.alarm_minutes_before));
        add(out, "END:VALARM");
      }
      add(out, "END:VEVENT");
    }
  }
  // The check-in runs every day from today to the last day (Sunday) of the plan's last week.
  const auto today = day_number(p.today);
  const auto last_week = p.weeks.empty() ? std::nullopt : day_number(p.weeks.back().start_date);
  if (o.check_in_minute && today && last_week) {
    const std::int64_t first = *today, last = *last_week + 6;
    const int m = *o.check_in_minute;
    const auto day = date_of_day(first);
    add(out, "BEGIN:VEVENT");
    add(out, fmt::format("UID:{}-check-in@runknee", compact_date(day)));
    add(out, "DTSTAMP:" + stamp);
    add(out, fmt::format("DTSTART:{}T{:02}{:02}00", compact_date(day), m / 60, m % 60));
    add(out, "DURATION:PT5M");
    add(out, fmt::format("RRULE:FREQ=DAILY;COUNT={}", last - first + 1));
    add(out, "SUMMARY:" + ics_escape_text("Knee check-in"));
    add(out, "DESCRIPTION:" +
                 ics_escape_text(
                     "Log how the knee felt today: during and after a run (runknee log "
                     "--during N --after N), the morning after a run (runknee log --morning "
                     "N), and the exercises you did (runknee log --exercise ID --sets N)."));
    add(out, "TRANSP:TRANSPARENT");
    add(out, "BEGIN:VALARM");
    add(out, "ACTION:DISPLAY");
    add(out, "DESCRIPTION:" + ics_escape_text("runknee: knee check-in"));
    add(out, "TRIGGER:PT0M");
    add(out, "END:VALARM");
    add(out, "END:VEVENT");
  }
  add(out, "END:VCALENDAR");
  return out;
}

}  // namespace rk::plan
