"""StorageWatch's hourly features table from storage logs, on Spark.

    spark-submit Jobs/spark/storagewatch_features.py \\
        --input s3://trail-bucket/AWSLogs/ --output s3://out/features/ \\
        [--log-format cloudtrail|gcs|azure-analytics|azure-monitor] \\
        [--format csv|jsonl|parquet] [--single-file]

Reads every file under --input (recursively; gzip or plain), keeps the
object-storage events of --log-format (default cloudtrail), normalizes
them as StorageWatch does (the port named in FORMATS:
cloudtrail_events.py for CloudTrail S3 data events, gcs_events.py for
Cloud Audit Logs of Cloud Storage, azure_events.py for Azure Blob
Storage's Storage Analytics logs and Azure Monitor resource logs),
drops repeated event ids, and
writes one row per principal and UTC hour with the columns of
StorageWatch's FeatureTable (Docs/StorageWatch.docc/Spark-Features.md).
`storagewatch detect --features` and `calibrate --features` read the
result. --single-file coalesces to one partition and writes one file at
--output (for small outputs and the parity check); otherwise Spark's
usual folder of part files is written, and the parts are concatenated
for StorageWatch (one header for CSV). Parquet parts cannot be
concatenated: write Parquet with --single-file (the table has one row
per principal and hour, small beside the logs). Parquet columns are
flat, maps and lists as JSON text as in the CSV, which is how
`storagewatch features` writes Parquet too; Spark's defaults (Snappy,
dictionary pages) are what StorageWatch's reader expects. Run from a
checkout, the job ships its modules to the executors itself; where the
job file is submitted alone (Dataproc, EMR steps), pass them with
--py-files
event_common.py,cloudtrail_events.py,gcs_events.py,azure_events.py.

A port of another adapter is a module with the interface of
cloudtrail_events.py (PROVIDER, and events(content) yielding tuples in
event_common.FIELDS order), added to FORMATS by one line. The S3 server
access log format has no port yet; `storagewatch features` computes
its tables on one machine.
"""

import argparse
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pyspark import StorageLevel  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402
from pyspark.sql import types as T  # noqa: E402

import azure_events  # noqa: E402
import cloudtrail_events  # noqa: E402
import event_common  # noqa: E402
import gcs_events  # noqa: E402

# --log-format name (as storagewatch --provider) -> port module.
FORMATS = {
    "cloudtrail": cloudtrail_events,
    "gcs": gcs_events,
    # One port reads both Azure formats, telling them apart per file.
    "azure-analytics": azure_events,
    "azure-monitor": azure_events,
}

ACTIONS = ["read", "write", "delete", "list", "metadata-read",
           "permission-change", "other"]

COLUMNS = (["principal", "principal_kind", "provider", "hour", "events"]
           + [a.replace("-", "_") for a in ACTIONS]
           + ["denied", "errors", "bytes_out", "bytes_in", "has_byte_counts",
              "distinct_objects", "distinct_objects_read", "first_time_ns",
              "last_time_ns", "accounts", "buckets", "sources",
              "user_agents", "operations", "sample_objects",
              "sample_event_ids"])

EVENT_SCHEMA = T.StructType([
    T.StructField("event_id", T.StringType()),
    T.StructField("principal", T.StringType()),
    T.StructField("principal_kind", T.StringType()),
    T.StructField("account", T.StringType()),
    T.StructField("time_ns", T.LongType()),
    T.StructField("action", T.StringType()),
    T.StructField("outcome", T.StringType()),
    T.StructField("bytes_out", T.LongType()),
    T.StructField("bytes_in", T.LongType()),
    T.StructField("bucket", T.StringType()),
    T.StructField("object_key", T.StringType()),
    T.StructField("operation", T.StringType()),
    T.StructField("user_agent", T.StringType()),
    T.StructField("source", T.StringType()),
    T.StructField("sample_id", T.StringType()),
])


def read_events(spark, path, port):
    """Normalized events of every file under path, read by the port
    module, repeats of an event id dropped."""
    files = (spark.read.format("binaryFile")
             .option("recursiveFileLookup", "true").load(path)
             .select("content"))
    rows = files.rdd.flatMap(lambda row: port.events(bytes(row.content)))
    events = spark.createDataFrame(rows, EVENT_SCHEMA)
    with_id = events.where(F.col("event_id").isNotNull()) \
        .dropDuplicates(["event_id"])
    # Parsed once: the table reads the events five times.
    return with_id.unionByName(events.where(F.col("event_id").isNull())) \
        .persist(StorageLevel.MEMORY_AND_DISK)


def _counts(events, keys, column, name):
    """Requests per value of column, as a map per principal and hour."""
    return (events.where(F.col(column).isNotNull())
            .groupBy(*keys, column).count()
            .groupBy(*keys)
            .agg(F.map_from_entries(F.collect_list(
                F.struct(F.col(column), F.col("count")))).alias(name)))


