// Reasons drawn from imported runs (load/summary.h) for the overuse and poor_form causes. Each
// quotes the runner's own numbers. An answer about the same thing overrides the history: the
// runner knows about runs the store may not hold (another watch, a treadmill).

#include <fmt/format.h>

#include "assess/engine.h"
#include "util/error.h"

namespace rk {
namespace {

using Out = std::vector<HistoryReason>;

void add(Out& out, double weight, std::string rule, std::string citation, std::string text) {
  out.push_back({{std::move(text), "history", std::move(rule), std::move(citation)}, weight});
}

/// A figure from data/scoring.yaml or data/load_thresholds.yaml; the knowledge module refuses to
/// load without it (required_threshold_ids), so a missing one is a bug.
double value(const KnowledgeBase& kb, std::string_view id) {
  const Threshold* t = kb.threshold(id);
  if (!t) throw InvariantError(fmt::format("threshold '{}' missing after validation", id));
  return t->value;
}

double spike_weight(const KnowledgeBase& kb, SpikeCategory category) {
  if (category == SpikeCategory::kLarge) return value(kb, "assess.history_weight_spike_large");
  if (category == SpikeCategory::kModerate)
    return value(kb, "assess.history_weight_spike_moderate");
  return value(kb, "assess.history_weight_spike_small");
}

void spike_reasons(const KnowledgeBase& kb, const TrainingSummary& t, Out& out) {
  const double limit = value(kb, "spike.none_max_pct");  // the load module's spike threshold
  const double window = value(kb, "spike.window_days"), recent = value(kb, "spike.recent_days");
  const auto& s = t.worst_recent_spike;
  if (s && s->longest_prev30_km > 0 && s->spike_pct > limit) {
    add(out, spike_weight(kb, s->category), "history.run_spike", "frandsen2025",
        fmt::format("{}'s {:.1f} km ({}) was {:.0f}% longer than your longest run in the previous "
                    "{:g} days ({:.1f} km); runs more than {:g}% beyond that carried a higher "
                    "injury rate.",
                    s->weekday, s->distance_km, s->date, s->spike_pct, window,
                    s->longest_prev30_km, limit));
  } else if (t.days_covered >= window && t.longest_prev30_km) {
    add(out, value(kb, "assess.history_weight_no_spike"), "history.no_spike", "frandsen2025",
        fmt::format("None of your runs in the last {:g} days went more than {:g}% beyond your "
                    "{:g}-day longest ({:.1f} km).",
                    recent, limit, window, *t.longest_prev30_km));
  }
}

void volume_reasons(const KnowledgeBase& kb, const TrainingSummary& t, Out& out) {
  const double limit = value(kb, "assess.history_weekly_jump_pct");
  if (t.two_week_change_pct && *t.two_week_change_pct > limit) {
    add(out, value(kb, "assess.history_weight_two_week_jump"), "history.two_week_jump", "nielsen2014_jospt",
        fmt::format("Your distance over the last 14 days was {:.0f}% above the 14 days before; "
                    "rises above {:.0f}% were tied to distance-related injuries (low certainty).",
                    *t.two_week_change_pct, limit));
  } else if (t.weekly_change_pct && *t.weekly_change_pct > limit && t.this_week_km &&
             t.previous_week_km) {
    add(out, value(kb, "assess.history_weight_weekly_jump"), "history.weekly_jump", "frandsen2025",
        fmt::format("This week's {:.1f} km is {:.0f}% above last week's {:.1f} km; week-to-week "
                    "change on its own was not linked to injury in a large cohort.",
                    *t.this_week_km, *t.weekly_change_pct, *t.previous_week_km));
  }
}

void form_reasons(const KnowledgeBase& kb, const TrainingSummary& t, const Facts& facts, Out& out) {
  if (!facts.count("cadence_spm") && t.cadence_recent_spm) {
    const double recent = *t.cadence_recent_spm;
    const double drop = value(kb, "assess.history_cadence_drop_pct");
    if (recent <= value(kb, "assess.history_low_cadence_spm"))
      add(out, value(kb, "assess.history_weight_low_cadence"), "history.low_cadence", "thakkar2019",
          fmt::format("Your recent runs average {:.0f} steps/min, the range where medial knee "
                      "compression was highest in a lab study.",
                      recent));
    if (t.cadence_baseline_spm && recent < *t.cadence_baseline_spm * (1 - drop / 100))
      add(out, value(kb, "assess.history_weight_cadence_drop"), "history.cadence_drop", "heiderscheit2011",
          fmt::format("Your cadence over the last 14 days ({:.0f} steps/min) is {:.0f}% below "
                      "your usual {:.0f} steps/min, which means longer steps.",
                      recent, (1 - recent / *t.cadence_baseline_spm) * 100,
                      *t.cadence_baseline_spm));
  }
  const double step_rise = value(kb, "assess.history_step_length_rise_pct");
  if (!facts.count("overstriding") && t.step_length_change_pct &&
      *t.step_length_change_pct > step_rise)
    add(out, value(kb, "assess.history_weight_step_length_rise"), "history.step_length_rise", "willson2014",
        fmt::format("At the same pace your steps are {:.0f}% longer than your baseline, a sign of "
                    "overstriding.",
                    *t.step_length_change_pct));
  const double downhill = value(kb, "assess.history_downhill_share_pct");
  if (!facts.count("downhill") && t.downhill_share_pct && *t.downhill_share_pct > downhill)
    add(out, value(kb, "assess.history_weight_downhill"), "history.downhill", "rk_editorial",
        fmt::format("{:.0f}% of your recent distance was downhill.", *t.downhill_share_pct));
}

}  // namespace

std::vector<HistoryReason> history_reasons(const KnowledgeBase& kb, std::string_view cause_id,
                                           const TrainingSummary& t, const Facts& facts) {
  Out out;
  if (!t.has_history) return out;
  if (cause_id == "overuse") {
    if (!facts.count("long_run_spike_pct")) spike_reasons(kb, t, out);
    if (!facts.count("weekly_change_pct")) volume_reasons(kb, t, out);
  } else if (cause_id == "poor_form") {
    form_reasons(kb, t, facts, out);
  }
  return out;
}

}  // namespace rk
