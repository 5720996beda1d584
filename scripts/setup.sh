#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build, and run the main job on the embedded
# SQLite store (under $XDG_DATA_HOME/runknee; pass --db PATH through RUNKNEE_ARGS to override).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh -DCMAKE_BUILD_TYPE=Release -DRUNKNEE_WERROR=ON
exec build/src/cli/runknee ${RUNKNEE_ARGS:-} learn
