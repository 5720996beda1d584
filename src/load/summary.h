#pragma once
// What the training history says, boiled down for the assessment (assess/) and the plans
// (plan/). Computed by load/ from stored activities; plain data so that it can also come from
// answers ("override") or tests. Every figure is optional: absent means "not enough data",
// and `coverage_note` says why.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "load/signals.h"

namespace rk {

/// One run measured against the longest run of the previous 30 days (Frandsen 2025).
struct RunSpike {
  std::int64_t activity_id = 0;
  std::int64_t start_utc = 0;
  std::string date;     // local calendar date, "2026-11-17"
  std::string weekday;  // "Tuesday"
  double distance_km = 0;
  double longest_prev30_km = 0;  // 0 when no run in the previous 30 days
  double spike_pct = 0;          // distance / longest_prev30 - 1, in percent
  // none, small, moderate or large by data/load_thresholds.yaml's spike.*_max_pct; named only
  // at the edges (category_name: the JSON's "category")
  SpikeCategory category = SpikeCategory::kUnknown;
};

struct TrainingSummary {
  bool has_history = false;
  int days_covered = 0;  // days from the first to the last stored run
  int runs_last_28d = 0;
  std::string coverage_note;                     // e.g. "only 12 days of history: spikes need 30"
  std::optional<RunSpike> worst_recent_spike;    // largest spike in the last 14 days
  std::optional<double> longest_prev30_km;       // longest run in the 30 days before today
  std::optional<double> next_run_cap_km;         // longest_prev30_km * 1.10
  std::optional<double> this_week_km;            // the last 7 days
  std::optional<double> previous_week_km;        // the 7 days before that
  std::optional<double> weekly_change_pct;       // one-week change
  std::optional<double> two_week_change_pct;     // last 14 days vs the 14 before
  std::optional<double> acwr_ewma;               // descriptive only (Williams 2017)
  std::optional<double> acwr_uncoupled;          // descriptive only (Lolli 2019)
  std::optional<double> cadence_recent_spm;      // median of the last 14 days' runs
  std::optional<double> cadence_baseline_spm;    // the runner's own earlier baseline
  std::optional<double> step_length_change_pct;  // recent vs baseline at matched pace
  std::optional<double> downhill_share_pct;      // share of recent distance run downhill
  std::vector<std::string> cannot_see;           // "hip strength", "foot pronation (no foot pod)"
};

}  // namespace rk
