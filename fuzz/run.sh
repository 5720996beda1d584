#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build-fuzz and runs each for a fixed time,
# seeded from the sample files in tests/data/corpus and the checked-in seeds under fuzz/corpus. Adding a decoder's target is one line in fuzz/CMakeLists.txt
# (rk_fuzz_target) and one in fuzz/targets.txt.
#   FUZZ_SECONDS=20 (per target)   FUZZ_TARGETS="fit_fuzz ..." (default: all in targets.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-20}
build=${FUZZ_BUILD_DIR:-build-fuzz}
corpus=$PWD/tests/data/corpus

mapfile -t lines < <(grep -v '^\s*#' fuzz/targets.txt | grep -v '^\s*$')
targets=${FUZZ_TARGETS:-$(printf '%s\n' "${lines[@]}" | awk '{print $1}' | tr '\n' ' ')}

CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRUNKNEE_FUZZ=ON -DRUNKNEE_TESTS=OFF -DRUNKNEE_BENCH=OFF >/dev/null
# shellcheck disable=SC2086
ninja -C "$build" -j "$(nproc)" $targets

status=0
for line in "${lines[@]}"; do
  read -r target seeds _ <<<"$line"
  case " $targets " in *" $target "*) ;; *) continue ;; esac
  work="$build/fuzz-work/$target"
  rm -rf "$work" && mkdir -p "$work/corpus" "$work/artifacts"
  # A seed folder starting with fuzz/ is the target's own checked-in corpus; any other is under
  # tests/data/corpus. Nothing outside the repository seeds a run.
  case "$seeds" in fuzz/*) seed_dir=$PWD/$seeds ;; *) seed_dir=$corpus/$seeds ;; esac
  find "$seed_dir" -type f -size -300k -exec cp {} "$work/corpus/" \; 2>/dev/null || true
  echo "== $target: ${seconds}s, $(ls "$work/corpus" | wc -l) seeds"
  if ! "$build/fuzz/$target" "$work/corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$work/artifacts/" -print_final_stats=1 >"$work/log.txt" 2>&1; then
    echo "FAIL $target: see $work/log.txt and $work/artifacts/"
    tail -30 "$work/log.txt"
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/log.txt" | sed 's/^/   /'
  fi
done
exit $status
