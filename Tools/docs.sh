#!/usr/bin/env bash
# Builds the client kit's documentation (Sources/TouchbaseKit/TouchbaseKit.docc) with the
# toolchain's `docc`, without a package plugin (Package.swift keeps its dependencies):
# builds TouchbaseKit, extracts its public symbol graph, and converts the catalog.
#
#   Tools/docs.sh [output.doccarchive]      (default .build/docs/TouchbaseKit.doccarchive)
#
# Fails on any DocC warning (a link to a missing symbol, a broken topic).
# SWIFT (default `swift`) and DOCC (default: `docc` next to swift, else on PATH) pick the tools;
# SWIFT_BUILD_FLAGS are added to the build (e.g. --ignore-lock).
set -euo pipefail
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}
out=${1:-.build/docs/TouchbaseKit.doccarchive}
docc=${DOCC:-}
if [ -z "$docc" ]; then
  docc="$(dirname "$(command -v "$swift")")/docc"
  [ -x "$docc" ] || docc=$(command -v docc || xcrun --find docc)
fi

$swift build ${SWIFT_BUILD_FLAGS:-} --target TouchbaseKit
bin=$($swift build ${SWIFT_BUILD_FLAGS:-} --show-bin-path)
triple=$($swift -print-target-info | sed -n 's/.*"triple": *"\([^"]*\)".*/\1/p' | head -1)

# The C modules the kit's dependencies import (zlib, SQLite, BoringSSL), by their module maps.
includes=(-I "$bin/Modules" -I "$bin")
while IFS= read -r map; do includes+=(-I "$(dirname "$map")"); done \
  < <(find Sources .build/checkouts -name module.modulemap -not -path '*/SQLiteCustom/*' -not -path '*/Support/*' 2>/dev/null)

graphs=.build/docs/symbol-graphs
rm -rf "$graphs" "$out"
mkdir -p "$graphs" "$(dirname "$out")"
$swift symbolgraph-extract -module-name TouchbaseKit -target "$triple" "${includes[@]}" \
  -minimum-access-level public -output-dir "$graphs" \
  -experimental-allowed-reexported-modules=TouchbaseCore,TouchbaseExchange,TouchbaseSync

"$docc" convert Sources/TouchbaseKit/TouchbaseKit.docc \
  --additional-symbol-graph-dir "$graphs" \
  --fallback-display-name TouchbaseKit --fallback-bundle-identifier org.touchbase.TouchbaseKit \
  --output-path "$out" --warnings-as-errors
echo "Documentation: $out (open it with: $docc preview Sources/TouchbaseKit/TouchbaseKit.docc --additional-symbol-graph-dir $graphs)"
