#!/bin/sh
# Builds the documentation site from Docs/StorageWatch.docc and the
# symbol graphs of the library modules, and fails on any documentation
# problem:
#   1. swift-symbolgraph-extract reads the public symbols of the modules
#      the debug build left in .build/debug/Modules (run `swift build`
#      first; nothing is recompiled here);
#   2. Scripts/DocCoverage.swift fails when a public declaration lacks a
#      summary, a parameter, `- Returns:` or `- Throws:`;
#   3. docc convert --warnings-as-errors fails on a broken symbol or
#      article link and on parameters documented under the wrong name,
#      for the catalog with the four library products (AnomalyModels,
#      AccessLogs, StorageWatch, RemoteLogs) and for the two internal
#      modules (ArgumentParsing, StorageWatchCLI) on their own.
# The static site goes to OUTPUT (default .build/docs); serve it with
# `python3 -m http.server -d .build/docs` and open
# /documentation/storagewatch/.
#
# Usage: Scripts/docs.sh [SWIFT] [OUTPUT]
set -eu
SWIFT=${1:-swift}
OUTPUT=${2:-.build/docs}
LIBRARIES="AnomalyModels AccessLogs StorageWatch RemoteLogs"
INTERNAL="ArgumentParsing StorageWatchCLI"

SWIFT_PATH=$(command -v "$SWIFT")
TOOLS=$(dirname "$(readlink -f "$SWIFT_PATH")")
# The toolchain's own tools, beside its swift; else whatever PATH has.
tool() {
  if [ -x "$TOOLS/$1" ]; then echo "$TOOLS/$1"; else command -v "$1"; fi
}
DOCC=${DOCC:-$(tool docc)}
EXTRACT=$(tool swift-symbolgraph-extract)
if [ -z "$DOCC" ] || [ -z "$EXTRACT" ]; then
  echo "error: docc or swift-symbolgraph-extract not found beside $SWIFT_PATH" >&2
  exit 1
fi
BIN=$("$SWIFT" build --show-bin-path)
TRIPLE=$("$SWIFT" -print-target-info |
  sed -n 's/^ *"triple": "\(.*\)",*$/\1/p' | head -n 1)
WORK=.build/docs-work
rm -rf "$WORK"
mkdir -p "$WORK/site" "$WORK/internal"

# C modules: the system library targets' maps and the generated ones.
MAPS=""
for map in Sources/*/module.modulemap "$BIN"/*.build/module.modulemap; do
  [ -f "$map" ] && MAPS="$MAPS -Xcc -fmodule-map-file=$map"
done

for module in $LIBRARIES $INTERNAL; do
  if [ ! -f "$BIN/Modules/$module.swiftmodule" ]; then
    echo "error: $BIN/Modules/$module.swiftmodule missing; run swift build" >&2
    exit 1
  fi
  mkdir -p "$WORK/graphs/$module"
  # shellcheck disable=SC2086
  "$EXTRACT" -module-name "$module" -target "$TRIPLE" -I "$BIN/Modules" \
    $MAPS -minimum-access-level public -skip-synthesized-members \
    -skip-inherited-docs -output-dir "$WORK/graphs/$module"
done
for module in $LIBRARIES; do cp "$WORK/graphs/$module"/* "$WORK/site/"; done
for module in $INTERNAL; do cp "$WORK/graphs/$module"/* "$WORK/internal/"; done

"$SWIFT" Scripts/DocCoverage.swift "$WORK"/graphs/*

rm -rf "$OUTPUT"
"$DOCC" convert Docs/StorageWatch.docc \
  --additional-symbol-graph-dir "$WORK/site" \
  --warnings-as-errors --transform-for-static-hosting \
  --output-path "$OUTPUT"
"$DOCC" convert --additional-symbol-graph-dir "$WORK/internal" \
  --fallback-display-name StorageWatchInternal \
  --fallback-bundle-identifier org.storagewatch.internal \
  --warnings-as-errors --output-path "$WORK/internal.doccarchive"
echo "documentation site: $OUTPUT/documentation/storagewatch/index.html"
