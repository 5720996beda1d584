#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build, and run the main job: the web app and
# HTTP API (`runknee serve`, http://127.0.0.1:8080) on the embedded SQLite store under
# $XDG_DATA_HOME/runknee. Extra arguments go to runknee before the command, e.g.
# `scripts/setup.sh --db /tmp/try.db`. Ctrl-C stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh -DCMAKE_BUILD_TYPE=Release -DRUNKNEE_WERROR=ON
exec build/src/cli/runknee "$@" serve
