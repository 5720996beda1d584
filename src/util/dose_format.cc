#include "util/dose_format.h"

#include <fmt/format.h>

namespace rk {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '.')) s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::string exercise_dose_text(const ExerciseDoseSpec& d) {
  const bool reps = d.unit.empty() || d.unit == "reps";
  std::string out;
  if (d.sets > 1) {
    out = reps ? fmt::format("{} × {}", d.sets, d.amount)
               : fmt::format("{} × {} {}", d.sets, d.amount, d.unit);
  } else {
    out = fmt::format("{} {}", d.amount, reps ? "reps" : d.unit);
  }
  if (d.up_s) out += fmt::format(", {} s up", *d.up_s);
  if (d.down_s) out += fmt::format(", {} s down", *d.down_s);
  return out;
}

std::string medicine_dose_text(std::string_view dose, std::string_view interval,
                               std::string_view daily_max) {
  dose = trimmed(dose);
  interval = trimmed(interval);
  daily_max = trimmed(daily_max);
  std::string out(dose);
  if (!interval.empty()) {
    if (!out.empty()) out += ", ";
    out += interval;
  }
  if (!daily_max.empty()) {
    if (!out.empty()) out += "; ";
    if (!starts_with(daily_max, "at most ") && !starts_with(daily_max, "no more than "))
      out += "at most ";
    out += daily_max;
  }
  return out;
}

}  // namespace rk
