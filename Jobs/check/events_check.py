"""Compares a Python port's events with `storagewatch events`, field by
field.

    python3 events_check.py FORMAT LOG_PATH... [--module NAME]
        [--storagewatch PATH]

FORMAT is a `storagewatch events --provider` name (cloudtrail, gcs,
...). The port is the module NAME in Jobs/spark (default: FORMAT with
`-` as `_`, then `_events`: cloudtrail_events, gcs_events; azure_events
for both Azure formats), with
the interface of cloudtrail_events.py. Every file under LOG_PATH is
read by the port (repeated event ids dropped, as StorageWatch does)
and by `storagewatch events --provider FORMAT`; StorageWatch's JSON
Lines are mapped to the port's FIELDS (the source as the features
table's `kind:value` key, the sample id as eventId or requestId). Both
lists are sorted by time, principal, operation, key and the remaining
fields, then compared pair by pair. Prints the first differences and
exits 1 when there are any.
"""

import argparse
import importlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "spark"))

import event_common  # noqa: E402

FIELDS = event_common.FIELDS
ORDER = ("time_ns", "principal", "operation", "object_key")
# Formats whose port is not named after them: one module reads both
# Azure formats.
MODULES = {"azure-analytics": "azure_events", "azure-monitor": "azure_events"}


def _source(line):
    """The features table's source key of one `storagewatch events`
    line: private:<path>, private:private, public:<ip> or
    service:<name>."""
    if line.get("networkPath"):
        return "private:" + line["networkPath"]
    address = line.get("sourceAddress")
    if address is None:
        return None
    if line.get("sourceAddressKind") == "name":
        return "service:" + address
    parsed = event_common.parse_ip(address)
    if parsed is not None and event_common.is_private(parsed):
        return "private:private"
    return "public:" + address


def from_storagewatch(line):
    """One `storagewatch events` JSON object as a dict of FIELDS."""
    event_id = line.get("eventId")
    return {
        "event_id": event_id,
        "principal": line.get("principal"),
        "principal_kind": line.get("principalKind"),
        "account": line.get("account"),
        "time_ns": event_common.parse_time_ns(line.get("time")),
        "action": line.get("action"),
        "outcome": line.get("outcome"),
        "bytes_out": line.get("bytesOut"),
        "bytes_in": line.get("bytesIn"),
        "bucket": line.get("bucket"),
        "object_key": line.get("key"),
        "operation": line.get("operation"),
        "user_agent": line.get("userAgent"),
        "source": _source(line),
        "sample_id": event_id if event_id is not None
        else line.get("requestId"),
    }


def files(paths):
    """Every file under the paths, in StorageWatch's order (sorted)."""
    for path in paths:
        if os.path.isfile(path):
            yield path
            continue
        for root, dirs, names in os.walk(path):
            dirs.sort()
            for name in sorted(names):
                yield os.path.join(root, name)


def port_events(module, paths):
    """The port's events of every file, first copy of each event id."""
    seen = set()
    out = []
    for path in files(paths):
        with open(path, "rb") as handle:
            content = handle.read()
        for event in module.events(content):
            event = dict(zip(FIELDS, event))
            if event["event_id"] is not None:
                if event["event_id"] in seen:
                    continue
                seen.add(event["event_id"])
            out.append(event)
    return out


def storagewatch_events(binary, fmt, paths):
    """`storagewatch events --provider fmt` of the paths, as dicts."""
    result = subprocess.run(
        [binary, "events", "--quiet", "--provider", fmt, "--max-future",
         "none", *paths], check=True, capture_output=True)
    return [from_storagewatch(json.loads(line))
            for line in result.stdout.decode("utf-8").splitlines()
            if line.strip()]


def _sort_key(event):
    rest = tuple(FIELDS.index(name) for name in FIELDS if name not in ORDER)
    values = [event[name] for name in ORDER]
    values += [event[FIELDS[i]] for i in rest]
    return tuple((value is not None, str(value)) if not isinstance(
        value, int) else (True, value) for value in values)


def differences(expected, actual):
    """Lines naming each field that differs between paired events."""
    problems = []
    if len(expected) != len(actual):
        problems.append(f"{len(expected)} events from storagewatch, "
                        f"{len(actual)} from the port")
    expected = sorted(expected, key=_sort_key)
    actual = sorted(actual, key=_sort_key)
    for index, (a, b) in enumerate(zip(expected, actual)):
        for name in FIELDS:
            if a[name] != b[name]:
                problems.append(
                    f"event {index} ({a['time_ns']}, {a['principal']}, "
                    f"{a['operation']}) {name}: storagewatch "
                    f"{a[name]!r} != port {b[name]!r}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("format")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--module")
    parser.add_argument("--storagewatch",
                        default=os.environ.get(
                            "STORAGEWATCH", ".build/release/storagewatch"))
    args = parser.parse_args()
    name = args.module or MODULES.get(
        args.format, args.format.replace("-", "_") + "_events")
    module = importlib.import_module(name)
    expected = storagewatch_events(args.storagewatch, args.format, args.paths)
    actual = port_events(module, args.paths)
    problems = differences(expected, actual)
    for line in problems[:20]:
        print(line)
    if problems:
        print(f"events-check: {len(problems)} differences ({name})")
        return 1
    print(f"events-check: {name} gives the same {len(expected)} events as "
          f"storagewatch events --provider {args.format}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
