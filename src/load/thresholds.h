#pragma once
// The numbers the load and form analysis compares against. Every figure that data/
// load_thresholds.yaml states (each with its citation there) has NO value here: it is "not
// set" (NaN) until load_thresholds() in thresholds_kb.h fills it from the knowledge base, so
// the code can never hold a second copy of a fact. Only the analysis' own working parameters
// (pace bands, TRIMP coefficients) have values in C++.

#include <limits>

namespace rk {

/// A figure that comes from data/load_thresholds.yaml (through load_thresholds(kb)).
inline constexpr double kFromData = std::numeric_limits<double>::quiet_NaN();

struct LoadThresholds {
  // Single-run spike vs the longest run of the previous spike_window_days (Frandsen 2025).
  double spike_window_days = kFromData;
  double spike_none_max_pct = kFromData;
  double spike_small_max_pct = kFromData;
  double spike_moderate_max_pct = kFromData;
  double next_run_cap_factor = kFromData;  // 1 + spike_none_max_pct / 100: the same figure
  double spike_recent_days = kFromData;  // the summary's "worst recent spike" window
  // Weekly distance change (Nielsen 2014): flagged as low certainty above this.
  double weekly_change_flag_pct = kFromData;
  // ACWR (Williams 2017 EWMA; Lolli 2019 uncoupled): context only, never an alarm.
  double acwr_acute_days = kFromData;
  double acwr_chronic_days = kFromData;
  double acwr_context_high = kFromData;
  // Foster 1998 monotony (mean / SD of 7 daily loads).
  double monotony_high = kFromData;
  // Coverage: no load signal from less history than this; gaps of this many days are stated.
  double coverage_min_days = kFromData;
  double gap_days = kFromData;
  // Running form.
  double form_recent_days = kFromData;
  double form_baseline_days = kFromData;  // the runs before the recent window
  double cadence_change_pct = kFromData;
  double cadence_medial_spm = kFromData;
  double overstride_cadence_drop_pct = kFromData;
  double downhill_grade_pct = kFromData;
  double pace_band_s_per_km = 30;          // width of the matched-pace bands
  double pace_band_min_s = 300;            // time in a band needed to compare it
  // Fitness / fatigue / form (a training view, Banister's impulse-response idea): time constants
  // of the two exponentially weighted averages of daily running distance or time.
  double fitness_days = kFromData;
  double fatigue_days = kFromData;
  // Banister TRIMP: defaults when the runner gives no heart-rate profile.
  double trimp_rest_hr = kFromData;
  double trimp_max_hr = kFromData;
  double trimp_a = 0.64;  // men's coefficients; women 0.86 and 1.67
  double trimp_b = 1.92;
};

}  // namespace rk
