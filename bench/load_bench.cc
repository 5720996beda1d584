// Every load and form signal over a synthetic ten-year history: about 2,400 runs of 1 Hz
// records (time, distance, speed, altitude, heart rate, cadence). Target: under 50 ms.
//   build-d/bench/load_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>

#include "load/analysis.h"
#include "load/form.h"
#include "load/thresholds_kb.h"
#include "load/training_summary.h"

namespace {

constexpr std::int64_t kDay = 86400;

// The thresholds the program uses: data/load_thresholds.yaml as compiled in.
const rk::LoadThresholds& thresholds() {
  static const rk::LoadThresholds t = rk::load_thresholds(*rk::KnowledgeBase::load_embedded());
  return t;
}
constexpr std::int64_t kStart = 1451635200;  // 2016-01-01

rk::Activity synthetic_run(std::int64_t start, std::mt19937& rng) {
  std::uniform_real_distribution<float> speed_d(2.6f, 3.6f), len_d(1800, 4200), jitter(-1, 1);
  rk::Activity a;
  a.start_utc = start;
  a.local_offset_s = 3600;
  const float speed = speed_d(rng);
  const auto seconds = static_cast<std::size_t>(len_d(rng));
  rk::Streams& s = a.streams;
  for (auto* col :
       {&s.time_s, &s.distance_m, &s.speed_mps, &s.altitude_m, &s.heart_rate_bpm, &s.cadence_spm})
    col->resize(seconds);
  float dist = 0;
  for (std::size_t i = 0; i < seconds; ++i) {
    const float v = speed + 0.2f * jitter(rng);
    dist += v;
    s.time_s[i] = static_cast<float>(i);
    s.distance_m[i] = dist;
    s.speed_mps[i] = v;
    s.altitude_m[i] = 100 + 20 * std::sin(dist / 800);
    s.heart_rate_bpm[i] = 140 + 5 * jitter(rng);
    s.cadence_spm[i] = 165 + 4 * v + 2 * jitter(rng);
  }
  a.distance_m = dist;
  a.moving_s = a.elapsed_s = static_cast<double>(seconds);
  a.avg_heart_rate = 140;
  return a;
}

const std::vector<rk::Activity>& history() {
  static const std::vector<rk::Activity> acts = [] {
    std::mt19937 rng(1);
    std::vector<rk::Activity> out;
    for (std::int64_t d = 0; d < 3650; ++d)
      if (d % 7 != 1 && d % 7 != 4 && rng() % 16 != 0)
        out.push_back(synthetic_run(kStart + d * kDay + 25200, rng));
    return out;
  }();
  return acts;
}

const std::int64_t kNow = kStart + 3650 * kDay;

void BM_SummarizeTraining(benchmark::State& state) {
  const auto& acts = history();
  for (auto _ : state) benchmark::DoNotOptimize(rk::summarize_training(acts, kNow, thresholds()));
  state.counters["runs"] = static_cast<double>(acts.size());
}

void BM_AnalyzeLoad(benchmark::State& state) {
  const auto& acts = history();
  for (auto _ : state) benchmark::DoNotOptimize(rk::analyze_load(acts, kNow, thresholds()));
}

void BM_AnalyzeForm(benchmark::State& state) {
  const auto& acts = history();
  std::size_t samples = 0;
  for (const auto& a : acts) samples += a.streams.size();
  for (auto _ : state) benchmark::DoNotOptimize(rk::analyze_form(acts, kNow, thresholds()));
  state.counters["samples"] = static_cast<double>(samples);
}

// What `runknee load`, `runknee form` and the assessment together compute, over all ten years.
void BM_AllSignalsFullHistory(benchmark::State& state) {
  const auto& acts = history();
  for (auto _ : state) {
    benchmark::DoNotOptimize(rk::analyze_load(acts, kNow, thresholds()));
    benchmark::DoNotOptimize(rk::analyze_form(acts, kNow, thresholds()));
    benchmark::DoNotOptimize(rk::summarize_training(acts, kNow, thresholds()));
  }
}

BENCHMARK(BM_AllSignalsFullHistory)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SummarizeTraining)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AnalyzeLoad)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AnalyzeForm)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
