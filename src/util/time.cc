#include "util/time.h"

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <ctime>

namespace rk {
namespace {

struct Civil {
  int year;
  unsigned month;
  unsigned day;
};

// Howard Hinnant's civil-from-days algorithm.
Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), m, d};
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

bool read_int(std::string_view text, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > text.size()) return false;
  auto r = std::from_chars(text.data() + pos, text.data() + pos + len, out);
  return r.ec == std::errc() && r.ptr == text.data() + pos + len;
}

/// 2024-02-30 is not a day: the month's real length, leap years included.
int days_in_month(int year, unsigned month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

std::int64_t days_from_civil(int year, unsigned month, unsigned day) {
  const int y = year - (month <= 2);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::string format_utc(std::int64_t t) {
  const std::int64_t days = floor_div(t, 86400);
  const std::int64_t secs = t - days * 86400;
  const Civil c = civil_from_days(days);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", c.year, c.month, c.day, secs / 3600,
                     secs / 60 % 60, secs % 60);
}

std::string format_date(std::int64_t t, std::int32_t offset) {
  const Civil c = civil_from_days(floor_div(t + offset, 86400));
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

std::optional<std::int64_t> parse_iso8601(std::string_view s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!read_int(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !read_int(s, 5, 2, mo) ||
      s[7] != '-' || !read_int(s, 8, 2, d))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, static_cast<unsigned>(mo)))
    return std::nullopt;
  std::size_t pos = 10;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) {
    if (!read_int(s, pos + 1, 2, h) || s.size() < pos + 9 || s[pos + 3] != ':' ||
        !read_int(s, pos + 4, 2, mi) || s[pos + 6] != ':' || !read_int(s, pos + 7, 2, se))
      return std::nullopt;
    pos += 9;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    }
  }
  std::int64_t offset = 0;
  if (pos < s.size()) {
    if (s[pos] == 'Z') {
      ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
      int oh = 0, om = 0;
      if (!read_int(s, pos + 1, 2, oh)) return std::nullopt;
      std::size_t mpos = pos + 3;
      if (mpos < s.size() && s[mpos] == ':') ++mpos;
      if (!read_int(s, mpos, 2, om)) return std::nullopt;
      offset = (oh * 3600 + om * 60) * (s[pos] == '-' ? -1 : 1);
      pos = mpos + 2;
    }
  }
  if (pos != s.size() || h > 23 || mi > 59 || se > 60) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
         h * 3600 + mi * 60 + se - offset;
}

std::int64_t now_utc() {
  if (const char* fixed = std::getenv("RUNKNEE_NOW")) {
    if (auto t = parse_iso8601(fixed)) return *t;
  }
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int32_t local_offset_s(std::int64_t utc) {
  // localtime_r reads TZ (tzset) and the system zone database; tm_gmtoff includes DST.
  ::tzset();
  const auto t = static_cast<std::time_t>(utc);
  std::tm tm{};
  if (::localtime_r(&t, &tm) == nullptr) return 0;
  return static_cast<std::int32_t>(tm.tm_gmtoff);
}

std::int64_t local_day_of(std::int64_t utc) {
  const std::int64_t local = utc + local_offset_s(utc);
  return local >= 0 ? local / 86400 : (local - 86399) / 86400;
}

std::string format_local_date(std::int64_t utc) {
  return format_date(utc, local_offset_s(utc));
}

std::int32_t activity_offset_s(std::int64_t utc, std::optional<std::int32_t> recorded) {
  return recorded ? *recorded : local_offset_s(utc);
}

std::string format_local_time(std::int64_t utc, std::int32_t offset) {
  const std::int64_t t = utc + offset;
  const std::int64_t days = floor_div(t, 86400);
  const std::int64_t secs = t - days * 86400;
  const Civil c = civil_from_days(days);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", c.year, c.month, c.day, secs / 3600,
                     secs / 60 % 60);
}

std::string format_iso_local(std::int64_t utc, std::int32_t offset) {
  const std::int64_t t = utc + offset;
  const std::int64_t days = floor_div(t, 86400);
  const std::int64_t secs = t - days * 86400;
  const Civil c = civil_from_days(days);
  const std::int32_t a = offset < 0 ? -offset : offset;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", c.year, c.month, c.day,
                     secs / 3600, secs / 60 % 60, secs % 60, offset < 0 ? '-' : '+', a / 3600,
                     a / 60 % 60);
}

}  // namespace rk
