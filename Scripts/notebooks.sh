#!/bin/sh
# Checks that the notebooks in Notebooks/ are committed without outputs,
# then executes each of them headless against the built storagewatch
# (the debug build unless STORAGEWATCH names another) and fails on any
# error. Python packages come from PyPI into a virtual environment under
# .build at the versions pinned in Notebooks/requirements.txt; without
# python3, venv or a reachable PyPI the notebooks are skipped with a
# notice. Executed copies and PNG figures go to WORK (default
# .build/notebooks/executed and .build/notebooks/figures).
#
# Usage: Scripts/notebooks.sh [SWIFT] [WORK]
set -u
SWIFT=${1:-swift}
WORK=${2:-.build/notebooks}
VENV=.build/notebooks-venv
REQUIREMENTS=Notebooks/requirements.txt
STAMP="$VENV/.installed-$(cksum <"$REQUIREMENTS" | cut -d' ' -f1)"

notice() {
  echo "NOTICE: $1; notebooks not executed" >&2
  exit 0
}

command -v python3 >/dev/null 2>&1 || notice "python3 not found"
python3 Scripts/run-notebooks.py --check Notebooks || exit 1
if [ ! -f "$STAMP" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV" >/dev/null 2>&1 || notice "python3 -m venv failed"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check \
    -r "$REQUIREMENTS" || notice "pip install -r $REQUIREMENTS failed"
  touch "$STAMP"
fi

if [ -z "${STORAGEWATCH:-}" ]; then
  STORAGEWATCH="$("$SWIFT" build --show-bin-path)/storagewatch"
fi
if [ ! -x "$STORAGEWATCH" ]; then
  echo "error: $STORAGEWATCH is not built; run swift build" >&2
  exit 1
fi
STORAGEWATCH=$(readlink -f "$STORAGEWATCH")
export STORAGEWATCH
# Simulated logs and command outputs are kept per executable (the
# folder names carry its digest); those of other executables go.
DIGEST=$(sha256sum "$STORAGEWATCH" | cut -c1-16)
rm -rf "$WORK/figures" "$WORK/executed"
for old in "$WORK"/data/*; do
  case "$old" in
    *"-$DIGEST-"*) ;;
    *) [ -e "$old" ] && rm -rf "$old" ;;
  esac
done
"$VENV/bin/python" Scripts/run-notebooks.py Notebooks "$WORK"
