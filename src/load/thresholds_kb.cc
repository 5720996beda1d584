#include "load/thresholds_kb.h"

namespace rk {

LoadThresholds load_thresholds(const KnowledgeBase& kb) {
  LoadThresholds t;
  auto take = [&](const char* id, double& field) { field = kb.threshold_or(id, kFromData); };
  take("spike.window_days", t.spike_window_days);
  take("spike.none_max_pct", t.spike_none_max_pct);
  take("spike.small_max_pct", t.spike_small_max_pct);
  take("spike.moderate_max_pct", t.spike_moderate_max_pct);
  take("spike.recent_days", t.spike_recent_days);
  take("weekly.change_flag_pct", t.weekly_change_flag_pct);
  take("acwr.acute_days", t.acwr_acute_days);
  take("acwr.chronic_days", t.acwr_chronic_days);
  take("acwr.context_high", t.acwr_context_high);
  take("monotony.high", t.monotony_high);
  take("coverage.min_days", t.coverage_min_days);
  take("coverage.gap_days", t.gap_days);
  take("form.recent_days", t.form_recent_days);
  take("form.baseline_days", t.form_baseline_days);
  take("form.cadence_change_pct", t.cadence_change_pct);
  take("form.cadence_medial_spm", t.cadence_medial_spm);
  take("form.overstride_cadence_drop_pct", t.overstride_cadence_drop_pct);
  take("form.downhill_grade_pct", t.downhill_grade_pct);
  take("fitness.fitness_days", t.fitness_days);
  take("fitness.fatigue_days", t.fatigue_days);
  take("trimp.rest_hr", t.trimp_rest_hr);
  take("trimp.max_hr", t.trimp_max_hr);
  // The next run stays out of the spike categories: the same threshold, not a second figure.
  t.next_run_cap_factor = 1 + t.spike_none_max_pct / 100;
  return t;
}

}  // namespace rk
