// FIT decoding throughput over a folder of FIT files (default: a history made by
// `peer make-history`; see scripts/bench-fit.sh, which also runs Garmin's decoder in the same
// run). RUNKNEE_FIT_BENCH_DIR names the folder.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "formats/decode.h"

namespace {

namespace fs = std::filesystem;

// One sized read per file (util's read_file_bytes goes byte by byte through a stream iterator,
// which would dominate this measurement).
std::vector<std::uint8_t> read_whole(const fs::path& p) {
  std::vector<std::uint8_t> out;
  std::FILE* f = std::fopen(p.c_str(), "rb");
  if (!f) return out;
  std::error_code ec;
  out.resize(static_cast<std::size_t>(fs::file_size(p, ec)));
  out.resize(std::fread(out.data(), 1, out.size(), f));
  std::fclose(f);
  return out;
}

struct Files {
  std::vector<fs::path> paths;
  std::vector<std::vector<std::uint8_t>> bytes;
  std::size_t total = 0;
};

const Files& files() {
  static const Files f = [] {
    Files out;
    const char* dir = std::getenv("RUNKNEE_FIT_BENCH_DIR");
    const fs::path root = dir ? dir : "/tmp/hist1";
    if (fs::is_directory(root)) {
      for (const auto& e : fs::recursive_directory_iterator(root)) {
        std::string ext = e.path().extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
        if (ext == ".fit") out.paths.push_back(e.path());
      }
    }
    std::sort(out.paths.begin(), out.paths.end());
    for (const auto& p : out.paths) {
      auto b = read_whole(p);
      out.total += b.size();
      out.bytes.push_back(std::move(b));
    }
    return out;
  }();
  return f;
}

// Bytes already in memory: the decoder alone.
void BM_DecodeFitInMemory(benchmark::State& state) {
  const Files& f = files();
  if (f.bytes.empty()) {
    state.SkipWithError("no .fit files: set RUNKNEE_FIT_BENCH_DIR");
    return;
  }
  std::size_t records = 0;
  for (auto _ : state) {
    for (const auto& b : f.bytes) {
      auto r = rk::decode_fit(b, "bench.fit");
      if (r && !r->activities.empty()) records += r->activities[0].streams.size();
      benchmark::DoNotOptimize(r);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.total));
  state.counters["files"] = static_cast<double>(f.bytes.size());
  state.counters["records"] =
      benchmark::Counter(static_cast<double>(records), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DecodeFitInMemory)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

// Reading each file as well, like the peer (which times readFileSync + decode).
void BM_ReadAndDecodeFit(benchmark::State& state) {
  const Files& f = files();
  if (f.paths.empty()) {
    state.SkipWithError("no .fit files: set RUNKNEE_FIT_BENCH_DIR");
    return;
  }
  for (auto _ : state) {
    for (const auto& p : f.paths) {
      const auto b = read_whole(p);
      auto r = rk::decode_fit(b, p.filename().string());
      benchmark::DoNotOptimize(r);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.total));
}
BENCHMARK(BM_ReadAndDecodeFit)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
