#pragma once
// A training view, not an injury predictor: fitness (chronic training load, CTL), fatigue
// (acute training load, ATL) and form (training stress balance, TSB = fitness - fatigue) from
// each day's running distance or running time, as exponentially weighted moving averages
// (time constants 42 and 7 days by default: data/load_thresholds.yaml, fitness.*). It shows
// how the recent weeks compare with the longer run of training; it says nothing about injury
// risk. Also the date range the load views default to: the runner's last weeks of data.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "load/analysis.h"
#include "load/report.h"
#include "util/expected.h"

namespace rk {

enum class FitnessBasis { kDistance, kTime };  // km or minutes of running per day

struct FitnessOptions {
  double fitness_days = 42;  // time constant of the fitness (CTL) average
  double fatigue_days = 7;   // time constant of the fatigue (ATL) average
  FitnessBasis basis = FitnessBasis::kDistance;
};

struct FitnessDay {
  std::int64_t day = 0;
  double load = 0;       // km (or minutes) of running that day
  double fitness = 0;    // CTL
  double fatigue = 0;    // ATL
  double form = 0;       // TSB = fitness - fatigue, end of the day
  bool settled = false;  // at least one fitness time constant of history before this day
};

/// One value per calendar day from the first to the last day of `days` (missing days count as
/// no running). Both averages start at 0 on the first day; each day moves them 1/N of the way
/// from yesterday's value to that day's load (N = the time constant in days).
std::vector<FitnessDay> fitness_series(const std::vector<DayRow>& days, const FitnessOptions& o);

/// "distance" / "time".
Expected<FitnessBasis> parse_fitness_basis(std::string_view s);

/// The days of `series` inside `range`, with their dates and the basis's unit:
/// {"basis", "unit", "fitness_days", "fatigue_days", "days": [{"date", "load", "fitness",
/// "fatigue", "form", "settled"}]}.
nlohmann::json fitness_json(const std::vector<FitnessDay>& series, const DayRange& range,
                            const FitnessOptions& o);

/// The same as text for the terminal: what the view is (and is not), one row per week (the
/// week's running and the averages at its last day shown), then the latest day. Distances in `u`
/// (km or miles: the averages are of daily distance, so they convert alike); time in minutes.
std::string fitness_text(const std::vector<FitnessDay>& series, const DayRange& range,
                         const FitnessOptions& o, const DistanceUnit& u = {});

/// The last day with any recorded activity (running or not); `rep.today` without any.
std::int64_t last_data_day(const LoadReport& rep);
/// The runner's last `weeks` weeks of data: ending on the last day with an activity (not
/// today, so an old history still shows its runs), starting `weeks` x 7 - 1 days earlier but
/// not before the Monday of the week of the first day of data.
DayRange default_range(const LoadReport& rep, int weeks = 12);

/// "4 Jul 2016".
std::string day_label(std::int64_t day);

}  // namespace rk
