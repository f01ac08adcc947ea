"""Runs the Athena (Trino) or BigQuery SQL in DuckDB and compares rows.

    python3 sql_check.py [--log-format cloudtrail|gcs] LOG_DIRECTORY \\
        EXPECTED_TABLE

cloudtrail (the default): loads every CloudTrail record under
LOG_DIRECTORY into a DuckDB table shaped as Athena's CloudTrail table
(lower-case columns; useridentity and resources as structs;
requestparameters and additionaleventdata as JSON text) and runs
Jobs/sql/athena_cloudtrail_features.sql, translated from Trino to
DuckDB with sqlglot.

gcs: loads every LogEntry under LOG_DIRECTORY into DuckDB tables shaped
as a Cloud Logging sink's BigQuery tables (cloudaudit_googleapis_com_
data_access and _activity, split on logName; protopayload_auditlog and
resource as structs; timestamps cut to microseconds, as BigQuery keeps
them) and runs Jobs/sql/bigquery_gcs_features.sql, translated from
BigQuery to DuckDB.

Either way every row and column is compared with EXPECTED_TABLE
(storagewatch features output), except the columns that the SQL file's
header says cannot be equal (the last member of FORMATS). Exits 1 on
any difference or when the SQL does not parse; a format with no SQL is
skipped with a notice.
"""

import argparse
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
import gcs_events  # noqa: E402

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


def _log_files(logs):
    """Bytes of every file under logs, in sorted order."""
    for root, dirs, names in os.walk(logs):
        dirs.sort()
        for name in sorted(names):
            with open(os.path.join(root, name), "rb") as handle:
                yield handle.read()


def load_cloudtrail(db, logs, scratch):
    """The Athena CloudTrail table of every record under logs."""
    rows_path = os.path.join(scratch, "cloudtrail.jsonl")
    with open(rows_path, "w") as out:
        for content in _log_files(logs):
            try:
                records = list(cloudtrail_events.records(content))
            except (OSError, ValueError):
                continue
            for record in records:
                if isinstance(record, dict):
                    out.write(json.dumps(athena_row(record)) + "\n")
    columns = ", ".join(f"'{k}': '{v}'" for k, v in COLUMNS.items())
    db.execute(
        f"CREATE TABLE cloudtrail_logs AS SELECT * FROM read_json("
        f"'{rows_path}', format = 'newline_delimited', "
        f"columns = {{{columns}}})")


SINK_COLUMNS = {
    "timestamp": "TIMESTAMPTZ",
    "insertId": "VARCHAR",
    "logName": "VARCHAR",
    "resource": "STRUCT(type VARCHAR, labels STRUCT(bucket_name VARCHAR, "
                "project_id VARCHAR, location VARCHAR))",
    "protopayload_auditlog": (
        "STRUCT(serviceName VARCHAR, methodName VARCHAR, "
        "resourceName VARCHAR, status STRUCT(code BIGINT, message VARCHAR), "
        "authenticationInfo STRUCT(principalEmail VARCHAR, "
        "principalSubject VARCHAR), requestMetadata STRUCT(callerIp "
        "VARCHAR, callerSuppliedUserAgent VARCHAR, requestAttributes "
        "STRUCT(time TIMESTAMPTZ)), metadataJson VARCHAR)"),
}


def _micros(text):
    """An RFC 3339 time with at most six fractional digits."""
    if not isinstance(text, str) or "." not in text:
        return text
    head, tail = text.split(".", 1)
    digits = len(tail) - len(tail.lstrip("0123456789"))
    return head + "." + tail[:min(digits, 6)] + tail[digits:]


