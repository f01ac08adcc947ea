#!/usr/bin/env python3
"""Writes the Parquet fixtures of Tests/StorageWatchTests/Fixtures/parquet.

A small features table (nulls included) is written by pyarrow in the
layouts StorageWatch must read (dictionary + Snappy, PLAIN uncompressed,
v2 data pages) and the ones it must refuse (a nested map column, ZSTD),
with expected.csv holding the same rows as StorageWatch's CSV (a null is
an empty cell).

Usage: python Scripts/make-parquet-fixtures.py [DIR]
(pyarrow from PyPI, e.g. in .build/parquet-venv:
 sh Scripts/pinned-venv.sh .build/parquet-venv "fixtures" pyarrow==26.0.1)
"""
import csv
import json
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "Tests", "StorageWatchTests",
    "Fixtures", "parquet")

ACTIONS = ["read", "write", "delete", "list", "metadata_read",
           "permission_change", "other"]
TEXT = ["principal", "principal_kind", "provider", "hour"]
INTEGER = (["events"] + ACTIONS
           + ["denied", "errors", "bytes_out", "bytes_in"])
INTEGER_2 = ["distinct_objects", "distinct_objects_read", "first_time_ns",
             "last_time_ns"]
JSON_COLUMNS = ["accounts", "buckets", "sources", "user_agents",
                "operations", "sample_objects", "sample_event_ids"]
COLUMNS = TEXT + INTEGER + ["has_byte_counts"] + INTEGER_2 + JSON_COLUMNS
HOUR_NS = 3_600_000_000_000
START = 1_790_000_000 // 3600 * 3600  # a whole hour in 2026


def hour_text(hour):
    import datetime
    t = datetime.datetime.fromtimestamp(hour * 3600, datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:00:00Z")


def rows(nulls):
    """Forty rows over three principals; with nulls, some optional cells
    are None."""
    principals = [
        ("arn:aws:iam::111122223333:user/alice", "user", "aws"),
        ('role "etl", ключ', "role", "aws"),
        ("svc-\U0001F600", "service", "gcp"),
    ]
    result = []
    for i in range(40):
        name, kind, provider = principals[i % 3]
        hour = START // 3600 + i
        events = 3 + i * 7 % 50
        row = {
            "principal": name, "principal_kind": kind,
            "provider": provider, "hour": hour_text(hour),
            "events": events,
        }
        for j, action in enumerate(ACTIONS):
            row[action] = events if j == i % 7 else 0
        row.update({
            "denied": i % 4, "errors": i % 2, "bytes_out": 1000 * i,
            "bytes_in": 3 * i, "has_byte_counts": i % 3 != 0,
            "distinct_objects": i % 5, "distinct_objects_read": i % 3,
            "first_time_ns": hour * HOUR_NS + i,
            "last_time_ns": hour * HOUR_NS + i + 1_000_000 * i,
            "accounts": json.dumps(["111122223333"]),
            "buckets": json.dumps({"finance,\"archive\"": events},
                                  ensure_ascii=False),
            "sources": json.dumps({"public:203.0.113.%d" % (i % 4): events}),
            "user_agents": json.dumps({"curl/8.5.0": events}),
            "operations": json.dumps({"GetObject": events}),
            "sample_objects": json.dumps(["b/k%d" % i]),
            "sample_event_ids": json.dumps(["id-%d" % i]),
        })
        if nulls and i % 5 == 1:
            for column in ["denied", "bytes_in", "has_byte_counts",
                           "user_agents", "sample_objects", "write"]:
                row[column] = None
        result.append(row)
    return result


def schema(int32_columns=()):
    fields = []
    for c in COLUMNS:
        if c in TEXT or c in JSON_COLUMNS:
            t = pa.string()
        elif c == "has_byte_counts":
            t = pa.bool_()
        elif c in int32_columns:
            t = pa.int32()
        else:
            t = pa.int64()
        fields.append(pa.field(c, t))
    return pa.schema(fields)


def table(data, int32_columns=()):
    return pa.Table.from_pylist(data, schema=schema(int32_columns))


def write_csv(data, path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for row in data:
            cells = []
            for c in COLUMNS:
                v = row[c]
                if v is None:
                    cells.append("")
                elif isinstance(v, bool):
                    cells.append("true" if v else "false")
                else:
                    cells.append(str(v))
            w.writerow(cells)


def main():
    os.makedirs(OUT, exist_ok=True)
    data = rows(nulls=True)
    write_csv(data, os.path.join(OUT, "expected.csv"))
    # pyarrow's defaults: dictionary encoding, Snappy, v1 pages; small
    # pages and row groups so that a column has several of each.
    pq.write_table(
        table(data, int32_columns=("events", "denied")),
        os.path.join(OUT, "pyarrow-dictionary-snappy.parquet"),
        row_group_size=16, data_page_size=128)
    pq.write_table(
        table(data), os.path.join(OUT, "pyarrow-plain-uncompressed.parquet"),
        use_dictionary=False, compression="none", row_group_size=25)
    pq.write_table(
        table(data), os.path.join(OUT, "pyarrow-v2-snappy.parquet"),
        data_page_version="2.0", data_page_size=256)
    # Parquet format 1.0, as older writers and Spark's parquet-mr v1
    # writer store dictionaries: PLAIN_DICTIONARY rather than
    # RLE_DICTIONARY, pages without page indexes.
    pq.write_table(
        table(data), os.path.join(OUT, "pyarrow-format1-dictionary.parquet"),
        version="1.0", row_group_size=30, data_page_size=512)
    # Refused: a nested column, and a codec other than Snappy.
    # The map comes first, so that the flat column after it is found by
    # counting the map's leaves.
    nested = pa.table({
        "buckets": pa.array([[("b", 1)], [("c", 2)]],
                            type=pa.map_(pa.string(), pa.int64())),
        "principal": ["alice", "bob"],
    })
    pq.write_table(nested, os.path.join(OUT, "pyarrow-nested.parquet"))
    pq.write_table(
        table(data[:3]), os.path.join(OUT, "pyarrow-zstd.parquet"),
        compression="zstd")


if __name__ == "__main__":
    main()
