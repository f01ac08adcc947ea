"""Normalizes CloudTrail S3 data events as StorageWatch's adapter does.

Pure Python, no Spark: the Spark job (storagewatch_features.py) runs it
on every file, and the parity check imports it directly. Each rule below
mirrors the Swift adapter (Sources/AccessLogs/Adapters/CloudTrail) and
is documented in Docs/StorageWatch.docc/Events.md; a change there must
be made here too, and `make spark-check` fails until it is.
"""

import calendar
import gzip
import ipaddress
import json
import re

# One normalized event: the fields the features table is built from.
FIELDS = (
    "event_id", "principal", "principal_kind", "account", "time_ns",
    "action", "outcome", "bytes_out", "bytes_in", "bucket", "object_key",
    "operation", "user_agent", "source", "sample_id",
)

_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})"
    r"(?:[.,](\d+))?(Z|z|[+-]\d{2}:?\d{2})?$")


def parse_time_ns(text):
    """RFC 3339 time to nanoseconds since 1970, or None."""
    if not isinstance(text, str):
        return None
    m = _TIME.match(text)
    if not m:
        return None
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour <= 23
            and minute <= 59 and second <= 60):
        return None
    try:
        seconds = calendar.timegm((year, month, day, hour, minute, second))
    except (ValueError, OverflowError):
        return None
    fraction = (m.group(7) or "")[:9].ljust(9, "0")
    zone = m.group(8)
    if zone and zone not in ("Z", "z"):
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        seconds -= sign * (int(digits[:2]) * 3600 + int(digits[2:]) * 60)
    return seconds * 1_000_000_000 + int(fraction)


def is_ephemeral_session(name):
    """Whether a role-session name looks generated (see RoleSessionName)."""
    if not name:
        return True
    data = name.encode("utf-8")
    digits = letters = length = 0
    hex_only = True

    def random_token():
        if length >= 6 and letters == 0 and digits == length:
            return True
        if length >= 8 and hex_only and digits > 0 and letters > 0:
            return True
        return length >= 10 and digits >= 2 and letters >= 2

    for byte in data:
        if byte in b"-_.:@=,+/":
            if random_token():
                return True
            digits = letters = length = 0
            hex_only = True
            continue
        if 0x30 <= byte <= 0x39:
            digits += 1
        elif 0x41 <= byte <= 0x46 or 0x61 <= byte <= 0x66:
            letters += 1
        elif 0x47 <= byte <= 0x5A or 0x67 <= byte <= 0x7A:
            letters += 1
            hex_only = False
        else:
            hex_only = False
        length += 1
    return random_token()


