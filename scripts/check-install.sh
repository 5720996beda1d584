#!/usr/bin/env bash
# `scripts/setup.sh --check`, after its build: installs the build into a temporary prefix, runs the
# installed binary's --version, starts `runknee serve` from there on a free loopback port over a
# temporary store ($XDG_DATA_HOME, as a new user has it), fetches the web app and one API
# endpoint, and stops the server with SIGINT, as Ctrl-C does. Exit 0 only if every step worked.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -KILL "$server"; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "setup check FAILED: $*"; [ -f "$tmp/serve.log" ] && cat "$tmp/serve.log"; exit 1; }

cmake --install build --prefix "$tmp/prefix" >/dev/null
bin=$tmp/prefix/bin/runknee
[ -x "$bin" ] || fail "cmake --install put no runknee in $tmp/prefix/bin"
for f in share/man/man1/runknee.1 share/bash-completion/completions/runknee \
         share/systemd/user/runknee.service; do
  [ -f "$tmp/prefix/$f" ] || fail "cmake --install put no $f"
done
"$bin" --version

export XDG_DATA_HOME=$tmp/data
"$bin" serve --port 0 >"$tmp/serve.log" 2>&1 &
server=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$tmp/serve.log" | head -1 || true)
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || fail "runknee serve exited early"
  sleep 0.1
done
[ -n "$url" ] || fail "runknee serve did not print its address"
curl -fsS "$url/" | grep -qi '<html' || fail "GET / did not return the web app"
curl -fsS "$url/api/v1/health" | grep -q '"status":"ok"' || fail "GET /api/v1/health did not say ok"
[ -f "$XDG_DATA_HOME/runknee/runknee.db" ] || fail "no store at \$XDG_DATA_HOME/runknee/runknee.db"
kill -INT "$server"
status=0
wait "$server" || status=$?
server=""
[ $status -eq 0 ] || fail "runknee serve exited with status $status on SIGINT"
echo "setup check: installed, served $url (/ and /api/v1/health), stopped cleanly"
