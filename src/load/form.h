#pragma once
// Running form from the per-second records: cadence, step length, an overstriding proxy,
// vertical oscillation, ground contact time and downhill exposure, each against the runner's
// own baseline at matched pace. Files cannot show hip strength or (without a foot pod)
// pronation; cannot_see says so, and the assessment asks instead.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/activity.h"
#include "load/analysis.h"
#include "load/thresholds.h"

namespace rk {

struct FormOptions {
  std::optional<double> height_m;
  std::optional<std::int64_t> since_utc;  // leave older runs out (the summary needs ~104 days)
};

/// Running time in one pace band of LoadThresholds::pace_band_s_per_km (band k holds paces
/// from k x width to (k + 1) x width seconds per km).
struct PaceBand {
  double seconds = 0;
  double meters = 0;
  double steps = 0;  // sum of cadence x dt / 60
};

constexpr std::size_t kPaceBands = 32;

struct RunForm {
  std::size_t index = 0;  // into the input vector
  std::int64_t start_utc = 0;
  std::int64_t day = 0;
  double distance_m = 0;
  bool from_streams = false;  // figures from per-second records, not the file's averages
  std::optional<double> cadence_spm;
  std::optional<double> speed_mps;
  std::optional<double> step_length_m;           // speed x 60 / cadence
  std::optional<double> step_length_height_pct;  // step length / height
  std::optional<double> vertical_oscillation_mm;
  std::optional<double> stance_time_ms;
  std::optional<double> downhill_share_pct;  // distance on grades steeper than -3%
  std::array<PaceBand, kPaceBands> bands{};
};

/// Recent (last 14 days) against baseline (the 90 days before that), at matched pace.
struct FormComparison {
  int recent_runs = 0;
  int baseline_runs = 0;
  std::optional<double> cadence_recent_spm;    // median of the recent runs
  std::optional<double> cadence_baseline_spm;  // median of the baseline runs
  std::optional<double> cadence_matched_change_pct;
  std::optional<double> step_length_matched_change_pct;
  int bands_compared = 0;
  bool overstride_proxy = false;  // longer steps and lower cadence at the same pace
  std::optional<double> downhill_recent_pct;
  std::optional<double> vertical_oscillation_recent_mm;
  std::optional<double> stance_time_recent_ms;
};

struct FormReport {
  std::vector<RunForm> runs;  // oldest first
  FormComparison comparison;
  std::vector<Flag> flags;
  std::vector<std::string> cannot_see;
};

/// Form figures for one run; nullopt-filled when the file has neither streams nor averages.
RunForm run_form(const Activity& a, const LoadThresholds& t, const FormOptions& o);

FormReport analyze_form(const std::vector<Activity>& activities, std::int64_t now_utc,
                        const LoadThresholds& t, const FormOptions& o = {});

}  // namespace rk