def _text(value):
    """A JSON value as text, as the Swift reader takes it: a non-empty
    string, or the text of a number or boolean; else None."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return None


def _member(obj, *keys):
    for key in keys:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def resolve_principal(u):
    """(principal, kind, principal account, session name) of userIdentity."""
    if not isinstance(u, dict):
        return ("unknown", "unknown")
    kind_name = u.get("type")
    arn = _text(u.get("arn"))
    account = _text(u.get("accountId"))
    principal_id = _text(u.get("principalId"))
    user_name = _text(u.get("userName"))
    if kind_name == "IAMUser":
        name = arn or f"arn:aws:iam::{account or 'unknown'}:user/{user_name or '?'}"
        return (name, "user")
    if kind_name == "AssumedRole":
        return _assumed_role(u, arn, account, principal_id)
    if kind_name == "Root":
        return (arn or f"arn:aws:iam::{account or 'unknown'}:root",
                "account-root")
    if kind_name == "FederatedUser":
        return (arn or principal_id or "unknown", "federated-user")
    if kind_name == "AWSService":
        return (_text(u.get("invokedBy")) or "aws-service", "service")
    if kind_name == "AWSAccount":
        if account == "anonymous":
            return ("anonymous", "anonymous")
        return (f"aws-account:{account or 'unknown'}/{principal_id or ''}",
                "unknown")
    invoked_by = _text(u.get("invokedBy"))
    if invoked_by is not None and arn is None:
        return (invoked_by, "service")
    name = arn or user_name or principal_id or "unknown"
    return (name, "unknown" if name == "unknown" else "user")


def _assumed_role(u, arn, account, principal_id):
    role_name = session = None
    found = False
    if arn is not None:
        parts = arn.split(":", 5)
        if len(parts) == 6 and parts[5].startswith("assumed-role/"):
            found = True
            rest = parts[5][len("assumed-role/"):]
            if "/" in rest:
                role_name, session = rest.split("/", 1)
            else:
                role_name = rest
    if not found and principal_id is not None and ":" in principal_id:
        session = principal_id.split(":", 1)[1]
    if arn is not None and session is not None \
            and not is_ephemeral_session(session):
        return (arn, "role-session")
    issuer = _member(u, "sessionContext", "sessionIssuer")
    issuer_arn = _text(_member(issuer, "arn"))
    role_name = role_name or _text(_member(issuer, "userName"))
    role = issuer_arn or \
        f"arn:aws:iam::{account or 'unknown'}:role/{role_name or 'unknown'}"
    return (role, "role")


_READ = {"GetObject", "GetObjectTorrent", "SelectObjectContent",
         "GetObjectVersion"}
_LIST = {"ListObjects", "ListObjectsV2", "ListObjectVersions", "ListBucket",
         "ListBuckets", "ListAllMyBuckets", "ListMultipartUploads",
         "ListParts", "ListBucketVersions", "ListDirectoryBuckets",
         "ListAccessPoints"}
_DELETE = {"DeleteObject", "DeleteObjects", "DeleteObjectVersion",
           "DeleteBucket", "AbortMultipartUpload"}
_PERMISSION = {
    "PutBucketAcl", "PutObjectAcl", "PutBucketPolicy", "DeleteBucketPolicy",
    "PutBucketPublicAccessBlock", "DeleteBucketPublicAccessBlock",
    "PutAccountPublicAccessBlock", "DeleteAccountPublicAccessBlock",
    "PutBucketOwnershipControls", "DeleteBucketOwnershipControls",
    "PutAccessPointPolicy", "DeleteAccessPointPolicy",
    "PutAccessPointPublicAccessBlock", "DeleteAccessPointPublicAccessBlock",
    "PutMultiRegionAccessPointPolicy"}
_METADATA = {"HeadObject", "HeadBucket", "GetObjectAcl",
             "GetObjectAttributes", "GetObjectTagging", "GetObjectRetention",
             "GetObjectLegalHold"}
_WRITE = {
    "PutObject", "CopyObject", "UploadPart", "UploadPartCopy",
    "CreateMultipartUpload", "CompleteMultipartUpload", "RestoreObject",
    "PostObject", "CreateBucket", "WriteGetObjectResponse",
    "DeleteObjectTagging", "DeleteBucketTagging", "DeleteBucketCors",
    "DeleteBucketLifecycle", "DeleteBucketReplication",
    "DeleteBucketEncryption", "DeleteBucketWebsite",
    "DeleteBucketMetricsConfiguration", "DeleteBucketAnalyticsConfiguration",
    "DeleteBucketInventoryConfiguration",
    "DeleteBucketIntelligentTieringConfiguration"}


def action_category(name):
    """The action category of a CloudTrail S3 event name."""
    for names, category in ((_READ, "read"), (_LIST, "list"),
                            (_DELETE, "delete"),
                            (_PERMISSION, "permission-change"),
                            (_METADATA, "metadata-read"), (_WRITE, "write")):
        if name in names:
            return category
    if name.startswith(("Get", "Head")):
        return "metadata-read"
    if name.startswith("List"):
        return "list"
    if name.startswith("Delete"):
        return "delete"
    if name.startswith(("Put", "Create", "Restore", "Copy", "Upload",
                        "Complete")):
        return "write"
    return "other"


_DENIED = {"AllAccessDisabled", "InvalidAccessKeyId", "SignatureDoesNotMatch",
           "ExpiredToken", "InvalidToken", "TokenRefreshRequired",
           "AccountProblem", "InvalidSecurity", "MissingSecurityHeader",
           "NotSignedUp", "RequestTimeTooSkewed",
           "InvalidObjectState.AccessDenied"}


def outcome(error_code):
    """success, denied or error."""
    if error_code is None:
        return "success"
    if ("AccessDenied" in error_code or "Unauthorized" in error_code
            or "Forbidden" in error_code or error_code in _DENIED):
        return "denied"
    return "error"


def _ip(text):
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    m = re.match(r"^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$", text)
    if m:
        return _ip(m.group(1))
    m = re.match(r"^\[([0-9A-Fa-f:.]+)\](?::\d{1,5})?$", text)
    if m:
        return _ip(m.group(1))
    return None


def _is_private(address):
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return _is_private(address.ipv4_mapped)
        value = int(address)
        high = value >> 64
        if high == 0 and (value & ((1 << 64) - 1)) in (0, 1):
            return True
        return high >> 57 == 0x7E or high >> 54 == 0x3FA
    a = int(address)
    return (a >> 24 == 10 or a >> 20 == 0xAC1 or a >> 16 == 0xC0A8
            or a >> 22 == 0x191 or a >> 24 == 127 or a >> 16 == 0xA9FE
            or a == 0)


def source_key(ip_text, endpoint):
    """`kind:value` of a request's source, or None (see SourceKey)."""
    if endpoint:
        return "private:" + endpoint
    if ip_text is None or ip_text in ("", "-"):
        return None
    address = _ip(ip_text)
    if address is None:
        return "service:" + ip_text
    if _is_private(address):
        return "private:private"
    return "public:" + str(address)


