"""Normalizes GCS Cloud Audit Logs entries as StorageWatch's adapter does.

Pure Python, no Spark: the Spark job (storagewatch_features.py
--log-format gcs) runs it on every file, and the checks import it
directly. Each rule below mirrors the Swift adapter
(Sources/AccessLogs/Adapters/GCSAudit) and is documented in
Docs/StorageWatch.docc/Events.md; a change there must be made here too,
and `make spark-check` fails until it is. The interface is that of
cloudtrail_events.py: events(content) yields tuples in FIELDS order.

Accepted shapes, per JSON value: LogEntry objects one per line (log
sinks to Cloud Storage) or pretty-printed one after another, with any
caption text between them; a JSON array of entries; a Logging API
response {"entries": [...]}; a Pub/Sub push body {"message": {"data":
<base64 LogEntry>}}, a pull response {"receivedMessages": [...]} or an
array of pulled messages.
"""

import json

from event_common import FIELDS, json_values, parse_time_ns  # noqa: F401
from event_common import source_key
from event_common import int64 as _int64
from event_common import member as _member
from event_common import text as _text

# The provider column of the features table for this format.
PROVIDER = "gcp"

_METHODS = {
    "storage.objects.get": "read",
    "storage.objects.list": "list",
    "storage.buckets.list": "list",
    "storage.objects.delete": "delete",
    "storage.buckets.delete": "delete",
    "storage.buckets.get": "metadata-read",
    "storage.buckets.getIamPolicy": "metadata-read",
    "storage.objects.getIamPolicy": "metadata-read",
    "storage.getIamPermissions": "metadata-read",
    "storage.setIamPermissions": "permission-change",
    "storage.buckets.setIamPolicy": "permission-change",
    "storage.objects.setIamPolicy": "permission-change",
}
_WRITE_VERBS = {"create", "insert", "update", "patch", "compose", "rewrite",
                "copy", "restore", "lockRetentionPolicy", "move"}


def is_storage(method):
    """Whether a method name belongs to Cloud Storage (GCSMethod)."""
    return method.startswith(("storage.", "google.storage."))


def action_category(method):
    """The action category of a Cloud Storage method name: the table
    first (with or without a `google.` prefix), else its last segment."""
    if method in _METHODS:
        return _METHODS[method]
    bare = method[len("google."):] if method.startswith("google.") \
        else method
    if bare is not method and bare in _METHODS:
        return _METHODS[bare]
    segments = [part for part in bare.split(".") if part]
    verb = segments[-1] if segments else bare
    if verb.startswith("setIam"):
        return "permission-change"
    if verb.startswith(("get", "testIam")):
        return "metadata-read"
    if verb.startswith("list"):
        return "list"
    if verb == "delete":
        return "delete"
    if verb in _WRITE_VERBS:
        return "write"
    return "other"


def outcome(code):
    """success for status code 0, denied for 7 (PERMISSION_DENIED) and
    16 (UNAUTHENTICATED), else error."""
    if code == 0:
        return "success"
    if code in (7, 16):
        return "denied"
    return "error"


def is_google_managed(email):
    """Whether an email names a service agent that Google runs for the
    project (not an identity the customer controls)."""
    at = email.rfind("@")
    if at < 0:
        return False
    domain = email[at + 1:]
    if domain in ("system.gserviceaccount.com",
                  "cloudservices.gserviceaccount.com",
                  "gs-project-accounts.iam.gserviceaccount.com"):
        return True
    suffix = ".iam.gserviceaccount.com"
    return (email.startswith("service-") and domain.startswith("gcp-sa-")
            and len(domain) > len(suffix) and domain.endswith(suffix))


def resolve_principal(info, failed):
    """(principal, kind) of authenticationInfo: the email (a service
    when Google-managed, else a user), else principalSubject (a user),
    else `unknown` for a failed request and `anonymous` otherwise."""
    email = _text(_member(info, "principalEmail"))
    if email is not None:
        return (email, "service" if is_google_managed(email) else "user")
    subject = _text(_member(info, "principalSubject"))
    if subject is not None:
        return (subject, "user")
    if failed:
        return ("unknown", "unknown")
    return ("anonymous", "anonymous")


def bucket_and_object(path):
    """(bucket, object or None) of `projects/<p>/buckets/<b>[/objects/<o>]`
    (the object keeps every `/`), or None when no bucket is named."""
    if not path.startswith("projects/"):
        return None
    slash = path.find("/", len("projects/"))
    if slash < 0:
        return None
    rest = path[slash + 1:]
    if not rest.startswith("buckets/"):
        return None
    rest = rest[len("buckets/"):]
    end = rest.find("/")
    bucket = rest if end < 0 else rest[:end]
    if not bucket:
        return None
    tail = "" if end < 0 else rest[end:]
    if tail.startswith("/objects/"):
        return (bucket, tail[len("/objects/"):] or None)
    return (bucket, None)


