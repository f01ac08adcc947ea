"""Runs the Athena (Trino) SQL in DuckDB and compares its rows.

    python3 sql_check.py LOG_DIRECTORY EXPECTED_TABLE

Loads every CloudTrail record under LOG_DIRECTORY into a DuckDB table
shaped as Athena's CloudTrail table (lower-case columns; useridentity
and resources as structs; requestparameters and additionaleventdata as
JSON text), translates Jobs/sql/athena_cloudtrail_features.sql from
Trino to DuckDB with sqlglot, runs it, and compares every row and
column with EXPECTED_TABLE (storagewatch features output). Exits 1 on
any difference or when the SQL does not parse.
"""

import json
import os
import sys
import tempfile

import duckdb
import sqlglot

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "spark"))

import cloudtrail_events  # noqa: E402
import compare_features  # noqa: E402

IDENTITY = ("STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, "
            "accountid VARCHAR, invokedby VARCHAR, username VARCHAR, "
            "sessioncontext STRUCT(sessionissuer STRUCT(type VARCHAR, "
            "principalid VARCHAR, arn VARCHAR, accountid VARCHAR, "
            "username VARCHAR)))")
COLUMNS = {
    "eventtime": "VARCHAR", "eventsource": "VARCHAR", "eventname": "VARCHAR",
    "eventtype": "VARCHAR", "useridentity": IDENTITY,
    "requestparameters": "VARCHAR", "additionaleventdata": "VARCHAR",
    "resources": "STRUCT(arn VARCHAR, accountid VARCHAR, type VARCHAR)[]",
    "sourceipaddress": "VARCHAR", "vpcendpointid": "VARCHAR",
    "useragent": "VARCHAR", "errorcode": "VARCHAR",
    "recipientaccountid": "VARCHAR", "eventid": "VARCHAR",
    "requestid": "VARCHAR",
}


def _lower(value):
    if isinstance(value, dict):
        return {k.lower(): _lower(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lower(v) for v in value]
    return value


def athena_row(record):
    row = {}
    for key, value in record.items():
        name = key.lower()
        if name not in COLUMNS:
            continue
        if name in ("requestparameters", "additionaleventdata"):
            value = None if value is None else json.dumps(value)
        elif isinstance(value, (dict, list)):
            value = _lower(value)
        row[name] = value
    return row


def main():
    logs, expected = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as scratch:
        rows_path = os.path.join(scratch, "cloudtrail.jsonl")
        with open(rows_path, "w") as out:
            for root, _, names in sorted(os.walk(logs)):
                for name in sorted(names):
                    with open(os.path.join(root, name), "rb") as handle:
                        content = handle.read()
                    try:
                        records = list(cloudtrail_events.records(content))
                    except (OSError, ValueError):
                        continue
                    for record in records:
                        if isinstance(record, dict):
                            out.write(json.dumps(athena_row(record)) + "\n")
        db = duckdb.connect()
        db.execute("SET TimeZone = 'UTC'")
        columns = ", ".join(f"'{k}': '{v}'" for k, v in COLUMNS.items())
        db.execute(
            f"CREATE TABLE cloudtrail_logs AS SELECT * FROM read_json("
            f"'{rows_path}', format = 'newline_delimited', "
            f"columns = {{{columns}}})")
        with open(os.path.join(HERE, "..", "sql",
                               "athena_cloudtrail_features.sql")) as handle:
            trino = handle.read()
        duck = sqlglot.transpile(trino, read="trino", write="duckdb",
                                 unsupported_level=sqlglot.ErrorLevel.RAISE)[0]
        result = db.execute(duck)
        names = [d[0] for d in result.description]
        actual_path = os.path.join(scratch, "athena.jsonl")
        with open(actual_path, "w") as out:
            for values in result.fetchall():
                out.write(json.dumps(dict(zip(names, values)), default=str)
                          + "\n")
        a = compare_features.load(expected)
        b = compare_features.load(actual_path)
    problems = compare_features.differences(a, b, "the SQL result")
    for line in problems[:20]:
        print(line)
    if problems:
        print(f"sql-check: {len(problems)} differences over {len(a)} rows")
        return 1
    print(f"sql-check: Athena SQL (in DuckDB) gives the same {len(a)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
