#!/usr/bin/env python3
"""Checks that pyarrow reads a Parquet features table written by
storagewatch to the values of the CSV table written from the same data.

Usage: python Scripts/check-parquet-pyarrow.py TABLE.parquet TABLE.csv
Exits 0 when every row and column agree (integers as integers, booleans
as booleans, text as text), 1 with the first difference otherwise.
"""
import csv
import sys

import pyarrow.parquet as pq


def main(parquet_path, csv_path):
    table = pq.read_table(parquet_path)
    rows = table.to_pylist()
    with open(csv_path, newline="", encoding="utf-8") as f:
        expected = list(csv.DictReader(f))
    if table.column_names != list(expected[0].keys() if expected else
                                  table.column_names):
        print("columns differ: %s" % table.column_names)
        return 1
    if len(rows) != len(expected):
        print("%d rows where the CSV has %d" % (len(rows), len(expected)))
        return 1
    for i, (row, want) in enumerate(zip(rows, expected)):
        for column, text in want.items():
            value = row[column]
            if isinstance(value, bool):
                got = "true" if value else "false"
            else:
                got = str(value)
            if got != text:
                print("row %d column %s: %r where the CSV has %r"
                      % (i + 1, column, got, text))
                return 1
    print("pyarrow %s read %d rows equal to the CSV"
          % (__import__("pyarrow").__version__, len(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
