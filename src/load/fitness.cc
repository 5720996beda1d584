#include "load/fitness.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

#include "model/calendar.h"
#include "util/error.h"

namespace rk {

std::vector<FitnessDay> fitness_series(const std::vector<DayRow>& days, const FitnessOptions& o) {
  std::vector<FitnessDay> out;
  if (days.empty() || o.fitness_days < 1 || o.fatigue_days < 1) return out;
  std::int64_t first = days.front().load.day, last = first;
  std::unordered_map<std::int64_t, double> load;
  for (const DayRow& d : days) {
    first = std::min(first, d.load.day);
    last = std::max(last, d.load.day);
    const double v = o.basis == FitnessBasis::kDistance ? d.load.running.distance_m / 1000.0
                                                        : d.load.running.duration_s / 60.0;
    load[d.load.day] += v;
  }
  out.reserve(static_cast<std::size_t>(last - first + 1));
  double fitness = 0, fatigue = 0;
  for (std::int64_t day = first; day <= last; ++day) {
    const auto it = load.find(day);
    const double x = it == load.end() ? 0.0 : it->second;
    fitness += (x - fitness) / o.fitness_days;
    fatigue += (x - fatigue) / o.fatigue_days;
    out.push_back({day, x, fitness, fatigue, fitness - fatigue,
                   static_cast<double>(day - first) >= o.fitness_days});
  }
  return out;
}

Expected<FitnessBasis> parse_fitness_basis(std::string_view s) {
  if (s == "distance") return FitnessBasis::kDistance;
  if (s == "time") return FitnessBasis::kTime;
  return fail("basis must be 'distance' or 'time', got '{}'", s);
}

nlohmann::json fitness_json(const std::vector<FitnessDay>& series, const DayRange& range,
                            const FitnessOptions& o) {
  const bool km = o.basis == FitnessBasis::kDistance;
  auto round1 = [](double v) { return std::round(v * 10.0) / 10.0; };
  nlohmann::json days = nlohmann::json::array();
  for (const FitnessDay& d : series) {
    if (!range.contains(d.day)) continue;
    days.push_back({{"date", day_string(d.day)},
                    {"load", round1(d.load)},
                    {"fitness", round1(d.fitness)},
                    {"fatigue", round1(d.fatigue)},
                    {"form", round1(d.form)},
                    {"settled", d.settled}});
  }
  return {{"basis", km ? "distance" : "time"},
          {"unit", km ? "km" : "min"},
          {"fitness_days", o.fitness_days},
          {"fatigue_days", o.fatigue_days},
          {"days", std::move(days)}};
}

std::int64_t last_data_day(const LoadReport& rep) {
  for (auto it = rep.days.rbegin(); it != rep.days.rend(); ++it) {
    if (it->load.running.sessions > 0 || it->load.cross.sessions > 0) return it->load.day;
  }
  return rep.today;
}

DayRange default_range(const LoadReport& rep, int weeks) {
  DayRange r;
  r.to_day = last_data_day(rep);
  r.from_day = r.to_day - 7 * static_cast<std::int64_t>(std::max(1, weeks)) + 1;
  // Not before the week of the first day of data (whole weeks, so that week's bar shows).
  if (!rep.days.empty()) r.from_day = std::max(r.from_day, week_start(rep.first_day));
  return r;
}

std::string day_label(std::int64_t day) {
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::string iso = day_string(day);  // "2016-07-04"
  const int month = std::stoi(iso.substr(5, 2));
  const int dom = std::stoi(iso.substr(8, 2));
  return fmt::format("{} {} {}", dom, kMonths[static_cast<std::size_t>(month - 1)],
                     iso.substr(0, 4));
}

}  // namespace rk
