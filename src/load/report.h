#pragma once
// Renders load and form reports as text tables, JSON and CSV for the CLI and the web API.
// Signals are computed over the whole history; the range only selects what is shown.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "load/analysis.h"
#include "load/form.h"
#include "load/summary.h"

namespace rk {

struct DayRange {
  std::int64_t from_day = INT64_MIN;
  std::int64_t to_day = INT64_MAX;
  bool contains(std::int64_t day) const { return day >= from_day && day <= to_day; }
};

/// The distance unit of text and CSV (the runner's `config set units`); JSON stays in km. Short
/// lengths (step length, ascent) follow it: metres with km, feet with miles.
struct DistanceUnit {
  std::string name = "km";
  double metres = 1000;
  std::string short_name = "m";
  double short_metres = 1;
};
inline DistanceUnit miles_unit() { return {"mi", 1609.344, "ft", 0.3048}; }

std::string load_text(const LoadReport& rep, const DayRange& range, const DistanceUnit& u = {});
nlohmann::json load_json(const LoadReport& rep, const DayRange& range);
/// One row per day, then one per ISO week; the first column says which. Distance columns are
/// named after the unit (run_km or run_mi).
std::string load_csv(const LoadReport& rep, const DayRange& range, const DistanceUnit& u = {});

/// Every run with its distance, the longest run of the previous 30 days, spike and next cap.
nlohmann::json runs_json(const LoadReport& rep, const DayRange& range);
std::string runs_text(const LoadReport& rep, const DayRange& range, const DistanceUnit& u = {});
std::string runs_csv(const LoadReport& rep, const DayRange& range, const DistanceUnit& u = {});

/// Distance and pace in the unit (the pace per km or per mile); JSON stays in SI.
std::string form_text(const FormReport& rep, const DayRange& range, const DistanceUnit& u = {});
nlohmann::json form_json(const FormReport& rep, const DayRange& range);
std::string form_csv(const FormReport& rep, const DayRange& range, const DistanceUnit& u = {});

/// The TrainingSummary as JSON (absent figures are null), for the assessment's "training".
nlohmann::json summary_json(const TrainingSummary& s);

}  // namespace rk
