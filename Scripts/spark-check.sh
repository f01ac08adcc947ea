#!/bin/sh
# Checks that the Spark job and the SQL compute StorageWatch's features
# table exactly, and that detect on the Spark table gives the findings
# of detect on the logs, for each log format in SPARK_CHECK_FORMATS
# (default "cloudtrail gcs azure-analytics azure-monitor"). For each
# format:
#
#   1. storagewatch simulate writes 14 days of its logs (20 principals,
#      every incident kind, seed SPARK_CHECK_SEED, default 7);
#   2. Jobs/check/events_check.py compares the Python port's events
#      (Jobs/spark/<format>_events.py; azure_events.py for both Azure
#      formats) with storagewatch events;
#   3. storagewatch features writes the table as CSV, JSON Lines and
#      Parquet;
#   4. Jobs/spark/storagewatch_features.py --log-format <format>, in
#      Spark local mode, writes the three formats from the same logs
#      (timed, for the sizing example in
#      Docs/StorageWatch.docc/Spark-Features.md);
#   5. Jobs/check/compare_features.py compares every row and column
#      (Parquet read with pyarrow);
#   6. Jobs/check/sql_check.py runs the format's SQL in DuckDB over the
#      same events and compares its rows too: the Athena (Trino) SQL for
#      cloudtrail, the BigQuery SQL for gcs (a format with no SQL is
#      skipped with a notice);
#   7. detect --features on the Spark tables (CSV, and Spark's own
#      Parquet: Snappy, dictionary pages, OPTIONAL columns) and detect on
#      the logs must report the same findings.
# Then events_check.py compares the ports' events on the real samples
# (STORAGEWATCH_SAMPLES, default ../shared/samples), when present: the
# Invictus CloudTrail files, Google's Cloud Storage audit-log examples
# and the classic Azure Storage Analytics logs.
# pyspark, pyarrow, duckdb and sqlglot come from PyPI at pinned versions
# into .build/spark-venv; Java from Debian (default-jre-headless) when
# missing. Without python3, PyPI or Java the check is skipped with a
# notice.
#
# Usage: Scripts/spark-check.sh [STORAGEWATCH]
set -eu
SW=${1:-.build/release/storagewatch}
SEED=${SPARK_CHECK_SEED:-7}
FORMATS=${SPARK_CHECK_FORMATS:-cloudtrail gcs azure-analytics azure-monitor}
PYTHON=$(sh Scripts/pinned-venv.sh .build/spark-venv "make spark-check" \
  pyspark==3.5.7 pyarrow==26.0.1 duckdb==1.4.4 sqlglot==27.29.0)
[ -n "$PYTHON" ] || exit 0
if ! command -v java >/dev/null 2>&1; then
  echo "NOTICE: java not found; make spark-check skipped" >&2
  exit 0
fi

WORK=.build/spark-check
rm -rf "$WORK"

for log_format in $FORMATS; do
  DIR=$WORK/$log_format
  mkdir -p "$DIR"
  echo "spark-check: $log_format"
  "$SW" simulate --quiet --format "$log_format" --days 14 --principals 20 \
    --seed "$SEED" --output "$DIR/logs"
  "$PYTHON" Jobs/check/events_check.py --storagewatch "$SW" \
    "$log_format" "$DIR/logs"
  "$SW" features --quiet "$DIR/logs" --output "$DIR/storagewatch.csv"
  "$SW" features --quiet "$DIR/logs" --output "$DIR/storagewatch.jsonl"
  "$SW" features --quiet "$DIR/logs" --output "$DIR/storagewatch.parquet"

  for format in csv jsonl parquet; do
    start=$(date +%s)
    "$PYTHON" Jobs/spark/storagewatch_features.py --input "$DIR/logs" \
      --log-format "$log_format" --output "$DIR/spark.$format" \
      --format "$format" --single-file --partitions 4 \
      2>"$DIR/spark-$format.log" ||
      { cat "$DIR/spark-$format.log" >&2; exit 1; }
    end=$(date +%s)
    echo "spark-check: Spark local[*] wrote $format in $((end - start)) s"
    "$PYTHON" Jobs/check/compare_features.py "$DIR/storagewatch.$format" \
      "$DIR/spark.$format"
  done

  "$PYTHON" Jobs/check/sql_check.py --log-format "$log_format" \
    "$DIR/logs" "$DIR/storagewatch.csv"

  "$SW" detect --quiet "$DIR/logs" --hours-back 168 --format json \
    >"$DIR/logs-report.json"
  for format in csv parquet; do
    "$SW" detect --quiet --features "$DIR/spark.$format" --hours-back 168 \
      --format json >"$DIR/spark-$format-report.json"
    "$PYTHON" - "$DIR/logs-report.json" "$DIR/spark-$format-report.json" \
      "$log_format" "$format" <<'PY'
import json
import sys
a, b = (json.load(open(path))["findings"] for path in sys.argv[1:3])
if a != b:
    print(f"spark-check: {sys.argv[3]}: findings differ: {len(a)} from "
          f"the logs, {len(b)} from the Spark {sys.argv[4]} table")
    sys.exit(1)
print(f"spark-check: {sys.argv[3]}: the same {len(a)} findings from the "
      f"logs and from the Spark {sys.argv[4]} table")
PY
  done
done

SAMPLES=${STORAGEWATCH_SAMPLES:-../shared/samples}
if [ ! -d "$SAMPLES" ]; then
  echo "NOTICE: $SAMPLES not found; the real-sample event checks skipped" >&2
  exit 0
fi
for log_format in $FORMATS; do
  case $log_format in
    cloudtrail) sample=$SAMPLES/invictus-ir-aws_dataset/CloudTrail ;;
    gcs) sample=$SAMPLES/gcp-professional-services-audit-log-examples ;;
    azure-analytics) sample=$SAMPLES/azure-storage-analytics-classic ;;
    *) sample= ;;
  esac
  [ -n "$sample" ] && [ -d "$sample" ] || continue
  "$PYTHON" Jobs/check/events_check.py --storagewatch "$SW" \
    "$log_format" "$sample"
done
