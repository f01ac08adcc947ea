#!/bin/sh
# Prints the path of a Python with pandas and scikit-learn for the
# benchmark's peer baselines, in a virtual environment under .build at
# pinned versions (see Scripts/pinned-venv.sh); prints nothing, with a
# NOTICE, when python3 or PyPI is unavailable.
#
# Usage: Scripts/baselines/venv.sh
# The pins are those of Scripts/reference/requirements.txt, so that the
# models benchmark times the scikit-learn the parity fixtures came from.
exec sh "$(dirname "$0")/../pinned-venv.sh" .build/bench-venv \
  "the numpy, pandas and scikit-learn peers" numpy==2.4.6 pandas==3.1.1 \
  scipy==1.17.1 scikit-learn==1.9.1
