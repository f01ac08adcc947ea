#!/bin/sh
# Checks that the Spark job and the SQL compute StorageWatch's features
# table exactly, and that detect on either table gives the findings of
# detect on the logs.
#
#   1. storagewatch simulate writes 14 days of CloudTrail (20 principals,
#      every incident kind, seed SPARK_CHECK_SEED, default 7);
#   2. storagewatch features writes the table as CSV and JSON Lines;
#   3. Jobs/spark/storagewatch_features.py, in Spark local mode, writes
#      both formats from the same logs (timed, for the sizing example in
#      Docs/StorageWatch.docc/Spark-Features.md);
#   4. Jobs/check/compare_features.py compares every row and column;
#   5. Jobs/check/sql_check.py runs the Athena (Trino) and BigQuery SQL
#      in DuckDB over the same events and compares their rows too;
#   6. detect --features on the Spark table and detect on the logs must
#      report the same findings.
# pyspark, duckdb and sqlglot come from PyPI at pinned versions into
# .build/spark-venv; Java from Debian (default-jre-headless) when
# missing. Without python3, PyPI or Java the check is skipped with a
# notice.
#
# Usage: Scripts/spark-check.sh [STORAGEWATCH]
set -eu
SW=${1:-.build/release/storagewatch}
SEED=${SPARK_CHECK_SEED:-7}
PYTHON=$(sh Scripts/pinned-venv.sh .build/spark-venv "make spark-check" \
  pyspark==3.5.7 duckdb==1.4.4 sqlglot==27.29.0)
[ -n "$PYTHON" ] || exit 0
if ! command -v java >/dev/null 2>&1; then
  echo "NOTICE: java not found; make spark-check skipped" >&2
  exit 0
fi

WORK=.build/spark-check
rm -rf "$WORK"
mkdir -p "$WORK"
"$SW" simulate --quiet --days 14 --principals 20 --seed "$SEED" \
  --output "$WORK/logs"
"$SW" features --quiet "$WORK/logs" --output "$WORK/storagewatch.csv"
"$SW" features --quiet "$WORK/logs" --output "$WORK/storagewatch.jsonl"

for format in csv jsonl; do
  start=$(date +%s)
  "$PYTHON" Jobs/spark/storagewatch_features.py --input "$WORK/logs" \
    --output "$WORK/spark.$format" --format "$format" --single-file \
    --partitions 4 2>"$WORK/spark-$format.log" ||
    { cat "$WORK/spark-$format.log" >&2; exit 1; }
  end=$(date +%s)
  echo "spark-check: Spark local[*] wrote $format in $((end - start)) s"
  "$PYTHON" Jobs/check/compare_features.py "$WORK/storagewatch.$format" \
    "$WORK/spark.$format"
done

"$PYTHON" Jobs/check/sql_check.py "$WORK/logs" "$WORK/storagewatch.csv"

"$SW" detect --quiet "$WORK/logs" --hours-back 168 --format json \
  >"$WORK/logs-report.json"
"$SW" detect --quiet --features "$WORK/spark.csv" --hours-back 168 \
  --format json >"$WORK/spark-report.json"
"$PYTHON" - "$WORK/logs-report.json" "$WORK/spark-report.json" <<'EOF'
import json
import sys
a, b = (json.load(open(path))["findings"] for path in sys.argv[1:3])
if a != b:
    print(f"spark-check: findings differ: {len(a)} from the logs, "
          f"{len(b)} from the Spark table")
    sys.exit(1)
print(f"spark-check: the same {len(a)} findings from the logs and from "
      "the Spark table")
EOF
