#!/usr/bin/env bash
# Installs what runknee needs from Debian's packages, only what is missing.
#   scripts/install-deps.sh           build and run dependencies
#   scripts/install-deps.sh --test    also what the test suite needs (clang for fuzzing, chromium)
set -euo pipefail
packages=(g++ cmake ninja-build pkg-config ccache git
  libfmt-dev nlohmann-json3-dev libpugixml-dev libsqlite3-dev libzip-dev zlib1g-dev
  libyaml-cpp-dev libcli11-dev libcpp-httplib-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcairo2-dev curl)
if [ "${1:-}" = "--test" ]; then
  packages+=(clang libclang-rt-14-dev chromium wrk hyperfine dpkg-dev file)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
