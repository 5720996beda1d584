#include "model/calendar.h"

#include <fmt/format.h>

#include <array>

#include "util/time.h"

namespace rk {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

std::int64_t day_of(std::int64_t utc, std::int32_t offset_s) {
  return floor_div(utc + offset_s, 86400);
}

std::int64_t local_day(const Activity& a) {
  return day_of(a.start_utc, activity_offset_s(a.start_utc, a.local_offset_s));
}

std::string day_string(std::int64_t day) {
  return format_date(day * 86400);
}

int weekday_index(std::int64_t day) {
  // 1970-01-01 was a Thursday (index 3).
  return static_cast<int>(((day + 3) % 7 + 7) % 7);
}

std::string_view weekday_name(std::int64_t day) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return kNames[static_cast<std::size_t>(weekday_index(day))];
}

std::int64_t week_start(std::int64_t day) {
  return day - weekday_index(day);
}

std::string iso_week_label(std::int64_t day) {
  // The ISO year is the year of the week's Thursday; week 1 holds the year's first Thursday.
  const std::int64_t thursday = week_start(day) + 3;
  const std::string date = day_string(thursday);
  const int year = std::stoi(date.substr(0, 4));
  const std::int64_t jan1 = days_from_civil(year, 1, 1);
  const std::int64_t week = (thursday - jan1) / 7 + 1;
  return fmt::format("{:04}-W{:02}", year, week);
}

}  // namespace rk
