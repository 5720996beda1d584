#pragma once
// RFC 5545 iCalendar export of a plan: one VEVENT per session, all-day (DTSTART;VALUE=DATE) or at
// the runner's time of day with a VALARM reminder,
// stable UIDs, DESCRIPTION with the why and the citation. CRLF line endings, lines folded at 75
// octets (never inside a UTF-8 sequence), TEXT values escaped (\\ \; \, \n).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "plan/generator.h"
#include "plan/settings.h"

namespace rk::plan {

struct IcsOptions {
  /// Minutes after local midnight: timed events (floating local time, lasting the session's
  /// minutes or 30) with a VALARM reminder; absent: all-day events without alarms.
  std::optional<int> minute_of_day;
  int alarm_minutes_before = 30;
  Units units = Units::kKm;  // distances in the event text (`runknee config set units`)
  /// Minutes after local midnight of the optional daily check-in (`config set checkin HH:MM`):
  /// one daily event over the plan's days, with a reminder at its time, asking to log the day.
  std::optional<int> check_in_minute;
};

/// `dtstamp_utc` is the creation time written to every DTSTAMP.
std::string write_ics(const Plan& p, std::int64_t dtstamp_utc, const IcsOptions& o = {});

/// Exposed for tests.
std::string ics_escape_text(std::string_view s);
std::string ics_fold_line(std::string_view line);  // without the final CRLF

}  // namespace rk::plan
