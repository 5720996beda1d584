#include "load/form.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "model/calendar.h"
#include "load/series.h"

namespace rk {
namespace {

// A sample counts as running above a slow jog and a walking step rate; gaps longer than
// kMaxDt (auto-pause, lost signal) are not counted as time in a pace band.
constexpr double kMinSpeed = 1.5;          // m/s, about 11 min/km
constexpr double kMinCadence = 130;        // steps/min; walking is mostly below
constexpr double kMaxDt = 5;               // s
constexpr std::size_t kGradeSamples = 10;  // samples per grade stretch
constexpr double kMinRunning = 60;         // s of running samples needed for stream figures

bool ok(float v) {
  return !std::isnan(v);
}

bool has(const std::vector<float>& column, std::size_t n) {
  return n > 0 && column.size() == n;
}

struct Sums {
  double seconds = 0, meters = 0, steps = 0;
  double vo = 0, vo_s = 0, gct = 0, gct_s = 0;
};

// Consecutive samples mostly fall in the same pace band; adding each into the same memory
// slot makes every sample wait for the previous store. Four interleaved copies of the bands
// (sample i goes to copy i % 4) break that chain; they are merged at the end. Steps are kept
// as cadence x seconds and divided by 60 once.
void accumulate_samples(const Streams& s, const LoadThresholds& t, RunForm& f, Sums& sum) {
  const std::size_t n = s.size();
  const bool speed = has(s.speed_mps, n), vo = has(s.vertical_oscillation_mm, n),
             gct = has(s.stance_time_ms, n);
  const auto band_k = static_cast<float>(1000 / t.pace_band_s_per_km);
  std::array<std::array<PaceBand, kPaceBands + 1>, 4> lanes{};  // slot kPaceBands: no band
  for (std::size_t i = 1; i < n; ++i) {
    const double dt = static_cast<double>(s.time_s[i]) - s.time_s[i - 1];
    const float c = s.cadence_spm[i];
    if (dt <= 0 || dt > kMaxDt || !ok(c) || c < kMinCadence) continue;
    const double v = speed ? static_cast<double>(s.speed_mps[i]) : 0;
    if (speed && (std::isnan(v) || v < kMinSpeed)) continue;
    const std::size_t b =
        speed ? std::min(static_cast<std::size_t>(band_k / static_cast<float>(v)), kPaceBands)
              : kPaceBands;
    PaceBand& pb = lanes[i & 3][b];
    pb.seconds += dt;
    pb.meters += v * dt;
    pb.steps += c * dt;
    if (vo && ok(s.vertical_oscillation_mm[i]) && s.vertical_oscillation_mm[i] > 0) {
      sum.vo += s.vertical_oscillation_mm[i] * dt;
      sum.vo_s += dt;
    }
    if (gct && ok(s.stance_time_ms[i]) && s.stance_time_ms[i] > 0) {
      sum.gct += s.stance_time_ms[i] * dt;
      sum.gct_s += dt;
    }
  }
  for (const auto& lane : lanes)
    for (std::size_t b = 0; b <= kPaceBands; ++b) {
      const PaceBand& pb = lane[b];
      sum.seconds += pb.seconds;
      sum.meters += pb.meters;
      sum.steps += pb.steps / 60;
      if (b == kPaceBands) continue;
      f.bands[b].seconds += pb.seconds;
      f.bands[b].meters += pb.meters;
      f.bands[b].steps += pb.steps / 60;
    }
}

// Grade over stretches of kGradeSamples samples (about 30 m at 1 Hz running pace): long
// enough to smooth barometric noise, and a fixed stride keeps the loop free of unpredictable
// branches (stepping by distance cost a third of the form analysis in mispredictions).
std::optional<double> downhill_share(const Streams& s, const LoadThresholds& t) {
  const std::size_t n = s.size();
  if (!has(s.distance_m, n) || !has(s.altitude_m, n)) return std::nullopt;
  const double limit = t.downhill_grade_pct / 100;
  double total = 0, down = 0;
  for (std::size_t i = kGradeSamples; i < n; i += kGradeSamples) {
    const double dd = static_cast<double>(s.distance_m[i]) - s.distance_m[i - kGradeSamples];
    const double da = static_cast<double>(s.altitude_m[i]) - s.altitude_m[i - kGradeSamples];
    if (!(dd > 0) || std::isnan(da)) continue;  // also skips NaN distances
    total += dd;
    down += da < limit * dd ? dd : 0;
  }
  if (total <= 0) return std::nullopt;
  return down / total * 100;
}

void fill_from_averages(const Activity& a, RunForm& f) {
  f.cadence_spm = a.avg_cadence_spm;
  const double d = duration_s(a);
  if (a.distance_m > 0 && d > 0) f.speed_mps = a.distance_m / d;
  if (a.avg_step_length_m)
    f.step_length_m = a.avg_step_length_m;
  else if (f.cadence_spm && *f.cadence_spm > 0 && f.speed_mps)
    f.step_length_m = *f.speed_mps * 60 / *f.cadence_spm;
  f.vertical_oscillation_mm = a.avg_vertical_oscillation_mm;
  f.stance_time_ms = a.avg_stance_time_ms;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

std::optional<double> median_of(const std::vector<const RunForm*>& runs,
                                std::optional<double> RunForm::*field) {
  std::vector<double> values;
  for (const RunForm* r : runs)
    if (r->*field) values.push_back(*(r->*field));
  if (values.empty()) return std::nullopt;
  return median(std::move(values));
}

std::array<PaceBand, kPaceBands> pooled(const std::vector<const RunForm*>& runs) {
  std::array<PaceBand, kPaceBands> out{};
  for (const RunForm* r : runs)
    for (std::size_t b = 0; b < kPaceBands; ++b) {
      out[b].seconds += r->bands[b].seconds;
      out[b].meters += r->bands[b].meters;
      out[b].steps += r->bands[b].steps;
    }
  return out;
}

void compare_matched(const std::vector<const RunForm*>& recent,
                     const std::vector<const RunForm*>& base, const LoadThresholds& t,
                     FormComparison& c) {
  const auto r = pooled(recent), b = pooled(base);
  double weight = 0, cad = 0, step = 0;
  for (std::size_t k = 0; k < kPaceBands; ++k) {
    if (r[k].seconds < t.pace_band_min_s || b[k].seconds < t.pace_band_min_s) continue;
    if (r[k].steps <= 0 || b[k].steps <= 0) continue;
    const double cad_r = r[k].steps / r[k].seconds, cad_b = b[k].steps / b[k].seconds;
    const double step_r = r[k].meters / r[k].steps, step_b = b[k].meters / b[k].steps;
    cad += (cad_r / cad_b - 1) * r[k].seconds;
    step += (step_r / step_b - 1) * r[k].seconds;
    weight += r[k].seconds;
    ++c.bands_compared;
  }
  if (weight <= 0) return;
  c.cadence_matched_change_pct = cad / weight * 100;
  c.step_length_matched_change_pct = step / weight * 100;
  c.overstride_proxy = *c.cadence_matched_change_pct <= -t.overstride_cadence_drop_pct &&
                       *c.step_length_matched_change_pct > 0;
}

void summarize_recent(const std::vector<const RunForm*>& recent, FormComparison& c) {
  double meters = 0, down = 0;
  for (const RunForm* r : recent)
    if (r->downhill_share_pct) {
      meters += r->distance_m;
      down += r->distance_m * *r->downhill_share_pct / 100;
    }
  if (meters > 0) c.downhill_recent_pct = down / meters * 100;
  c.vertical_oscillation_recent_mm = median_of(recent, &RunForm::vertical_oscillation_mm);
  c.stance_time_recent_ms = median_of(recent, &RunForm::stance_time_ms);
}

std::vector<Flag> form_flags(const FormComparison& c, const LoadThresholds& t) {
  std::vector<Flag> flags;
  if (c.cadence_matched_change_pct && *c.cadence_matched_change_pct <= -t.cadence_change_pct)
    flags.push_back({"form.cadence_drop",
                     fmt::format("at the same pace, recent cadence is {:.1f}% below your own "
                                 "baseline; higher step rates lower knee loading in lab studies",
                                 *c.cadence_matched_change_pct),
                     "low", "heiderscheit2011"});
  if (c.overstride_proxy)
    flags.push_back({"form.overstride_proxy",
                     fmt::format("at the same pace, steps are {:.1f}% longer and cadence {:.1f}% "
                                 "lower than your baseline: consistent with overstriding, which "
                                 "a watch can only infer",
                                 *c.step_length_matched_change_pct, *c.cadence_matched_change_pct),
                     "low", "heiderscheit2011"});
  return flags;
}

std::vector<std::string> cannot_see(const std::vector<RunForm>& runs) {
  bool cadence = false, pod = false;
  for (const RunForm& r : runs) {
    cadence = cadence || r.cadence_spm.has_value();
    pod = pod || r.stance_time_ms.has_value();
  }
  std::vector<std::string> out = {"hip strength"};
  out.emplace_back(pod ? "foot pronation (running dynamics do not measure it)"
                       : "foot pronation (no foot pod)");
  out.emplace_back("knee alignment and where the foot lands (overstriding is only inferred)");
  if (!cadence) out.emplace_back("cadence (the files hold none)");
  return out;
}

}  // namespace

RunForm run_form(const Activity& a, const LoadThresholds& t, const FormOptions& o) {
  RunForm f;
  f.start_utc = a.start_utc;
  f.day = local_day(a);
  f.distance_m = a.distance_m;
  const Streams& s = a.streams;
  Sums sum;
  if (has(s.cadence_spm, s.size())) accumulate_samples(s, t, f, sum);
  if (sum.seconds >= kMinRunning) {
    f.from_streams = true;
    f.cadence_spm = sum.steps * 60 / sum.seconds;
    if (sum.meters > 0) {
      f.speed_mps = sum.meters / sum.seconds;
      f.step_length_m = sum.meters / sum.steps;
    }
    if (sum.vo_s > 0) f.vertical_oscillation_mm = sum.vo / sum.vo_s;
    if (sum.gct_s > 0) f.stance_time_ms = sum.gct / sum.gct_s;
  } else {
    f.bands = {};
    fill_from_averages(a, f);
  }
  if (!f.vertical_oscillation_mm) f.vertical_oscillation_mm = a.avg_vertical_oscillation_mm;
  if (!f.stance_time_ms) f.stance_time_ms = a.avg_stance_time_ms;
  if (f.step_length_m && o.height_m && *o.height_m > 0)
    f.step_length_height_pct = *f.step_length_m / *o.height_m * 100;
  f.downhill_share_pct = downhill_share(s, t);
  return f;
}

FormReport analyze_form(const std::vector<Activity>& activities, std::int64_t now_utc,
                        const LoadThresholds& t, const FormOptions& o) {
  FormReport rep;
  for (std::size_t i : chronological_order(activities)) {
    if (!is_running(activities[i])) continue;
    if (o.since_utc && activities[i].start_utc < *o.since_utc) continue;
    rep.runs.push_back(run_form(activities[i], t, o));
    rep.runs.back().index = i;
  }
  const auto recent_from = now_utc - static_cast<std::int64_t>(t.form_recent_days * 86400);
  const auto base_from = recent_from - static_cast<std::int64_t>(t.form_baseline_days * 86400);
  std::vector<const RunForm*> recent, base;
  for (const RunForm& r : rep.runs) {
    if (r.start_utc >= recent_from && r.start_utc <= now_utc) recent.push_back(&r);
    if (r.start_utc >= base_from && r.start_utc < recent_from) base.push_back(&r);
  }
  FormComparison& c = rep.comparison;
  c.recent_runs = static_cast<int>(recent.size());
  c.baseline_runs = static_cast<int>(base.size());
  c.cadence_recent_spm = median_of(recent, &RunForm::cadence_spm);
  c.cadence_baseline_spm = median_of(base, &RunForm::cadence_spm);
  compare_matched(recent, base, t, c);
  summarize_recent(recent, c);
  rep.flags = form_flags(c, t);
  rep.cannot_see = cannot_see(rep.runs);
  return rep;
}

}  // namespace rk
