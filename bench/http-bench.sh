#!/usr/bin/env bash
# HTTP API latency over a ten-year history (docs/PERFORMANCE.md, "HTTP API and web app").
#   1. a ten-year history from bench/peer (`peer make-history`), imported into a temp store
#   2. `runknee serve` on a free loopback port; one warm-up request per endpoint
#   3. wrk (Debian's) against each read endpoint at a fixed rate: Debian's wrk has no -R, so
#      bench/wrk-rate.lua paces every connection with wrk's delay() hook; the rate achieved is
#      printed beside the latency percentiles
#   4. the web app's JavaScript and CSS, gzipped
# Environment: RUNKNEE_BINARY (build/src/cli/runknee), YEARS (10), RATE (500 requests/s),
# DURATION (20 s per endpoint), CONNECTIONS (10), RUNKNEE_BENCH_DIR (reuse a generated history).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
bin=${RUNKNEE_BINARY:-$repo/build/src/cli/runknee}
years=${YEARS:-10}
rate=${RATE:-500}
duration=${DURATION:-20}
conns=${CONNECTIONS:-10}

work=${RUNKNEE_BENCH_DIR:-${TMPDIR:-/tmp}/runknee-http-bench}
command -v wrk >/dev/null || { echo "wrk missing: scripts/install-deps.sh --test"; exit 1; }
[ -x "$bin" ] || { echo "$bin not built"; exit 1; }
mkdir -p "$work"

history=$work/history-$years
if [ ! -f "$history/truth.json" ]; then
  echo "== generating a $years-year history into $history"
  "$repo/bench/peer/peer" make-history "$history" "$years" 1 >/dev/null
fi
db=$work/bench.db
rm -f "$db" "$db-wal" "$db-shm"
echo "== importing $(find -L "$history" -name '*.fit' | wc -l) files"
/usr/bin/time -f "import: %e s, %M KiB max RSS" "$bin" --db "$db" import --no-progress "$history" >/dev/null

log=$work/server.log
"$bin" --db "$db" serve --port 0 >"$log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n 1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$log"; exit 1; }
id=$(curl -fsS "$url/api/v1/activities?limit=1" | sed -n 's/.*"id":\([0-9]*\).*/\1/p' | head -n 1)
endpoints=(
  "/api/v1/activities?limit=100"
  "/api/v1/activities/$id?points=600"
  "/api/v1/load?weeks=26"
  "/api/v1/load/spikes?weeks=26"
  "/api/v1/load/chart.svg?weeks=26"
  "/api/v1/form?weeks=26"
  "/api/v1/today"
  "/api/v1/questions"
)
echo "== warm-up (first request computes and caches per store revision)"
for e in "${endpoints[@]}"; do
  t=$(curl -fsS -o /dev/null -w '%{time_total}' "$url$e")
  printf '  %-40s first request %6.1f ms\n' "$e" "$(echo "$t * 1000" | bc)"
done

delay_ms=$(echo "scale=3; 1000 * $conns / $rate" | bc)
echo "== wrk: $conns connections, each pausing ${delay_ms} ms between requests (target $rate req/s), ${duration} s per endpoint"
printf '| endpoint | req/s achieved | p50 | p90 | p99 | max | errors |\n|---|---|---|---|---|---|---|\n'
for e in "${endpoints[@]}"; do
  out=$(DELAY_MS=$delay_ms wrk -t2 -c"$conns" -d"${duration}s" --latency -s "$here/wrk-rate.lua" "$url$e")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p90=$(echo "$out" | awk '$1=="90%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  max=$(echo "$out" | awk '/Latency/ && !/Distribution/ {print $4; exit}')
  errs=$(echo "$out" | awk '/Non-2xx|Socket errors/ {printf "%s ", $0}')
  printf '| `%s` | %s | %s | %s | %s | %s | %s |\n' "$e" "$rps" "$p50" "$p90" "$p99" "$max" "${errs:-0}"
done

echo "== web app bundle"
for f in "$repo"/web/dist/assets/app.js "$repo"/web/dist/assets/app.css; do
  [ -f "$f" ] && printf '  %-12s %7d bytes, %6d bytes gzipped (-9)\n' "$(basename "$f")" \
    "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
done
