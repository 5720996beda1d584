#pragma once
// Time helpers. All instants are UTC seconds since the Unix epoch (int64); local offsets are
// carried separately in seconds east of UTC.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rk {

/// "2024-05-01T06:30:00Z" from UTC seconds.
std::string format_utc(std::int64_t utc_seconds);
/// "2024-05-01" (local calendar day for the given offset).
std::string format_date(std::int64_t utc_seconds, std::int32_t offset_seconds = 0);
/// Parses "YYYY-MM-DD" (as UTC midnight), "YYYY-MM-DDTHH:MM:SS[.fff]" with optional "Z" or
/// "+HH:MM"/"-HH:MM"; returns nullopt when malformed.
std::optional<std::int64_t> parse_iso8601(std::string_view text);
/// Days since 1970-01-01 for a civil date (proleptic Gregorian).
std::int64_t days_from_civil(int year, unsigned month, unsigned day);
/// Current UTC time; tests override it through RUNKNEE_NOW (ISO 8601) for reproducible output.
std::int64_t now_utc();

/// The runner's local time: the time zone in TZ when set (e.g. "America/Los_Angeles"), else the
/// system's. Decides what "today", a diary day and a plan week are.
/// Seconds east of UTC at `utc`, daylight saving included.
std::int32_t local_offset_s(std::int64_t utc);
/// Days since 1970-01-01 of the local calendar date at `utc`.
std::int64_t local_day_of(std::int64_t utc);
/// "2024-05-01": the local calendar date at `utc`.
std::string format_local_date(std::int64_t utc);
/// An activity's local offset: the one its file recorded (FIT local_timestamp, a GPX/TCX
/// offset) when present, else the runner's zone at `utc`.
std::int32_t activity_offset_s(std::int64_t utc, std::optional<std::int32_t> recorded);
/// "2024-05-01 08:30" at `offset` seconds east of UTC.
std::string format_local_time(std::int64_t utc, std::int32_t offset);
/// "2024-05-01T08:30:00+02:00" (ISO 8601 with the offset).
std::string format_iso_local(std::int64_t utc, std::int32_t offset);

}  // namespace rk
