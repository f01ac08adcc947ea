"""Compares two StorageWatch features tables row by row.

    python3 compare_features.py EXPECTED ACTUAL

Each table is CSV (map and list columns as JSON text), JSON Lines or
Parquet (read with pyarrow; maps and lists as JSON text), as
`storagewatch features`, the Spark job or the SQL write it. Rows are
keyed by principal and hour; every column of the table is compared
after parsing (numbers as integers, booleans, maps and lists as JSON),
so quoting, key order and number formatting may differ. Prints the
first differences and exits 1 when there are any, else prints the row
count and exits 0.
"""

import csv
import json
import sys

ACTIONS = ["read", "write", "delete", "list", "metadata_read",
           "permission_change", "other"]
INTEGERS = (["events"] + ACTIONS
            + ["denied", "errors", "bytes_out", "bytes_in",
               "distinct_objects", "distinct_objects_read", "first_time_ns",
               "last_time_ns"])
MAPS = ["buckets", "sources", "user_agents", "operations"]
LISTS = ["accounts", "sample_objects", "sample_event_ids"]
TEXTS = ["principal", "principal_kind", "provider", "hour"]


def _structured(value, empty):
    if value is None or value == "":
        return empty
    if isinstance(value, str):
        return json.loads(value)
    return value


def normalize(row):
    out = {name: row.get(name) for name in TEXTS}
    for name in INTEGERS:
        value = row.get(name)
        out[name] = 0 if value in (None, "") else int(value)
    flag = row.get("has_byte_counts")
    out["has_byte_counts"] = flag in (True, "true", "True", 1, "1")
    for name in MAPS:
        out[name] = {k: int(v)
                     for k, v in _structured(row.get(name), {}).items()}
    for name in LISTS:
        out[name] = sorted(_structured(row.get(name), []))
    return out


def read_rows(path):
    """The rows of a table as dictionaries of column name to value."""
    if path.endswith(".parquet"):
        import pyarrow.parquet  # only Parquet needs it
        return pyarrow.parquet.read_table(path).to_pylist()
    with open(path, newline="", encoding="utf-8") as handle:
        if path.endswith(".csv"):
            return list(csv.DictReader(handle))
        return [json.loads(line) for line in handle if line.strip()]


def load(path):
    rows = read_rows(path)
    table = {}
    for row in rows:
        row = normalize(row)
        key = (row["principal"], row["hour"])
        if key in table:
            raise SystemExit(f"{path}: two rows for {key}")
        table[key] = row
    return table


def differences(expected, actual, name):
    """Lines naming each row missing from, extra in, or different in the
    actual table (called name)."""
    problems = []
    for key in sorted(set(expected) | set(actual)):
        if key not in actual:
            problems.append(f"missing in {name}: {key}")
        elif key not in expected:
            problems.append(f"extra in {name}: {key}")
        else:
            for column, value in expected[key].items():
                if actual[key][column] != value:
                    problems.append(
                        f"{key} {column}: {value!r} != {actual[key][column]!r}")
    return problems


def main():
    expected, actual = load(sys.argv[1]), load(sys.argv[2])
    problems = differences(expected, actual, sys.argv[2])
    for line in problems[:20]:
        print(line)
    if problems:
        print(f"{len(problems)} differences over {len(expected)} rows")
        return 1
    print(f"{len(expected)} rows identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
