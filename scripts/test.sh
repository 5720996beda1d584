#!/usr/bin/env bash
# Quick start, step 2: the whole test suite. Stages:
#   1. the Release build that scripts/setup.sh makes (same folder, same options), every CTest test
#   2. AddressSanitizer + UndefinedBehaviorSanitizer build, every CTest test again
#   3. libFuzzer targets built with clang, each run for a short fixed time
#   4. browser tests (playwright-core driving Debian's chromium)
#   5. the Debian package: cpack -G DEB, unpacked with dpkg -x, its binary run from there
# Set RUNKNEE_TEST_STAGES="1 5" to run a subset. Warnings are errors when RUNKNEE_WERROR=ON or
# CI=true (CI's builds); a user's build never fails on a compiler warning.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
stages=${RUNKNEE_TEST_STAGES:-"1 2 3 4 5"}
jobs=$(nproc)
werror=${RUNKNEE_WERROR:-OFF}
[ "${CI:-}" = "true" ] && werror=ON

run_ctest() {
  (cd "$1" && ctest --output-on-failure -j "$jobs" --timeout 600)
}

for stage in $stages; do
  case $stage in
    1)
      echo "== stage 1: Release build (as scripts/setup.sh makes it), all tests"
      BUILD_DIR=build scripts/build.sh -DCMAKE_BUILD_TYPE=Release -DRUNKNEE_WERROR="$werror"
      run_ctest build
      ;;
    2)
      echo "== stage 2: ASan + UBSan build, all tests"
      # Warnings are CI's gate on the Release build (stage 1), the build users get; this stage
      # is for the sanitizers, so a warning only the instrumented build shows does not stop it.
      BUILD_DIR=build-asan scripts/build.sh -DCMAKE_BUILD_TYPE=Debug -DRUNKNEE_SANITIZE=ON \
        -DRUNKNEE_WERROR=OFF -DRUNKNEE_BENCH=OFF
      ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 run_ctest build-asan
      ;;
    3)
      echo "== stage 3: fuzz targets, short fixed runs"
      fuzz/run.sh
      ;;
    4)
      echo "== stage 4: browser tests"
      tests/browser/run.sh
      ;;
    5)
      echo "== stage 5: Debian package"
      BUILD_DIR=build BUILD_TARGETS=runknee scripts/build.sh -DCMAKE_BUILD_TYPE=Release \
        -DRUNKNEE_WERROR="$werror"
      scripts/check-deb.sh build
      ;;
  esac
done