def project_of_log_name(name):
    """The project of `projects/<p>/logs/<log>`, or None."""
    if name is None or not name.startswith("projects/"):
        return None
    return name[len("projects/"):].split("/", 1)[0] or None


def strip_front_end_suffix(agent):
    """The user agent without the `,gzip(gfe)` suffixes (one or more)
    that Google's front end appends."""
    while agent.endswith(",gzip(gfe)"):
        agent = agent[:-len(",gzip(gfe)")]
    return agent


def _resource(payload, labels):
    """(bucket, object) from the resource labels, the resourceName or,
    for VPC Service Controls denials, metadata.resourceNames."""
    bucket = _text(_member(labels, "bucket_name"))
    candidates = [_text(payload.get("resourceName"))]
    if bucket is None:
        names = _member(payload, "metadata", "resourceNames")
        if isinstance(names, list):
            candidates += [_text(name) for name in names]
    for name in candidates:
        parsed = None if name is None else bucket_and_object(name)
        if parsed is None:
            continue
        if bucket is None:
            bucket = parsed[0]
        if bucket == parsed[0]:
            return (bucket, parsed[1])
        return (bucket, None)
    return (bucket, None)


def normalize(entry):
    """A normalized event tuple (see FIELDS) of one LogEntry, or None
    when it is skipped."""
    if not isinstance(entry, dict):
        return None
    payload = entry.get("protoPayload")
    if not isinstance(payload, dict):
        return None
    if payload.get("serviceName") != "storage.googleapis.com":
        return None
    method = _text(payload.get("methodName"))
    if method is None or not is_storage(method):
        return None
    metadata = payload.get("requestMetadata")
    if "timestamp" in entry:
        time_text = entry["timestamp"]
    else:
        time_text = _member(metadata, "requestAttributes", "time")
    time_ns = parse_time_ns(time_text)
    if time_ns is None:
        return None
    code = _int64(_member(payload, "status", "code"))
    result = outcome(0 if code is None else code)
    principal, kind = resolve_principal(
        payload.get("authenticationInfo"), result != "success")
    labels = _member(entry, "resource", "labels")
    account = _text(_member(labels, "project_id")) or \
        project_of_log_name(_text(entry.get("logName")))
    bucket, key = _resource(payload, labels)
    address = _text(_member(metadata, "callerIp"))
    if address is None:
        address = _text(_member(metadata, "callerIP"))
    agent = _text(_member(metadata, "callerSuppliedUserAgent"))
    if agent is not None:
        agent = strip_front_end_suffix(agent)
    event_id = _text(entry.get("insertId"))
    return (
        event_id, principal, kind, account, time_ns,
        action_category(method), result, None, None, bucket, key, method,
        agent, source_key(address, None), event_id,
    )


_BASE64 = {c: i for i, c in enumerate(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_BASE64["-"] = 62
_BASE64["_"] = 63


def decode_base64(data):
    """Bytes of base64 text, standard or URL-safe alphabet, padding
    optional, white space ignored; None when not base64."""
    out = bytearray()
    accumulator = pending = 0
    padded = False
    for c in data:
        if c == "=":
            padded = True
            continue
        if c in " \n\r\t":
            continue
        value = _BASE64.get(c)
        if value is None or padded:
            return None
        accumulator = accumulator << 6 | value
        pending += 1
        if pending == 4:
            out += accumulator.to_bytes(3, "big")
            accumulator = pending = 0
    if pending == 2:
        out.append(accumulator >> 4 & 0xFF)
    elif pending == 3:
        out += (accumulator >> 2 & 0xFFFF).to_bytes(2, "big")
    elif pending != 0:
        return None
    return bytes(out)


def _pubsub_entry(message):
    """The LogEntry in a Pub/Sub message's base64 data, or None."""
    data = _member(message, "data")
    if not isinstance(data, str):
        return None
    decoded = decode_base64(data)
    if decoded is None:
        return None
    try:
        return json.loads(decoded.decode("utf-8", errors="replace"))
    except ValueError:
        return None


def entries(value, nested=False):
    """The LogEntry objects of one JSON value (see the module's shapes)."""
    if isinstance(value, list) and not nested:
        for element in value:
            yield from entries(element, nested=True)
    elif isinstance(value, dict):
        if isinstance(value.get("entries"), list):
            yield from value["entries"]
        elif isinstance(value.get("receivedMessages"), list):
            for received in value["receivedMessages"]:
                yield _pubsub_entry(_member(received, "message"))
        elif isinstance(value.get("message"), dict):
            yield _pubsub_entry(value["message"])
        else:
            yield value


def records(content):
    """LogEntry objects of one file's bytes; gzip is inflated first."""
    for value in json_values(content):
        yield from entries(value)


def events(content):
    """Normalized events of one file's bytes."""
    for entry in records(content):
        event = normalize(entry)
        if event is not None:
            yield event
