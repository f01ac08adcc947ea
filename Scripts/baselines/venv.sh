#!/bin/sh
# Prints the path of a Python with pandas and scikit-learn for the
# benchmark's peer baselines, in a virtual environment under .build at
# pinned versions (see Scripts/pinned-venv.sh); prints nothing, with a
# NOTICE, when python3 or PyPI is unavailable.
#
# Usage: Scripts/baselines/venv.sh
exec sh "$(dirname "$0")/../pinned-venv.sh" .build/bench-venv \
  "the pandas + scikit-learn baseline" pandas==2.3.3 scikit-learn==1.7.2