def sink_row(entry):
    """A LogEntry as a row of a BigQuery log sink's table."""
    member = gcs_events._member
    payload = entry.get("protoPayload") or {}
    metadata = payload.get("requestMetadata") or {}
    metadata_json = payload.get("metadata")
    return {
        "timestamp": _micros(entry.get("timestamp")),
        "insertId": entry.get("insertId"),
        "logName": entry.get("logName"),
        "resource": entry.get("resource"),
        "protopayload_auditlog": {
            "serviceName": payload.get("serviceName"),
            "methodName": payload.get("methodName"),
            "resourceName": payload.get("resourceName"),
            "status": {key: member(payload, "status", key)
                       for key in ("code", "message")},
            "authenticationInfo": {
                key: member(payload, "authenticationInfo", key)
                for key in ("principalEmail", "principalSubject")},
            "requestMetadata": {
                "callerIp": metadata.get("callerIp"),
                "callerSuppliedUserAgent":
                    metadata.get("callerSuppliedUserAgent"),
                "requestAttributes": {"time": _micros(member(
                    metadata, "requestAttributes", "time"))},
            },
            "metadataJson": None if metadata_json is None
            else json.dumps(metadata_json),
        },
    }


def load_gcs(db, logs, scratch):
    """The sink's data_access and activity tables of every LogEntry
    under logs."""
    paths = {name: os.path.join(scratch, name + ".jsonl")
             for name in ("data_access", "activity")}
    outs = {name: open(path, "w") for name, path in paths.items()}
    for content in _log_files(logs):
        for entry in gcs_events.records(content):
            if not isinstance(entry, dict) \
                    or not isinstance(entry.get("protoPayload"), dict):
                continue
            log = str(entry.get("logName", ""))
            table = "activity" if log.endswith("%2Factivity") \
                else "data_access"
            outs[table].write(json.dumps(sink_row(entry)) + "\n")
    columns = ", ".join(f"'{k}': '{v}'" for k, v in SINK_COLUMNS.items())
    for name, path in paths.items():
        outs[name].close()
        db.execute(
            f"CREATE TABLE cloudaudit_googleapis_com_{name} AS "
            f"SELECT * FROM read_json('{path}', format = "
            f"'newline_delimited', columns = {{{columns}}})")


# log format: (loader, SQL file, sqlglot dialect, columns not compared)
FORMATS = {
    "cloudtrail": (load_cloudtrail, "athena_cloudtrail_features.sql",
                   "trino", ()),
    "gcs": (load_gcs, "bigquery_gcs_features.sql", "bigquery",
            ("first_time_ns", "last_time_ns")),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--log-format", default="cloudtrail",
                        help=f"one of {', '.join(sorted(FORMATS))}; "
                        "another is skipped with a notice")
    parser.add_argument("logs")
    parser.add_argument("expected")
    args = parser.parse_args()
    if args.log_format not in FORMATS:
        print(f"sql-check: no SQL for {args.log_format}; skipped")
        return 0
    load, sql_name, dialect, excluded = FORMATS[args.log_format]
    with tempfile.TemporaryDirectory() as scratch:
        db = duckdb.connect()
        db.execute("SET TimeZone = 'UTC'")
        load(db, args.logs, scratch)
        with open(os.path.join(HERE, "..", "sql", sql_name)) as handle:
            source = handle.read()
        duck = sqlglot.transpile(source, read=dialect, write="duckdb",
                                 unsupported_level=sqlglot.ErrorLevel.RAISE)[0]
        result = db.execute(duck)
        names = [d[0] for d in result.description]
        actual_path = os.path.join(scratch, "sql.jsonl")
        with open(actual_path, "w") as out:
            for values in result.fetchall():
                out.write(json.dumps(dict(zip(names, values)), default=str)
                          + "\n")
        a = compare_features.load(args.expected)
        b = compare_features.load(actual_path)
    for table in (a, b):
        for row in table.values():
            for column in excluded:
                row.pop(column, None)
    problems = compare_features.differences(a, b, "the SQL result")
    for line in problems[:20]:
        print(line)
    if problems:
        print(f"sql-check: {len(problems)} differences over {len(a)} rows")
        return 1
    note = f", columns {', '.join(excluded)} excluded" if excluded else ""
    print(f"sql-check: {sql_name} (in DuckDB) gives the same {len(a)} "
          f"rows{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
