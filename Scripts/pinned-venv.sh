#!/bin/sh
# Creates (once) a Python virtual environment with pinned PyPI packages
# and prints its python's path. Without python3, venv or PyPI it prints a
# NOTICE on standard error naming what is skipped, prints nothing on
# standard output and still exits 0, so callers skip visibly.
#
# Usage: Scripts/pinned-venv.sh VENV "WHAT IS SKIPPED" PACKAGE...
set -u
VENV=$1
SKIPPED=$2
shift 2
PACKAGES="$*"
STAMP="$VENV/.installed-$(echo "$PACKAGES" | cksum | cut -d' ' -f1)"

notice() {
  echo "NOTICE: $1; $SKIPPED skipped" >&2
  exit 0
}

command -v python3 >/dev/null 2>&1 || notice "python3 not found"
if [ ! -f "$STAMP" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV" >/dev/null 2>&1 || notice "python3 -m venv failed"
  # shellcheck disable=SC2086
  "$VENV/bin/pip" install --quiet --disable-pip-version-check $PACKAGES \
    >&2 || notice "pip install of $PACKAGES failed"
  touch "$STAMP"
fi
echo "$VENV/bin/python"
