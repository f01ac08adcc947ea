"""Peer baseline: the static rules security guides give, in plain Python.

Reads CloudTrail delivery files (.json or .json.gz, walked recursively)
with json.load, keeps S3 data events once per eventID, and counts alarms
per principal and hour over the last 24 hours before the latest event:
more than 100 GetObject in an hour; any request outside 08:00-18:00 UTC;
a source address not seen for the principal in the 30 days before.
This is what a short script over the standard library does; the
benchmark times it beside `storagewatch detect` on the same files.

Usage: python3 static_rules.py DIR
"""

import sys
from datetime import datetime

from cloudtrail_files import files, records


def principal(identity):
    identity = identity or {}
    return (
        identity.get("arn")
        or identity.get("invokedBy")
        or identity.get("principalId")
        or identity.get("accountId")
        or "unknown"
    )


def main(root):
    seen = set()
    events = []
    for path in files(root):
        for record in records(path):
            if record.get("eventSource") != "s3.amazonaws.com":
                continue
            event_id = record.get("eventID")
            if event_id in seen:
                continue
            seen.add(event_id)
            when = datetime.strptime(
                record["eventTime"][:19], "%Y-%m-%dT%H:%M:%S"
            )
            events.append(
                (
                    when.timestamp(),
                    principal(record.get("userIdentity")),
                    record.get("eventName"),
                    record.get("sourceIPAddress"),
                )
            )
    events.sort()
    if not events:
        print("static rules: no events")
        return
    end = events[-1][0]
    start = end - 86400
    reads = {}
    after_hours = set()
    new_address = set()
    last_seen = {}
    for seconds, who, name, address in events:
        hour = int(seconds // 3600)
        key = (who, hour)
        judged = seconds >= start
        if address:
            previous = last_seen.get((who, address))
            if judged and (previous is None or seconds - previous > 30 * 86400):
                new_address.add(key)
            last_seen[(who, address)] = seconds
        if not judged:
            continue
        if name == "GetObject":
            reads[key] = reads.get(key, 0) + 1
        if not 8 <= hour % 24 < 18:
            after_hours.add(key)
    bulk = sum(1 for count in reads.values() if count > 100)
    print(
        "static rules: %d events, %d alarms (bulk %d, after hours %d, "
        "new address %d)"
        % (len(events), bulk + len(after_hours) + len(new_address), bulk,
           len(after_hours), len(new_address))
    )


if __name__ == "__main__":
    main(sys.argv[1])
