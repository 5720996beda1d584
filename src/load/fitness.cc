#include "load/fitness.h"

#include <fmt/format.h>

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

std::string fitness_text(const std::vector<FitnessDay>& series, const DayRange& range,
                         const FitnessOptions& o, const DistanceUnit& u) {
  const bool distance = o.basis == FitnessBasis::kDistance;
  const double per = distance ? u.metres / 1000.0 : 1.0;  // km (or minutes) per shown unit
  const std::string unit = distance ? u.name : "min";
  std::string out = fmt::format(
      "Fitness, fatigue and form from daily running {}: a training view, not an injury "
      "predictor.\nFitness averages about the last {:g} weeks ({:g}-day average), fatigue the last "
      "{:g} days; form = fitness - fatigue (below zero: the recent days were harder than your "
      "usual training; above zero, lighter).\n",
      distance ? (u.name == "km" ? "kilometres" : "miles") : "minutes",
      std::round(o.fitness_days / 7), o.fitness_days, o.fatigue_days);
  std::vector<const FitnessDay*> shown;
  for (const FitnessDay& d : series)
    if (range.contains(d.day)) shown.push_back(&d);
  if (shown.empty()) return out + "\nNo days with data in this range.\n";
  out += fmt::format("\n{:<9} {:>8} {:>8} {:>8} {:>8}\n", "week", "run " + unit, "fitness",
                     "fatigue", "form");
  double week_load = 0;
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const FitnessDay& d = *shown[i];
    week_load += d.load;
    const bool week_ends = i + 1 == shown.size() || week_start(shown[i + 1]->day) != week_start(d.day);
    if (!week_ends) continue;
    out += fmt::format("{:<9} {:>8.1f} {:>8.1f} {:>8.1f} {:>+8.1f}\n", iso_week_label(d.day),
                       week_load / per, d.fitness / per, d.fatigue / per, d.form / per);
    week_load = 0;
  }
  const FitnessDay& last = *shown.back();
  out += fmt::format("\n{}: fitness {:.1f}, fatigue {:.1f}, form {:+.1f} ({} a day).\n",
                     day_label(last.day), last.fitness / per, last.fatigue / per, last.form / per,
                     unit);
  if (!shown.front()->settled) {
    out += "The first weeks of your history understate fitness: it starts from zero.\n";
  }
  return out;
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
