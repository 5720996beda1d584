#pragma once
// RFC 5545 iCalendar export of a plan: one all-day VEVENT per session (DTSTART;VALUE=DATE),
// stable UIDs, DESCRIPTION with the why and the citation. CRLF line endings, lines folded at 75
// octets (never inside a UTF-8 sequence), TEXT values escaped (\\ \; \, \n).

#include <cstdint>
#include <string>
#include <string_view>

#include "plan/generator.h"

namespace rk::plan {

/// `dtstamp_utc` is the creation time written to every DTSTAMP.
std::string write_ics(const Plan& p, std::int64_t dtstamp_utc);

/// Exposed for tests.
std::string ics_escape_text(std::string_view s);
std::string ics_fold_line(std::string_view line);  // without the final CRLF

}  // namespace rk::plan
