#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and test Touchbase:
# the SQLite and zlib development files, and python3 for the protocol's reference reader.
set -euo pipefail
missing=()
for pkg in libsqlite3-dev zlib1g-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
if ! command -v swift >/dev/null 2>&1; then
  for dir in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
    [ -x "$dir/swift" ] && { echo "setup: add $dir to PATH" >&2; break; }
  done
  echo "setup: swift is not on PATH; install Swift 6 (https://swift.org/install)" >&2
  exit 1
fi
