#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and test Touchbase:
# the SQLite and zlib development files, python3 for the protocol's reference reader, and Python's
# icalendar for the calendar export test.
set -euo pipefail
missing=()
for pkg in libsqlite3-dev zlib1g-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
command -v python3 >/dev/null 2>&1 || missing+=(python3)
# pip, only to install icalendar below when it is missing.
if ! python3 -c "import icalendar" >/dev/null 2>&1 && ! python3 -m pip --version >/dev/null 2>&1; then missing+=(python3-pip); fi
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
# Python's icalendar parses `touchbase export ics` in the tests. Installed for the user; without a
# network an installed copy is enough, and the tests say so when it is missing.
if ! python3 -c "import icalendar" >/dev/null 2>&1; then
  echo "setup: installing the Python package icalendar for the user" >&2
  python3 -m pip install --user --quiet icalendar 2>/dev/null \
    || python3 -m pip install --user --quiet --break-system-packages icalendar \
    || echo "setup: could not install icalendar (no network?); the iCalendar parser test will say it was skipped" >&2
fi
# Tells the tests that icalendar is meant to be there, so its absence then fails them instead of
# being skipped; without a network (nothing installed) the parser test says it was skipped.
if python3 -c "import icalendar" >/dev/null 2>&1; then
  mkdir -p "$(dirname "$0")/../.build" && touch "$(dirname "$0")/../.build/setup-ran"
fi
