#!/bin/sh
# Runs the remote-input tests (RemoteLogsTests.LoopbackServerTests and
# CLITests.RemoteDetectTests) against loopback object-store servers:
# moto's S3, gcp-storage-emulator and the small Azure Blob server in
# Tests/RemoteServers/servers.py. Python packages come from PyPI into a
# virtual environment under .build, at pinned versions; without python3,
# venv or a reachable PyPI the tests are skipped with a notice. moto is
# installed with its s3 extra and the two packages moto.server imports
# (flask, flask-cors) rather than moto[server], whose extra brings every
# AWS service's dependencies (about 320 MB and minutes of installing)
# for a server that only needs S3 here.
#
# Usage: Scripts/remote-test.sh [SWIFT]
set -u
SWIFT=${1:-swift}
PYTHON=$(sh Scripts/pinned-venv.sh .build/test-venv \
  "remote-source tests against loopback servers" \
  "moto[s3]==5.2.5" flask==3.1.3 flask-cors==6.0.5 \
  gcp-storage-emulator==2026.7.19)
[ -n "$PYTHON" ] || exit 0

STATE=$(mktemp -d)
"$PYTHON" Tests/RemoteServers/servers.py "$STATE" \
  >"$STATE/servers.log" 2>&1 &
SERVERS=$!
cleanup() {
  kill "$SERVERS" 2>/dev/null
  wait "$SERVERS" 2>/dev/null
  rm -rf "$STATE"
}
trap cleanup EXIT INT TERM

waited=0
while [ ! -f "$STATE/ports.json" ]; do
  if ! kill -0 "$SERVERS" 2>/dev/null || [ "$waited" -ge 120 ]; then
    cat "$STATE/servers.log" >&2
    echo "error: the loopback servers did not start" >&2
    exit 1
  fi
  sleep 1
  waited=$((waited + 1))
done

STORAGEWATCH_TEST_SERVERS="$STATE" \
STORAGEWATCH_TEST_PYTHON="$PYTHON" \
  "$SWIFT" test --skip-build \
  --filter 'LoopbackServerTests|RemoteDetectTests'