def _int64(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if -2**63 <= value < 2**63 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 9.2e18 \
            else None
    if isinstance(value, str):
        try:
            return _int64(int(value))
        except ValueError:
            try:
                return _int64(float(value))
            except ValueError:
                return None
    return None


def normalize(record):
    """A normalized event tuple (see FIELDS), or None when skipped."""
    if not isinstance(record, dict):
        return None
    if record.get("eventType") == "AwsCloudTrailInsight" \
            or record.get("eventCategory") == "Insight":
        return None
    if record.get("eventSource") != "s3.amazonaws.com":
        return None
    name = _text(record.get("eventName"))
    if name is None:
        return None
    time_text = record.get("eventTime")
    if time_text is None:
        time_text = record.get("@timestamp")
    if time_text is None:
        time_text = record.get("p_event_time")
    time_ns = parse_time_ns(time_text)
    if time_ns is None:
        return None
    principal, kind = resolve_principal(record.get("userIdentity"))
    parameters = record.get("requestParameters")
    bucket = _text(_member(parameters, "bucketName"))
    key = _text(_member(parameters, "key"))
    account = _text(record.get("recipientAccountId"))
    resources = record.get("resources")
    for resource in resources if isinstance(resources, list) else []:
        if not isinstance(resource, dict):
            continue
        arn = _text(resource.get("ARN"))
        if not arn:
            arn = _text(resource.get("ARNPrefix"))
        if not arn or not arn.startswith("arn:aws:s3:::"):
            continue
        path = arn[len("arn:aws:s3:::"):]
        slash = path.find("/")
        head = path if slash < 0 else path[:slash]
        if bucket is None and head:
            bucket = head
        if key is None and slash >= 0 and slash + 1 < len(path) \
                and resource.get("type") == "AWS::S3::Object":
            key = path[slash + 1:]
        if resource.get("type") == "AWS::S3::Bucket":
            owner = _text(resource.get("accountId")) or \
                _text(resource.get("accountid"))
            if owner is not None:
                account = owner
    agent = _text(record.get("userAgent"))
    if agent is not None and len(agent) >= 2 and agent[0] == "[" \
            and agent[-1] == "]":
        agent = agent[1:-1]
    extra = record.get("additionalEventData")
    event_id = _text(record.get("eventID"))
    return (
        event_id, principal, kind, account, time_ns, action_category(name),
        outcome(_text(record.get("errorCode"))),
        _int64(_member(extra, "bytesTransferredOut")),
        _int64(_member(extra, "bytesTransferredIn")), bucket, key, name,
        agent,
        source_key(_text(record.get("sourceIPAddress")),
                   _text(record.get("vpcEndpointId"))),
        event_id if event_id is not None else _text(record.get("requestID")),
    )


def records(content):
    """CloudTrail records of one file's bytes: a delivery file's Records,
    a JSON array, one event, or JSON Lines; gzip is inflated first."""
    if content[:2] == b"\x1f\x8b":
        content = gzip.decompress(content)
    text = content.decode("utf-8", errors="replace")
    try:
        document = json.loads(text)
    except ValueError:
        for line in text.splitlines():
            if line.strip():
                try:
                    yield json.loads(line)
                except ValueError:
                    continue
        return
    if isinstance(document, dict) and isinstance(document.get("Records"),
                                                 list):
        yield from document["Records"]
    elif isinstance(document, list):
        yield from document
    else:
        yield document


def events(content):
    """Normalized events of one file's bytes."""
    for record in records(content):
        event = normalize(record)
        if event is not None:
            yield event
