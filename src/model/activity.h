#pragma once
// The one activity model every decoder produces (FIT, GPX, TCX, CSV log, archives) and the store
// keeps. Units are SI except where a name says otherwise; cadence is always steps per minute
// (FIT running cadence counts strides and is doubled on the way in).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rk {

/// Per-second (or per-sample) streams, column by column, all the same length as `time_s`.
/// A column that the file never had is empty; a missing sample inside a present column is NaN.
struct Streams {
  std::vector<float> time_s;  // seconds since Activity::start_utc
  std::vector<double> lat_deg;
  std::vector<double> lon_deg;
  std::vector<float> distance_m;
  std::vector<float> speed_mps;
  std::vector<float> altitude_m;
  std::vector<float> heart_rate_bpm;
  std::vector<float> cadence_spm;
  std::vector<float> step_length_m;
  std::vector<float> vertical_oscillation_mm;
  std::vector<float> stance_time_ms;

  std::size_t size() const { return time_s.size(); }
};

struct Lap {
  std::int64_t start_utc = 0;
  double elapsed_s = 0;
  double timer_s = 0;
  double distance_m = 0;
  std::optional<double> avg_heart_rate;
  std::optional<double> max_heart_rate;
  std::optional<double> avg_cadence_spm;
};

/// Where an activity came from; sha256 is of the original file's bytes.
struct SourceFile {
  std::string name;    // file name as given (inside an archive: "archive.zip:activities/1.fit")
  std::uint64_t size = 0;
  std::string sha256;
  std::string format;  // "fit", "gpx", "tcx", "csv"
  std::string device;  // "garmin fenix2", when the file says
};

struct Activity {
  std::string sport = "running";  // running, cycling, swimming, walking, hiking, other...
  std::string sub_sport;          // e.g. "trail", "treadmill"; empty when unknown
  std::int64_t start_utc = 0;     // seconds since the Unix epoch, UTC
  std::optional<std::int32_t> local_offset_s;  // seconds east of UTC, when the file says
  double elapsed_s = 0;
  double moving_s = 0;  // timer time for FIT; time with speed above a walking floor otherwise
  double distance_m = 0;
  std::optional<double> ascent_m;
  std::optional<double> descent_m;
  std::optional<double> avg_heart_rate;
  std::optional<double> max_heart_rate;
  std::optional<double> avg_cadence_spm;
  std::optional<double> avg_step_length_m;
  std::optional<double> avg_vertical_oscillation_mm;
  std::optional<double> avg_stance_time_ms;
  std::optional<double> rpe;  // session RPE 0-10, from CSV logs or manual entry
  std::string notes;
  std::vector<Lap> laps;
  Streams streams;
  SourceFile source;

  /// Average pace in seconds per km, when there is distance and time.
  std::optional<double> pace_s_per_km() const {
    if (distance_m <= 0) return std::nullopt;
    const double t = moving_s > 0 ? moving_s : elapsed_s;
    if (t <= 0) return std::nullopt;
    return t / (distance_m / 1000.0);
  }
};

/// Whether the activity is a run: its sport starts with "run" ("running", and the sub-kinds a
/// decoder may spell that way). The one definition for load, plan and the reports.
bool is_running(const Activity& a);

/// "Saturday morning run": weekday and part of the day at the start (local time when known).
std::string default_activity_name(const Activity& a);

/// A problem a decoder recovered from, e.g. "run.fit: byte 1234: bad CRC, kept 2800 records".
struct Diagnostic {
  std::string message;
};

/// What any decoder returns on success: zero or more activities (a chained FIT file may hold
/// several; a settings file holds none) and the warnings it recovered from.
struct Decoded {
  std::vector<Activity> activities;
  std::vector<Diagnostic> warnings;
};

}  // namespace rk
