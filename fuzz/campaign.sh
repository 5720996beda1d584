#!/usr/bin/env bash
# A long fuzzing campaign measured in CPU time, not wall time, so it can run at low priority beside
# other work and be resumed: each target fuzzes in chunks until its accumulated CPU time (user +
# system of the fuzzer process, summed over every chunk and every earlier run) reaches the goal.
# The corpus and the running total live in the campaign folder, outside the repository.
#   FUZZ_CPU_SECONDS=3600 (goal per target)   FUZZ_CHUNK_SECONDS=600 (wall time per chunk)
#   FUZZ_TARGETS="csv_fuzz ..." (default: the front-door targets)   FUZZ_CAMPAIGN_DIR=build-fuzz/campaign
#   FUZZ_BUILD_DIR=build-fuzz (must already hold the targets: fuzz/run.sh builds them)
#   FUZZ_TIMEOUT=60: libFuzzer's per-input timeout is wall time, and a fuzzer at nice 19 beside
#   compilers can wait seconds for a core; 60 s still catches a hang without crying wolf.
# Prints one line per chunk; the summary file campaign.tsv holds target, cpu seconds, runs, crashes.
set -euo pipefail
cd "$(dirname "$0")/.."
goal=${FUZZ_CPU_SECONDS:-3600}
chunk=${FUZZ_CHUNK_SECONDS:-600}
timeout=${FUZZ_TIMEOUT:-60}
build=${FUZZ_BUILD_DIR:-build-fuzz}
campaign=${FUZZ_CAMPAIGN_DIR:-$build/campaign}
targets=${FUZZ_TARGETS:-answers_json_fuzz diary_json_fuzz koos_json_fuzz csv_fuzz http_fuzz}

seed_folder() {  # the seed folder fuzz/targets.txt names for a target
  local seeds
  seeds=$(awk -v t="$1" '$1 == t {print $2}' fuzz/targets.txt)
  case "$seeds" in fuzz/*) echo "$PWD/$seeds" ;; *) echo "$PWD/tests/data/corpus/$seeds" ;; esac
}

read_total() { [ -f "$1" ] && cat "$1" || echo 0; }

fuzz_one() {
  local target=$1 work=$campaign/$1
  mkdir -p "$work/corpus" "$work/artifacts"
  if [ -z "$(ls -A "$work/corpus")" ]; then
    find "$(seed_folder "$target")" -type f -size -300k -exec cp {} "$work/corpus/" \;
  fi
  local total runs=0
  total=$(read_total "$work/cpu_seconds")
  while awk -v t="$total" -v g="$goal" 'BEGIN { exit !(t < g) }'; do
    local log=$work/chunk-$(date +%s).log cpu status=0
    TIMEFORMAT='%3U %3S'
    cpu=$( { time "$build/fuzz/$target" "$work/corpus" -max_total_time="$chunk" -timeout="$timeout" \
        -rss_limit_mb=2048 -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
        >"$log" 2>&1 || echo "exit $?" >"$work/last_status"; } 2>&1 )
    [ -f "$work/last_status" ] && status=1 && rm -f "$work/last_status"
    total=$(awk -v t="$total" -v c="$cpu" 'BEGIN { split(c, p, " "); printf "%.1f", t + p[1] + p[2] }')
    echo "$total" >"$work/cpu_seconds"
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}')
    echo "$runs" >>"$work/runs"
    echo "$target: chunk cpu ${cpu/ /+} s, total ${total} s, ${runs:-0} runs, corpus $(ls "$work/corpus" | wc -l)"
    if [ $status -ne 0 ]; then
      echo "CRASH $target: see $log and $work/artifacts/"; tail -30 "$log"; return 1
    fi
  done
}

summarise() {
  printf 'target\tcpu_seconds\truns\tcrashes\n' >"$campaign/campaign.tsv"
  for target in $targets; do
    local work=$campaign/$target
    printf '%s\t%s\t%s\t%s\n' "$target" "$(read_total "$work/cpu_seconds")" \
      "$(awk '{s += $1} END {print s + 0}' "$work/runs" 2>/dev/null || echo 0)" \
      "$(ls "$work/artifacts" 2>/dev/null | wc -l)" >>"$campaign/campaign.tsv"
  done
  column -t "$campaign/campaign.tsv"
}

mkdir -p "$campaign"
status=0
for target in $targets; do fuzz_one "$target" || status=1; done
summarise
exit $status
