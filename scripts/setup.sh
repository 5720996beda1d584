#!/usr/bin/env bash
# Quick start, step 1: install what is missing (Debian packages), build runknee (Release), install
# it into ~/.local (the binary in ~/.local/bin, the man page, bash completion and a systemd user
# unit), and run the main job: the web app and HTTP API on http://127.0.0.1:8080 over the embedded
# SQLite store in $XDG_DATA_HOME/runknee. Ctrl-C stops the server.
#   scripts/setup.sh [RUNKNEE_OPTIONS...]   e.g. scripts/setup.sh --db /tmp/try.db
#   scripts/setup.sh --check                the same install and build, then start the server on a
#                                           free port over a temporary store, fetch / and one API
#                                           endpoint, stop it, and exit 0 only if all of that worked
# Environment: PREFIX (default ~/.local), RUNKNEE_WERROR=ON (warnings as errors; CI sets it).
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
werror=${RUNKNEE_WERROR:-OFF}

scripts/install-deps.sh
started=$(date +%s)
BUILD_TARGETS=runknee scripts/build.sh -DCMAKE_BUILD_TYPE=Release -DRUNKNEE_WERROR="$werror"
echo "built in $(( $(date +%s) - started )) s"

if [ $check -eq 1 ]; then
  exec scripts/check-install.sh
fi

prefix=${PREFIX:-$HOME/.local}
cmake --install build --prefix "$prefix" >/dev/null
echo "installed runknee into $prefix/bin (man page, bash completion, systemd user unit beside it)"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "$prefix/bin is not on your PATH; add it with:"
     echo "  echo 'export PATH=\"$prefix/bin:\$PATH\"' >> ~/.profile && . ~/.profile" ;;
esac
exec "$prefix/bin/runknee" "$@" serve
