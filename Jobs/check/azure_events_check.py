"""Checks the Python Azure port against `storagewatch events`.

    python3 azure_events_check.py FORMAT LOGDIR STORAGEWATCH

FORMAT is `azure-analytics`, `azure-monitor` or `auto`. Runs
`STORAGEWATCH events --provider FORMAT --max-future none LOGDIR` and
reads the same files, in the same order (names starting with `.` left
out, sorted by their UTF-8 bytes, `CloudTrail-Digest` folders skipped),
with Jobs/spark/azure_events.py: `analytics_events`, `monitor_events`,
or `events` for `auto`. Repeated event ids are dropped from the Python
side as the reader drops them (per format, first one kept). With `auto`,
Swift events of non-Azure formats are left out of the comparison.

The Swift events are mapped to cloudtrail_events.FIELDS (`eventId`,
`principalKind`, `key`, `userAgent`... ; the source key from
`sourceAddress`, its kind and `networkPath`; the sample id is the event
id, else the request id) and compared in order, field by field. Prints
the first differences and exits 1 when there are any, else prints the
event count and exits 0.
"""

import ipaddress
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "spark"))

import azure_events  # noqa: E402
import cloudtrail_events  # noqa: E402
from cloudtrail_events import FIELDS  # noqa: E402

FORMATS = ("azure-analytics", "azure-monitor", "auto")
MAX_REPORTED = 10


def walk(path):
    """Files under path in the order of the Swift InputWalker."""
    if not os.path.isdir(path):
        yield path
        return
    names = sorted((n for n in os.listdir(path) if not n.startswith(".")),
                   key=lambda n: n.encode("utf-8", "surrogateescape"))
    for name in names:
        child = os.path.join(path, name)
        if os.path.isdir(child):
            if name != "CloudTrail-Digest":
                yield from walk(child)
        elif os.path.isfile(child):
            yield child


def python_events(fmt, logdir):
    """[(path, event tuple)] of the port, duplicates dropped."""
    seen = set()
    out = []
    for path in walk(logdir):
        with open(path, "rb") as handle:
            content = handle.read()
        if fmt == "azure-analytics":
            found, file_format = azure_events.analytics_events(content), fmt
        elif fmt == "azure-monitor":
            found, file_format = azure_events.monitor_events(content), fmt
        else:
            file_format = azure_events.detect(
                azure_events._inflate(content))
            found = azure_events.events(content)
        for event in found:
            event_id = event[0]
            if event_id is not None:
                if (file_format, event_id) in seen:
                    continue
                seen.add((file_format, event_id))
            out.append((path, event))
    return out


def source_key(event):
    """The source key of a Swift event, as the features stage builds
    it from the written address (see cloudtrail_events.source_key)."""
    if event.get("networkPath"):
        return "private:" + event["networkPath"]
    address = event.get("sourceAddress")
    if address is None:
        return None
    if event.get("sourceAddressKind") == "name":
        return "service:" + address
    ip = ipaddress.ip_address(address)
    if cloudtrail_events._is_private(ip):
        return "private:private"
    return "public:" + address


def to_fields(event):
    """A Swift JSON event as a tuple in FIELDS order."""
    event_id = event.get("eventId")
    values = {
        "event_id": event_id,
        "principal": event.get("principal"),
        "principal_kind": event.get("principalKind"),
        "account": event.get("account"),
        "time_ns": cloudtrail_events.parse_time_ns(event.get("time")),
        "action": event.get("action"),
        "outcome": event.get("outcome"),
        "bytes_out": event.get("bytesOut"),
        "bytes_in": event.get("bytesIn"),
        "bucket": event.get("bucket"),
        "object_key": event.get("key"),
        "operation": event.get("operation"),
        "user_agent": event.get("userAgent"),
        "source": source_key(event),
        "sample_id": event_id if event_id is not None
        else event.get("requestId"),
    }
    return tuple(values[name] for name in FIELDS)


def swift_events(fmt, logdir, storagewatch):
    """The Swift events as FIELDS tuples, and the run's stderr."""
    run = subprocess.run(
        [storagewatch, "events", "--provider", fmt, "--max-future", "none",
         logdir],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if run.returncode != 0:
        sys.stderr.write(run.stderr.decode("utf-8", "replace"))
        sys.exit("storagewatch events failed with status %d"
                 % run.returncode)
    out = []
    for line in run.stdout.decode("utf-8").splitlines():
        if not line.strip():
            continue
        event = json.loads(line)
        if fmt == "auto" and event.get("format") not in (
                "azure-analytics", "azure-monitor"):
            continue
        out.append(to_fields(event))
    return out, run.stderr.decode("utf-8", "replace")


def compare(expected, actual):
    """Differences as text lines: the first MAX_REPORTED differing
    events field by field (Swift, then Python), the number of differing
    events, and any difference in the event counts."""
    problems = []
    differing = 0
    for index, (want, (path, got)) in enumerate(zip(expected, actual)):
        if want == got:
            continue
        differing += 1
        if differing > MAX_REPORTED:
            continue
        problems.append("event %d (%s, event_id %r):" % (index, path, got[0]))
        for k, name in enumerate(FIELDS):
            if want[k] != got[k]:
                problems.append("  %-14s swift=%r" % (name, want[k]))
                problems.append("  %-14s python=%r" % ("", got[k]))
    if differing:
        problems.append("%d of %d compared events differ"
                        % (differing, min(len(expected), len(actual))))
    if len(expected) != len(actual):
        problems.append("event counts differ: swift %d, python %d"
                        % (len(expected), len(actual)))
        shorter = min(len(expected), len(actual))
        if len(expected) > shorter:
            problems.append("first swift event beyond: %r"
                            % (expected[shorter],))
        if len(actual) > shorter:
            problems.append("first python event beyond: %r (%s)"
                            % (actual[shorter][1], actual[shorter][0]))
    return problems


def main(argv):
    if len(argv) != 4 or argv[1] not in FORMATS:
        sys.exit(__doc__)
    fmt, logdir, storagewatch = argv[1:]
    expected, summary = swift_events(fmt, logdir, storagewatch)
    actual = python_events(fmt, logdir)
    problems = compare(expected, actual)
    if problems:
        print("\n".join(problems))
        notes = [line for line in summary.splitlines()
                 if line.startswith("note:")]
        print("storagewatch summary:\n" + "\n".join(notes))
        return 1
    files = sum(1 for _ in walk(logdir))
    print("%d events from %d files match field by field (%s)"
          % (len(actual), files, fmt))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
