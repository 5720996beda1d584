#!/usr/bin/env bash
# Import benchmark (issue 3): a 10-year history from the peer tool imported into a fresh store,
# then imported again (all duplicates). Wall time and peak memory come from /usr/bin/time -v.
#   BUILD_DIR=build (where runknee is)   YEARS=10   RUNS=3 (fresh imports; best and median shown)
#   HISTORY_DIR=$TMPDIR/runknee-history-10y (made with `peer make-history` when absent; slow)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
bin="$PWD/$build/src/cli/runknee"
years=${YEARS:-10}
runs=${RUNS:-3}
history=${HISTORY_DIR:-${TMPDIR:-/tmp}/runknee-history-${years}y}

[ -x "$bin" ] || { echo "no $bin: build first (scripts/build.sh or ninja -C $build runknee)"; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }
if [ ! -f "$history/truth.json" ]; then
  echo "== making a ${years}-year history in $history (Garmin's encoder; takes minutes)"
  bench/peer/peer make-history "$history" "$years"
fi
files=$(find "$history" -name '*.fit' | wc -l)
mb=$(du -sm --apparent-size "$history" | cut -f1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One import under /usr/bin/time; prints "wall_s rss_mb" and keeps runknee's summary.
measure() {
  /usr/bin/time -v "$bin" --db "$work/store.db" import --no-progress "$history" \
    >"$work/out.txt" 2>"$work/time.txt" || { cat "$work/out.txt" "$work/time.txt"; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); s = 0;
    for (i = 1; i <= length(t); i++) s = s * 60 + t[i]; print s}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time.txt")
  echo "$wall $rss"
}

echo "== $files files, $mb MB, $(nproc) cores; $runs fresh imports, then a re-import"
fresh=()
for i in $(seq "$runs"); do
  rm -f "$work"/store.db*
  sync
  read -r wall rss < <(measure)
  fresh+=("$wall $rss")
  echo "fresh import $i: ${wall} s wall, ${rss} MB peak RSS"
done
grep -E '^(imported|duplicates|skipped|failed)' "$work/out.txt" | sed 's/^/   /'
read -r rwall rrss < <(measure)
echo "re-import (all duplicates): ${rwall} s wall, ${rrss} MB peak RSS"
grep -E '^(imported|duplicates)' "$work/out.txt" | sed 's/^/   /'
db_mb=$(du -sm --apparent-size "$work"/store.db* | awk '{s += $1} END {print s}')
median=$(printf '%s\n' "${fresh[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
best=$(printf '%s\n' "${fresh[@]}" | sort -n | head -1 | cut -d' ' -f1)
peak=$(printf '%s\n' "${fresh[@]}" | sort -k2 -n | tail -1 | cut -d' ' -f2)
echo
echo "| history | fresh import (median of $runs, best) | peak RSS | re-import | store size |"
echo "|---|---|---|---|---|"
echo "| $files files, $mb MB | ${median} s (${best} s) | ${peak} MB | ${rwall} s | ${db_mb} MB |"
