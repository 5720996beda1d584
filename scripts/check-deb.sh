#!/usr/bin/env bash
# Builds the Debian package from a configured build folder (cpack -G DEB) and checks it as a
# packager would: its Depends come from dpkg-shlibdeps, it holds the binary, the man page, the
# bash completion and the systemd user unit, and its binary, unpacked with dpkg -x into a
# temporary root, prints its version and runs an assessment.
#   scripts/check-deb.sh [BUILD_DIR=build]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
(cd "$build" && cpack -G DEB >/dev/null)
version=$(sed -nE 's/^project\(runknee VERSION ([0-9.]+).*/\1/p' CMakeLists.txt)
deb=$build/runknee_${version}_$(dpkg --print-architecture).deb
[ -f "$deb" ] || { echo "no $deb after cpack"; exit 1; }
echo "built $deb ($(du -k "$deb" | cut -f1) KiB)"
depends=$(dpkg-deb --field "$deb" Depends)
echo "Depends: $depends"
for lib in libsqlite3 libzip libstdc++6; do
  grep -q "$lib" <<<"$depends" || { echo "Depends lacks $lib: shlibdeps did not run"; exit 1; }
done
contents=$(dpkg-deb --contents "$deb")
for f in ./usr/bin/runknee ./usr/share/man/man1/runknee.1 \
         ./usr/share/bash-completion/completions/runknee ./usr/lib/systemd/user/runknee.service; do
  grep -q " $f\$" <<<"$contents" || { echo "the package lacks $f"; exit 1; }
done
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root"
grep -q '^ExecStart=/usr/bin/runknee serve' "$root/usr/lib/systemd/user/runknee.service" \
  || { echo "the user unit does not start /usr/bin/runknee"; exit 1; }
"$root/usr/bin/runknee" --version
"$root/usr/bin/runknee" --db "$root/store.db" assess --answers examples/answers-overuse.json \
  --format json >"$root/result.json"
grep -q '"urgency"' "$root/result.json" || { echo "the packaged binary gave no assessment"; exit 1; }
echo "package check: $deb installs, runs --version and an assessment"
