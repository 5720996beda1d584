#!/usr/bin/env bash
# Configures and builds into build/ (or $BUILD_DIR). Extra arguments go to cmake.
# BUILD_TARGETS names the targets to build (default: all).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# The web app first (embedded by CMake from web/dist), when Node.js and npm are here.
if command -v npm >/dev/null 2>&1 && [ -f web/package.json ]; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent) >/dev/null
fi
cmake -S . -B "$build_dir" -G Ninja "${launcher[@]}" "$@" >/dev/null
# shellcheck disable=SC2086
ninja -C "$build_dir" ${BUILD_TARGETS:-}
