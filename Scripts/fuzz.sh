#!/bin/sh
# Builds the libFuzzer targets and runs each for a bounded time.
#
#   sh Scripts/fuzz.sh SECONDS [TARGET...]
#
# Targets: cloudtrail s3-access-log gcs-audit azure-analytics azure-monitor
# input json (all when none is named). The targets are built with swiftc
# directly, not SwiftPM: Sources/AccessLogs and Fuzz/FuzzEntry.swift are
# compiled as one module with -sanitize=fuzzer,address, so the entry
# reaches the module's internal adapters and normal builds are untouched.
# One binary is linked and named once per target (fuzz-<target>).
#
# Corpora grow in .build/fuzz/corpus/<target> across runs. Each run also
# reads Fuzz/Seeds/<target> (committed, hand-written), the test fixtures
# and the real samples ($SAMPLES, default ../shared/samples, copied into
# .build/fuzz/samples at run time and never committed; skipped with a
# notice when absent) and Fuzz/Regressions/<target> (every crash found so
# far). A crash leaves its input in .build/fuzz/artifacts/<target>/ and
# makes the script exit 1; copy it to Fuzz/Regressions/<target>/ once
# fixed, where FuzzRegressionTests replays it.
#
# Environment: SWIFTC (default swiftc), SAMPLES, FUZZ_MAX_LEN (default
# 65536, the largest input the fuzzer makes; longer seeds are cut).
set -eu

seconds=${1:?usage: fuzz.sh SECONDS [TARGET...]}
shift
all="cloudtrail s3-access-log gcs-audit azure-analytics azure-monitor input json"
targets=${*:-$all}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/.build/fuzz"
swiftc=${SWIFTC:-swiftc}
samples=${SAMPLES:-$root/../shared/samples}
max_len=${FUZZ_MAX_LEN:-65536}
mkdir -p "$out"

# Build when a source is newer than the binary.
binary="$out/storagewatch-fuzz"
sources=$(find "$root/Sources/AccessLogs" -name '*.swift' | sort)
if [ ! -x "$binary" ] || [ -n "$(find "$root/Sources/AccessLogs" \
  "$root/Fuzz/FuzzEntry.swift" -newer "$binary" -name '*.swift')" ]; then
  echo "fuzz: building $binary" >&2
  # shellcheck disable=SC2086
  "$swiftc" -O -parse-as-library -sanitize=fuzzer,address -swift-version 6 \
    -module-name AccessLogs -I "$root/Sources/CZlib" \
    -I "$root/Sources/CDeflate" -use-ld=lld \
    $sources "$root/Fuzz/FuzzEntry.swift" -lz -ldeflate -o "$binary.new" \
    2>"$out/build.log" || { cat "$out/build.log" >&2; exit 1; }
  mv "$binary.new" "$binary"
fi
for target in $all; do ln -sf storagewatch-fuzz "$out/fuzz-$target"; done

# Samples of each format, by where they sit in the samples folder.
sample_patterns() {
  case $1 in
    cloudtrail) echo "invictus-ir-aws_dataset/CloudTrail/*.json \
      stratus-red-team/detonation-logs/*.json plaso/aws_cloudtrail.jsonl \
      otel-collector-contrib-awslogs/cloudtrail_log_cw.json \
      panther-analysis/aws_cloudtrail_s3_rule_tests.jsonl" ;;
    s3-access-log) echo "awsdocs-amazon-s3-userguide/*.log \
      logstash-patterns-core/*.log otel-collector-contrib-awslogs/*.log" ;;
    gcs-audit) echo "gcp-professional-services-audit-log-examples/*/*.log \
      plaso/gcp_logging.jsonl panther-analysis/gcp_audit_*.jsonl" ;;
    azure-analytics) echo "azure-storage-analytics-classic/*.log" ;;
    azure-monitor) echo "panther-analysis/azure_storage_rule_tests.jsonl" ;;
    json) echo "*/*.json */*/*.json */*.jsonl" ;;
    input) echo "*/*.log */*.jsonl */*/*.json" ;;
  esac
}

# Fixture folders of the AccessLogs tests, per target.
fixture_dirs() {
  case $1 in
    cloudtrail) echo cloudtrail ;;
    s3-access-log) echo s3-access ;;
    gcs-audit) echo gcs ;;
    azure-analytics) echo azure-analytics ;;
    azure-monitor) echo azure-monitor ;;
    *) echo "cloudtrail s3-access gcs azure-analytics azure-monitor" ;;
  esac
}

if [ ! -f "$samples/README.md" ]; then
  echo "NOTICE: real log samples not found at $samples; fuzzing starts" \
    "from the committed seeds and fixtures only" >&2
fi

# Let libFuzzer report a trap and keep its input; the Swift runtime's own
# backtracer would take over the crash and can stall the run.
export SWIFT_BACKTRACE=enable=no

status=0
report="$out/report.txt"
: >"$report"
run_target() {
  target=$1
  corpus="$out/corpus/$target"
  seeds="$out/samples/$target"
  artifacts="$out/artifacts/$target"
  mkdir -p "$corpus" "$seeds" "$artifacts" \
    "$root/Fuzz/Seeds/$target" "$root/Fuzz/Regressions/$target"
  for dir in $(fixture_dirs "$target"); do
    cp "$root/Tests/AccessLogsTests/Fixtures/$dir"/* "$seeds/" 2>/dev/null \
      || true
  done
  if [ -f "$samples/README.md" ]; then
    for pattern in $(sample_patterns "$target"); do
      for file in "$samples"/$pattern; do
        [ -f "$file" ] || continue
        name=$(echo "${file#"$samples"/}" | tr '/' '_')
        cp "$file" "$seeds/$name"
        # The input layer also sees the samples compressed.
        [ "$target" = input ] && gzip -9c "$file" >"$seeds/$name.gz"
      done
    done
  fi
  # Adapters read decompressed bytes: seed them with the gzip fixtures
  # inflated.
  if [ "$target" != input ]; then
    for file in "$seeds"/*.gz; do
      [ -f "$file" ] || continue
      gzip -dc "$file" >"${file%.gz}.plain" 2>/dev/null || true
      rm -f "$file"
    done
  fi
  log="$out/$target.log"
  set +e
  "$out/fuzz-$target" -max_total_time="$seconds" -max_len="$max_len" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$corpus" "$seeds" \
    "$root/Fuzz/Seeds/$target" "$root/Fuzz/Regressions/$target" \
    >"$log" 2>&1
  code=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
  cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
  corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\)\/\([^ ]*\).*/\1 (\2)/p')
  crashes=$(find "$artifacts" -type f | wc -l | tr -d ' ')
  line="$target: ${seconds}s, ${execs:-?} execs (${rate:-?}/s), cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}, crashes $crashes, exit $code"
  echo "$line" | tee -a "$report"
  if [ "$code" != 0 ] || [ "$crashes" != 0 ]; then
    echo "fuzz: $target failed; see $log and $artifacts" >&2
    tail -n 30 "$log" >&2
    return 1
  fi
}

for target in $targets; do run_target "$target" || status=1; done
exit $status
