#!/usr/bin/env bash
# Quick start, step 2: the whole test suite. Stages:
#   1. release build with warnings as errors, every CTest test
#   2. AddressSanitizer + UndefinedBehaviorSanitizer build, every CTest test again
#   3. libFuzzer targets built with clang, each run for a short fixed time
#   4. browser tests (playwright-core driving Debian's chromium), when the web app is present
# Set RUNKNEE_TEST_STAGES="1 2" to run a subset.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
stages=${RUNKNEE_TEST_STAGES:-"1 2 3 4"}
jobs=$(nproc)

run_ctest() {
  (cd "$1" && ctest --output-on-failure -j "$jobs" --timeout 600)
}

for stage in $stages; do
  case $stage in
    1)
      echo "== stage 1: release build, warnings as errors, all tests"
      BUILD_DIR=build scripts/build.sh -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRUNKNEE_WERROR=ON
      run_ctest build
      ;;
    2)
      echo "== stage 2: ASan + UBSan build, all tests"
      BUILD_DIR=build-asan scripts/build.sh -DCMAKE_BUILD_TYPE=Debug -DRUNKNEE_SANITIZE=ON \
        -DRUNKNEE_WERROR=ON -DRUNKNEE_BENCH=OFF
      ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 run_ctest build-asan
      ;;
    3)
      echo "== stage 3: fuzz targets, short fixed runs"
      if [ -f fuzz/run.sh ]; then fuzz/run.sh; else echo "no fuzz targets yet"; fi
      ;;
    4)
      echo "== stage 4: browser tests"
      if [ -f tests/browser/run.sh ]; then tests/browser/run.sh; else echo "no web app yet"; fi
      ;;
  esac
done
