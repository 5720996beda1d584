#pragma once
// The numbers the load and form analysis compares against. Defaults equal the values in
// data/load_thresholds.yaml (each with its citation there); load_thresholds() in
// thresholds_kb.h reads that file through the knowledge base, so the two cannot drift apart
// at run time. Plain data so tests and benchmarks need no knowledge base.

namespace rk {

struct LoadThresholds {
  // Single-run spike vs the longest run of the previous 30 days (Frandsen 2025).
  double spike_window_days = 30;
  double spike_none_max_pct = 10;       // <= 10%: no spike
  double spike_small_max_pct = 30;      // > 10-30%: small
  double spike_moderate_max_pct = 100;  // > 30-100%: moderate; above: large
  double next_run_cap_factor = 1.10;    // longest of the last 30 days x 1.10
  double spike_recent_days = 14;        // the summary's "worst recent spike" window
  // Weekly distance change (Nielsen 2014): flagged as low certainty above this.
  double weekly_change_flag_pct = 30;
  // ACWR (Williams 2017 EWMA; Lolli 2019 uncoupled): context only, never an alarm.
  double acwr_acute_days = 7;
  double acwr_chronic_days = 28;
  double acwr_context_high = 1.5;  // Gabbett 2016's "danger zone", quoted with its critique
  // Foster 1998 monotony (mean / SD of 7 daily loads).
  double monotony_high = 2.0;
  // Coverage: no load signal from less history than this; gaps of this many days are stated.
  double coverage_min_days = 28;
  double gap_days = 7;
  // Running form.
  double form_recent_days = 14;
  double form_baseline_days = 90;          // the baseline: runs 15-104 days back
  double cadence_change_pct = 5;           // Heiderscheit 2011 studied +-5% and +-10%
  double cadence_medial_spm = 178;         // Thakkar 2019: lowest medial compression at >= 178
  double overstride_cadence_drop_pct = 3;  // matched-pace cadence drop read as longer steps
  double downhill_grade_pct = -3;          // steeper than this counts as downhill
  double pace_band_s_per_km = 30;          // width of the matched-pace bands
  double pace_band_min_s = 300;            // time in a band needed to compare it
  // Fitness / fatigue / form (a training view, Banister's impulse-response idea): time constants
  // of the two exponentially weighted averages of daily running distance or time.
  double fitness_days = 42;
  double fatigue_days = 7;
  // Banister TRIMP: defaults when the runner gives no heart-rate profile.
  double trimp_rest_hr = 60;
  double trimp_max_hr = 190;
  double trimp_a = 0.64;  // men's coefficients; women 0.86 and 1.67
  double trimp_b = 1.92;
};

}  // namespace rk
