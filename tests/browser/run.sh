#!/usr/bin/env bash
# Browser tests (scripts/test.sh stage 4): starts the built `runknee serve` on a free loopback
# port with a fresh store, runs the playwright-core tests against Debian's /usr/bin/chromium
# with node's test runner, and stops the server. Builds nothing but `npm ci` here.
#   RUNKNEE_BINARY     the CLI (default: build/src/cli/runknee)
#   RUNKNEE_CORPUS     sample activity files (default: tests/data/corpus)
#   RUNKNEE_KNOWLEDGE  optional --knowledge folder for the server
#   RUNKNEE_SCREENSHOTS where the tests' screenshots go (default: build/screenshots, so a test run
#                      leaves the checkout clean; RUNKNEE_SCREENSHOTS=docs/screenshots refreshes the
#                      images the docs show)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${RUNKNEE_BINARY:-$repo/build/src/cli/runknee}
export RUNKNEE_CORPUS=${RUNKNEE_CORPUS:-$repo/tests/data/corpus}
export RUNKNEE_SCREENSHOTS=$(realpath -m "${RUNKNEE_SCREENSHOTS:-$repo/build/screenshots}")

[ -x /usr/bin/chromium ] || { echo "browser tests: /usr/bin/chromium missing (scripts/install-deps.sh --test)"; exit 1; }
[ -x "$bin" ] || { echo "browser tests: $bin not built (scripts/build.sh)"; exit 1; }
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

tmp=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

knowledge=()
[ -n "${RUNKNEE_KNOWLEDGE:-}" ] && knowledge=(--knowledge "$RUNKNEE_KNOWLEDGE")
XDG_CONFIG_HOME="$tmp/config" "$bin" --db "$tmp/runknee.db" "${knowledge[@]}" serve --port 0 >"$tmp/server.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$tmp/server.log" | head -n 1 || true)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "browser tests: the server did not start:"
  cat "$tmp/server.log"
  exit 1
fi
for _ in $(seq 1 50); do
  curl -fsS "${url}api/v1/health" >/dev/null 2>&1 && break
  sleep 0.1
done
echo "browser tests: server at $url"
export RUNKNEE_URL=$url
export RUNKNEE_BINARY=$bin
export RUNKNEE_PROFILE_DIR=$tmp/profile
mkdir -p "$RUNKNEE_PROFILE_DIR"
mkdir -p "$RUNKNEE_SCREENSHOTS"
cd "$here"
status=0
node --test --test-concurrency=1 ./*.test.mjs || status=$?
if [ $status -ne 0 ]; then
  echo "--- server log"
  tail -n 50 "$tmp/server.log"
fi
exit $status
