#!/usr/bin/env bash
# FIT decoding speed against Garmin's own JavaScript decoder, on the same files in the same run.
#   scripts/bench-fit.sh [HISTORY_DIR=/tmp/hist1] [YEARS=1]
# Makes the history with `peer make-history` when the folder is missing, builds bench/fit_bench
# (BUILD_DIR, default build-bench), runs the peer, then ours, and prints the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
hist=${1:-/tmp/hist1}
years=${2:-1}
build=${BUILD_DIR:-build-bench}
peer=$PWD/bench/peer/peer

[ -d "$hist" ] || "$peer" make-history "$hist" "$years"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRUNKNEE_TESTS=OFF >/dev/null
fi
ninja -C "$build" -j "$(nproc)" fit_bench >/dev/null

echo "== Garmin @garmin/fitsdk (peer garmin-decode $hist)"
peer_line=$("$peer" garmin-decode "$hist" | tail -1)
echo "$peer_line"
peer_mbs=$(sed -E 's/.*"mb_per_s":([0-9.]+).*/\1/' <<<"$peer_line")

echo "== runknee (bench/fit_bench)"
RUNKNEE_FIT_BENCH_DIR="$hist" "$build/bench/fit_bench" --benchmark_format=json \
  --benchmark_out="$build/fit_bench.json" --benchmark_out_format=json >/dev/null
python3 - "$build/fit_bench.json" "$peer_mbs" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
peer = float(sys.argv[2])
for b in runs:
    mbs = b["bytes_per_second"] / 1e6
    print(f"{b['name']}: {mbs:.0f} MB/s, {b['real_time']:.1f} {b['time_unit']} per pass, "
          f"{mbs / peer:.0f}x Garmin's {peer:.1f} MB/s")
PY