def features(events, provider):
    """The features table of normalized events of one provider."""
    keys = ["principal", "hour_index"]
    events = (events
              .withColumn("hour_index",
                          F.floor(F.col("time_ns") / 3_600_000_000_000))
              .withColumn("object_id", F.when(
                  F.col("object_key").isNotNull(),
                  F.concat(F.coalesce(F.col("bucket"), F.lit("")), F.lit("/"),
                           F.col("object_key"))))
              .withColumn("object_text", F.when(
                  F.col("object_key").isNotNull(),
                  F.when(F.col("bucket").isNotNull(), F.col("object_id"))
                  .otherwise(F.col("object_key")))))
    smallest = F.udf(lambda values: sorted(set(values))[:5],
                     T.ArrayType(T.StringType()))
    aggregates = [F.count(F.lit(1)).alias("events")]
    aggregates += [F.sum(F.when(F.col("action") == a, 1).otherwise(0))
                   .alias(a.replace("-", "_")) for a in ACTIONS]
    aggregates += [
        F.sum(F.when(F.col("outcome") == "denied", 1).otherwise(0))
        .alias("denied"),
        F.sum(F.when(F.col("outcome") == "error", 1).otherwise(0))
        .alias("errors"),
        F.coalesce(F.sum(F.greatest(F.col("bytes_out"), F.lit(0))), F.lit(0))
        .cast("long").alias("bytes_out"),
        F.coalesce(F.sum(F.greatest(F.col("bytes_in"), F.lit(0))), F.lit(0))
        .cast("long").alias("bytes_in"),
        F.max(F.col("bytes_out").isNotNull() | F.col("bytes_in").isNotNull())
        .alias("has_byte_counts"),
        F.countDistinct("object_id").alias("distinct_objects"),
        F.countDistinct(F.when(F.col("action") == "read", F.col("object_id")))
        .alias("distinct_objects_read"),
        F.min("time_ns").alias("first_time_ns"),
        F.max("time_ns").alias("last_time_ns"),
        smallest(F.collect_set("object_text")).alias("sample_objects"),
        smallest(F.collect_set("sample_id")).alias("sample_event_ids"),
    ]
    hourly = events.groupBy(*keys).agg(*aggregates)
    for column, name in (("bucket", "buckets"), ("source", "sources"),
                         ("user_agent", "user_agents"),
                         ("operation", "operations")):
        hourly = hourly.join(_counts(events, keys, column, name), keys, "left")
    # A principal's kind is that of its earliest event; its accounts are
    # those of all its events.
    principals = events.groupBy("principal").agg(
        F.min_by("principal_kind", "time_ns").alias("principal_kind"),
        F.array_sort(F.collect_set("account")).alias("accounts"))
    table = hourly.join(principals, "principal")
    empty_map = F.create_map().cast("map<string,bigint>")
    for name in ("buckets", "sources", "user_agents", "operations"):
        table = table.withColumn(name, F.coalesce(F.col(name), empty_map))
    return (table
            .withColumn("provider", F.lit(provider))
            .withColumn("hour", F.date_format(
                F.timestamp_seconds(F.col("hour_index") * 3600),
                "yyyy-MM-dd'T'HH:mm:ss'Z'"))
            .select(*COLUMNS)
            .orderBy("principal", "hour"))


def write(table, output, fmt, single_file):
    """Writes CSV (maps and lists as JSON text, RFC 4180 quoting), JSON
    Lines (maps as objects) or Parquet (maps and lists as JSON text)."""
    if fmt in ("csv", "parquet"):
        for name in ("accounts", "buckets", "sources", "user_agents",
                     "operations", "sample_objects", "sample_event_ids"):
            table = table.withColumn(name, F.to_json(F.col(name)))
    if single_file:
        table = table.coalesce(1)
    target = output + ".parts" if single_file else output
    writer = table.write.mode("overwrite")
    if fmt == "csv":
        writer.option("header", "true").option("escape", '"') \
            .option("emptyValue", '""').csv(target)
    elif fmt == "parquet":
        writer.parquet(target)
    else:
        writer.option("ignoreNullFields", "false").json(target)
    if single_file:
        part = [name for name in sorted(os.listdir(target))
                if name.startswith("part-")]
        shutil.move(os.path.join(target, part[0]), output)
        shutil.rmtree(target)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--log-format", choices=sorted(FORMATS),
                        default="cloudtrail",
                        help="log format of every input file")
    parser.add_argument("--format", choices=["csv", "jsonl", "parquet"],
                        default="csv",
                        help="output format")
    parser.add_argument("--single-file", action="store_true")
    parser.add_argument("--partitions", type=int, default=200,
                        help="shuffle partitions (spark.sql.shuffle."
                        "partitions); about 2-3 per executor core")
    args = parser.parse_args()
    spark = (SparkSession.builder.appName("storagewatch-features")
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.sql.shuffle.partitions", str(args.partitions))
             .config("spark.ui.showConsoleProgress", "false")
             # Local files without checksum files: the checksum path of
             # a GCS sink file (16:00:00_16:59:59_S0.json) is no valid
             # Hadoop path.
             .config("spark.hadoop.fs.file.impl",
                     "org.apache.hadoop.fs.RawLocalFileSystem")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    port = FORMATS[args.log_format]
    # Modules given with --py-files are on the executors already, and
    # Spark refuses a second file of the same name.
    shipped = {os.path.basename(path) for path in spark.sparkContext
               .getConf().get("spark.submit.pyFiles", "").split(",")}
    for module in (event_common, port):
        if os.path.basename(module.__file__) not in shipped:
            spark.sparkContext.addPyFile(module.__file__)
    table = features(read_events(spark, args.input, port), port.PROVIDER)
    write(table, args.output, args.format, args.single_file)
    spark.stop()


if __name__ == "__main__":
    main()
