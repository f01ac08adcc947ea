#!/bin/sh
# Prints the path of a Python with pandas and scikit-learn for the
# benchmark's peer baselines, creating a virtual environment under .build
# at pinned versions the first time. Prints nothing and a NOTICE on
# standard error when python3, venv or PyPI is unavailable.
#
# Usage: Scripts/baselines/venv.sh
set -u
VENV=.build/bench-venv
PACKAGES="pandas==2.3.3 scikit-learn==1.7.2"
STAMP="$VENV/.installed-$(echo "$PACKAGES" | cksum | cut -d' ' -f1)"

notice() {
  echo "NOTICE: $1; the pandas + scikit-learn baseline is skipped" >&2
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
