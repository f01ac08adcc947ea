"""Normalizes CloudTrail S3 data events as StorageWatch's adapter does.

Pure Python, no Spark: the Spark job (storagewatch_features.py) runs it
on every file, and the parity check imports it directly. Each rule below
mirrors the Swift adapter (Sources/AccessLogs/Adapters/CloudTrail) and
is documented in Docs/StorageWatch.docc/Events.md; a change there must
be made here too, and `make spark-check` fails until it is. Helpers
shared with the other ports are in event_common.py.
"""

import json

from event_common import FIELDS, inflated, parse_time_ns  # noqa: F401
from event_common import source_key
from event_common import int64 as _int64
from event_common import member as _member
from event_common import text as _text

# The provider column of the features table for this format.
PROVIDER = "aws"


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
        name = arn or \
            f"arn:aws:iam::{account or 'unknown'}:user/{user_name or '?'}"
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
    text = inflated(content).decode("utf-8", errors="replace")
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
