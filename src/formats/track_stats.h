#pragma once
// Summary figures for formats that carry only points (GPX, most of TCX): distance, moving time,
// ascent and descent, heart rate and cadence, computed from Activity::streams. Fields the file
// already gave are kept; only zero or absent ones are filled.

#include <optional>
#include <string_view>

#include "model/activity.h"

namespace rk {

/// Great-circle distance in metres between two WGS84 points (haversine, mean Earth radius).
double haversine_m(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg);

/// Fills the cumulative distance stream from positions when the file had none.
void fill_distance_stream(Streams& s);

/// Fills elapsed, distance, moving time, ascent/descent, heart rate and cadence from streams.
void fill_summary_from_streams(Activity& a);

/// "running", "cycling", ... from the free text sports GPX, TCX, CSV logs and Strava use.
std::string normalize_sport(std::string_view text);

/// True for sports where Garmin's GPX/TCX cadence counts one foot (strides per minute), so it
/// is doubled to steps per minute.
bool is_foot_sport(std::string_view sport);

/// Seconds since the epoch with the fraction kept ("2017-07-29T14:46:35.250Z").
std::optional<double> parse_time_frac(std::string_view text);

}  // namespace rk
