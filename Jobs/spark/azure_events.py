"""Normalizes Azure Blob Storage logs as StorageWatch's adapters do.

Pure Python, no Spark, like cloudtrail_events.py: the Spark job can run
it on every file, and the parity check (Jobs/check/azure_events_check.py)
imports it directly. Two formats are read:

- Storage Analytics logs (the classic `$logs` container), versions 1.0
  and 2.0: one record per line, `;`-separated, with quoting quirks
  (Sources/AccessLogs/Adapters/AzureAnalytics);
- Azure Monitor `StorageBlobLogs` resource logs: diagnostic-settings
  records (PT1H.json lines, Event Hub `{"records": [...]}`, JSON arrays)
  and Log Analytics rows with PascalCase columns
  (Sources/AccessLogs/Adapters/AzureMonitor).

Each rule below mirrors the Swift adapter and is documented in
Docs/StorageWatch.docc/Events.md; a change there must be made here too.
Events are tuples in the order of event_common.FIELDS. Duplicate
deliveries are not dropped here: like CloudTrail events, they are
dropped on `event_id` by the caller.
"""

import calendar
import gzip
import ipaddress
import json
import re

from event_common import FIELDS, is_private as _is_private  # noqa: F401

PROVIDER = "azure"

# ---------------------------------------------------------------------
# Shared rules: times, addresses, URL decoding (Sources/AccessLogs/Event,
# LineBytes, AzureObjectPath).

_ISO = re.compile(
    rb"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):"
    rb"([0-9]{2})(?:[.,]([0-9]+))?(?:([Zz])|([+-])([0-9]{2})"
    rb"(?::?([0-9]{2}))?)?")
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year, month):
    if month == 2 and (year % 4 == 0 and year % 100 != 0
                       or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


def parse_iso8601_ns(text):
    """ISO 8601 time (str or bytes) to nanoseconds since 1970, or None.

    As Swift's `Timestamp.parseISO8601`: `T`, `t` or a space between
    date and time, a fraction of any length (nine digits kept, `.` or
    `,`), a zone of `Z`, `z`, `+hh`, `+hhmm` or `+hh:mm` (UTC when
    absent), days checked against the month, years 1678 to 2261.
    """
    if isinstance(text, str):
        text = text.encode("utf-8")
    m = _ISO.fullmatch(text)
    if not m:
        return None
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    offset = 0
    if m.group(9):
        zone_hours = int(m.group(10))
        zone_minutes = int(m.group(11) or b"0")
        if zone_hours > 23 or zone_minutes > 59:
            return None
        offset = zone_hours * 3600 + zone_minutes * 60
        if m.group(9) == b"-":
            offset = -offset
    if not (1678 <= year <= 2261 and 1 <= month <= 12 and day >= 1
            and day <= _days_in_month(year, month) and hour <= 23
            and minute <= 59 and second <= 60):
        return None
    seconds = calendar.timegm((year, month, day, hour, minute, second))
    fraction = (m.group(7) or b"")[:9].ljust(9, b"0")
    return (seconds - offset) * 1_000_000_000 + int(fraction)


def _parse_v4(text):
    """Strict dotted-quad IPv4 (no leading zeros) as an int, or None."""
    parts = text.split(".")
    if len(parts) != 4:
        return None
    value = 0
    for part in parts:
        if not (1 <= len(part) <= 3) or not _all_digits(part) \
                or (len(part) > 1 and part[0] == "0") or int(part) > 255:
            return None
        value = value << 8 | int(part)
    return value


def _all_digits(text):
    return all("0" <= c <= "9" for c in text)


def _hex_group(text):
    if not (1 <= len(text) <= 4):
        return None
    if not all(c in "0123456789abcdefABCDEF" for c in text):
        return None
    return int(text, 16)


def _parse_v6(text):
    """RFC 4291 IPv6 text (`::`, an IPv4 tail, no zone) as an int."""
    if not (2 <= len(text.encode("utf-8")) <= 45):
        return None
    if "::" in text:
        if text.count("::") > 1:
            return None
        head_text, tail_text = text.split("::")
        gap = True
    else:
        head_text, tail_text, gap = text, "", False
    groups = []
    for index, side in enumerate((head_text, tail_text)):
        if side == "":
            if not gap and index == 0:
                return None
            groups.append([])
            continue
        items = side.split(":")
        values = []
        for k, item in enumerate(items):
            if "." in item and k == len(items) - 1 \
                    and (index == 1 or not gap):
                v4 = _parse_v4(item)
                if v4 is None:
                    return None
                values += [v4 >> 16, v4 & 0xFFFF]
                continue
            group = _hex_group(item)
            if group is None:
                return None
            values.append(group)
        groups.append(values)
    if gap and "." in head_text:
        return None
    head, tail = groups[0], groups[1]
    count = len(head) + len(tail)
    if (gap and count > 7) or (not gap and count != 8):
        return None
    value = 0
    for group in head + [0] * (8 - count) + tail:
        value = value << 16 | group
    return value


def _port(text):
    """Swift's `UInt16(text)`: digits with an optional sign."""
    sign = 1
    if text[:1] in ("+", "-"):
        sign = -1 if text[0] == "-" else 1
        text = text[1:]
    if not text or not _all_digits(text):
        return None
    value = sign * int(text)
    return value if 0 <= value <= 65535 else None


def _address(text):
    """(version, int) of an address, or None (IPAddress.init)."""
    v4 = _parse_v4(text)
    if v4 is not None:
        return (4, v4)
    v6 = _parse_v6(text)
    if v6 is not None:
        return (6, v6)
    return None


def parse_host_and_port(text):
    """(version, int) of `ip`, `ip:port`, `[v6]` or `[v6]:port`, or
    None (Swift's `IPAddress.parse(hostAndPort:)`)."""
    address = _address(text)
    if address is not None:
        return address
    if text.startswith("["):
        close = text.find("]")
        if close < 0:
            return None
        address = _address(text[1:close])
        if address is None:
            return None
        rest = text[close + 1:]
        if rest == "":
            return address
        if not rest.startswith(":") or _port(rest[1:]) is None:
            return None
        return address
    colon = text.rfind(":")
    if colon < 0:
        return None
    v4 = _parse_v4(text[:colon])
    if v4 is None or _port(text[colon + 1:]) is None:
        return None
    return (4, v4)


def address_text(address):
    """Canonical text: dotted quad or RFC 5952 IPv6 (as Swift writes
    it: an IPv4-mapped address stays in hexadecimal groups)."""
    version, value = address
    if version == 4:
        return ".".join(str(value >> s & 255) for s in (24, 16, 8, 0))
    groups = [value >> (112 - 16 * i) & 0xFFFF for i in range(8)]
    best_start, best_length, i = -1, 1, 0
    while i < 8:
        j = i
        while j < 8 and groups[j] == 0:
            j += 1
        if j - i > best_length:
            best_start, best_length = i, j - i
        i = i + 1 if j == i else j
    if best_start < 0:
        return ":".join("%x" % g for g in groups)
    return (":".join("%x" % g for g in groups[:best_start]) + "::"
            + ":".join("%x" % g for g in groups[best_start + best_length:]))


def source_key(address_or_name):
    """`kind:value` of a classified source (see SourceKey): an address
    is `private:private` or `public:<canonical>`, a name
    `service:<name>`; None stays None."""
    if address_or_name is None:
        return None
    if isinstance(address_or_name, str):
        return "service:" + address_or_name
    version, value = address_or_name
    ip = (ipaddress.IPv4Address(value) if version == 4
          else ipaddress.IPv6Address(value))
    if _is_private(ip):
        return "private:private"
    return "public:" + address_text(address_or_name)


def classify_source(text):
    """An address tuple, the verbatim text as a name, or None for empty
    text and `-` (Swift's `SourceAddress.classify`)."""
    if text is None or text in ("", "-"):
        return None
    address = parse_host_and_port(text)
    return address if address is not None else text


_HEX = b"0123456789abcdefABCDEF"
_ENTITIES = ((b"&amp;", b"&"), (b"&quot;", b'"'), (b"&lt;", b"<"),
             (b"&gt;", b">"), (b"&apos;", b"'"))


def _percent_decode(data):
    """`%XX` (two hex digits) to bytes; other `%` kept, `+` kept."""
    if b"%" not in data:
        return data
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        if data[i] == 0x25 and i + 2 < n and data[i + 1] in _HEX \
                and data[i + 2] in _HEX:
            out.append(int(data[i + 1:i + 3], 16))
            i += 3
        else:
            out.append(data[i])
            i += 1
    return bytes(out)


def decode_url(data, html_entities=True):
    """LineBytes.decodeURL without `+` as space: HTML entities first
    (`&amp;` ...), then `%XX`; invalid UTF-8 becomes U+FFFD."""
    if html_entities and b"&" in data:
        out = bytearray()
        i, n = 0, len(data)
        while i < n:
            if data[i] == 0x26:
                for entity, byte in _ENTITIES:
                    if data.startswith(entity, i):
                        out += byte
                        i += len(entity)
                        break
                else:
                    out.append(0x26)
                    i += 1
            else:
                out.append(data[i])
                i += 1
        data = bytes(out)
    return _percent_decode(data).decode("utf-8", errors="replace")


# ---------------------------------------------------------------------
# Storage Analytics (AzureStorageAnalyticsAdapter).

def split_analytics(line):
    """(start, end) spans of a line's `;`-separated fields.

    A field that starts with `"` ends at the first `"` followed by `;`
    or the end of the line (its span excludes the quotes); a quote never
    closed runs to the end. Other fields end at the next `;`, and a `;`
    ending the line starts one more, empty, field.
    """
    spans = []
    i, n = 0, len(line)
    while True:
        if i < n and line[i] == 0x22:
            j = line.find(b'";', i + 1)
            if j < 0:
                j = n - 1 if n - 1 >= i + 1 and line[n - 1] == 0x22 else n
            spans.append((i + 1, j))
            following = j + 1
        else:
            j = line.find(b";", i)
            if j < 0:
                j = n
            spans.append((i, j))
            following = j
        if following >= n:
            break
        i = following + 1
        if i == n:
            spans.append((n, n))
            break
    return spans


def analytics_category(name):
    """The action category of a Storage Analytics operation-type."""
    if name in ("GetBlob", "GetFile", "ReadFile", "QueryBlobContents",
                "CopyBlobSource"):
        return "read"
    if name == "FindBlobsByTags":
        return "list"
    if name in ("SetContainerACL", "SetPathAccessControl",
                "SetPathAccessControlRecursive",
                "SetFileSystemAccessControl"):
        return "permission-change"
    if name.startswith("List"):
        return "list"
    if name.startswith(("Get", "Head")):
        return "metadata-read"
    if name.startswith("Delete"):
        return "delete"
    if name.startswith(("Put", "Set", "Create", "Copy", "Append",
                        "Snapshot", "Undelete", "Rename", "Flush",
                        "StartCopy")):
        return "write"
    return "other"


_KNOWN_TYPES = ("anonymous", "sas", "authenticated", "bearer", "oauth")


def analytics_identity(kind, status, requester, owner, oauth_identity):
    """(principal, kind) of authentication-type, request-status,
    requester and owner account names and the version 2.0 identity."""
    method = kind.lower()
    if method not in _KNOWN_TYPES:
        if status.startswith("Anonymous"):
            method = "anonymous"
        elif status.startswith("SAS"):
            method = "sas"
        elif status.startswith("OAuth"):
            method = "bearer"
    owner_name = owner if owner is not None else "unknown"
    if method == "anonymous":
        return ("anonymous", "anonymous")
    if method == "sas":
        return ("sas:" + owner_name, "shared-key")
    if method == "authenticated":
        return ("accountkey:" + (requester or owner_name), "shared-key")
    if method in ("bearer", "oauth"):
        if oauth_identity is not None:
            return (oauth_identity, "user")
        return ("oauth:" + owner_name, "unknown")
    return ("unknown", "unknown")


def analytics_outcome(status, http_status):
    """success, denied or error of request-status and HTTP status."""
    if status.endswith("Success"):
        return "success"
    if http_status in (401, 403) or "Authoriz" in status \
            or "Authentic" in status:
        return "denied"
    return "error"


def _digits(data):
    """LineBytes.int64: 1 to 18 ASCII digits as an int, else None."""
    if not 1 <= len(data) <= 18 or not data.isdigit():
        return None
    return int(data)


def _text_of(data):
    return data.decode("utf-8", errors="replace")


def _has_prefix(data, text):
    """Case-insensitive as the Swift adapter compares (`byte | 0x20`)."""
    return len(data) >= len(text) and all(
        data[k] | 0x20 == text[k] for k in range(len(text)))


def locate(data):
    """(found, container, blob) of a requested-object-key or URL."""
    n = len(data)
    p, end = 0, n
    if _has_prefix(data, b"https://") or _has_prefix(data, b"http://"):
        p = 7 if data[4] == 0x3A else 8
        host_start = p
        while p < n and data[p] not in (0x2F, 0x3F):
            p += 1
        query = data.find(b"?", p)
        end = n if query < 0 else query
        skip_account = host_start < n and (
            0x30 <= data[host_start] <= 0x39
            or _has_prefix(data, b"http://localhost")
            or data[host_start] == 0x5B)
    elif n > 0 and data[0] == 0x2F:
        skip_account = True
    else:
        return (False, None, None)
    if p < end and data[p] == 0x2F:
        p += 1
    if skip_account:
        while p < end and data[p] != 0x2F:
            p += 1
        if p >= end:
            return (True, None, None)
        p += 1
    container_start = p
    while p < end and data[p] != 0x2F:
        p += 1
    if p == container_start:
        return (True, None, None)
    raw = data[container_start:p]
    if b"%" in raw or b"&" in raw:
        container = decode_url(raw)
    else:
        container = _text_of(raw)
    blob = decode_url(data[p + 1:end]) if p + 1 < end else None
    return (True, container, blob)


def analytics_event(line):
    """The event tuple of one Storage Analytics line, or None when the
    Swift adapter skips it (version, field count, time, service)."""
    spans = split_analytics(line)

    def field(k):
        start, end = spans[k]
        return line[start:end]

    version = field(0)
    expected = {b"1.0": 30, b"2.0": 38}.get(version)
    if expected is None or len(spans) != expected:
        return None
    time_ns = parse_iso8601_ns(field(1))
    if time_ns is None or field(10) != b"blob" or not field(2):
        return None
    operation = _text_of(field(2))
    status = _text_of(field(3))
    requester = _text_of(field(8)) if field(8) else None
    owner = _text_of(field(9)) if field(9) else None
    oauth_identity = None
    if expected == 38:
        for k in (35, 30, 32):
            if field(k):
                oauth_identity = _text_of(field(k))
                break
    principal, kind = analytics_identity(
        _text_of(field(7)), status, requester, owner, oauth_identity)
    found, bucket, key = locate(field(12))
    if not found:
        found, bucket, key = locate(field(11))
    event_id = None
    if field(13):
        request_id = _text_of(field(13))
        count = _text_of(field(14)) if field(14) else "0"
        event_id = request_id + "#" + count
    source = None
    if field(15):
        source = classify_source(_text_of(field(15)))
    agent = _text_of(field(27)) if field(27) else None
    return (
        event_id, principal, kind, owner, time_ns,
        analytics_category(operation),
        analytics_outcome(status, _digits(field(4))),
        _digits(field(20)), _digits(field(21)), bucket, key, operation,
        agent, source_key(source), event_id,
    )


def _lines(content):
    """Records of line framing: lines without leading white space or the
    `\\r` before their `\\n` (a last line with no `\\n` keeps its
    `\\r`, as Swift's splitter does); blank lines left out."""
    lines = content.split(b"\n")
    last = len(lines) - 1
    for index, line in enumerate(lines):
        line = line.lstrip(b" \t\r")
        if index < last and line.endswith(b"\r"):
            line = line[:-1]
        if line:
            yield line


def analytics_events(content):
    """Normalized events of a Storage Analytics file's bytes."""
    for line in _lines(_inflate(content)):
        event = analytics_event(line)
        if event is not None:
            yield event


# ---------------------------------------------------------------------
# Azure Monitor (AzureMonitorAdapter).

class _Number(str):
    """A JSON number, kept as its text (Swift reads numbers' digits)."""


def _first_wins(pairs):
    """An object whose first member of a repeated key wins, as Swift's
    `JSONDocument.member` finds it."""
    obj = {}
    for key, value in pairs:
        obj.setdefault(key, value)
    return obj


def _no_constant(name):
    raise ValueError("not JSON: " + name)


_DECODER = json.JSONDecoder(
    object_pairs_hook=_first_wins, parse_int=_Number, parse_float=_Number,
    parse_constant=_no_constant, strict=False)
_SURROGATE = re.compile("[\ud800-\udfff]")


def _is_string(value):
    return isinstance(value, str) and not isinstance(value, _Number)


def _text(value):
    """JSONDocument.text: a non-empty string, a number's text or
    `true`/`false`; None for anything else."""
    if isinstance(value, _Number):
        return str.__str__(value)
    if isinstance(value, str):
        if not value:
            return None
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return None


def _int64(value):
    """JSONDocument.int64: an integer, an integral number or a string
    holding one; None otherwise."""
    if not isinstance(value, str):
        return None
    raw = str.__str__(value)
    m = re.match(r"-?([0-9]*)", raw)
    if not m.group(1):
        return None
    if m.end() == len(raw):
        number = int(raw)
        return number if abs(number) < 2**63 else None
    try:
        number = float(raw)
    except ValueError:
        return None
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?", raw):
        return None
    if number != number or round(number) != number or abs(number) >= 9.2e18:
        return None
    return int(number)


def _get(obj, key):
    return obj.get(key) if isinstance(obj, dict) else None


_RESOURCE_FIELDS = {
    "time": ("time",), "operation": ("operationName",),
    "category": ("category",), "status_code": ("statusCode",),
    "status_text": ("statusText",), "caller": ("callerIpAddress",),
    "correlation": ("correlationId",), "resource_id": ("resourceId",),
    "uri": ("uri",), "auth_type": ("identity", "type"),
    "token_hash": ("identity", "tokenHash"),
    "upn": ("identity", "requester", "upn"),
    "unique_name": ("identity", "requester", "uniqueName"),
    "object_id": ("identity", "requester", "objectId"),
    "app_id": ("identity", "requester", "appId"),
    "account_name": ("properties", "accountName"),
    "object_key": ("properties", "objectKey"),
    "metric": ("properties", "metricResponseType"),
    "response_size": ("properties", "responseBodySize"),
    "request_size": ("properties", "requestBodySize"),
    "agent": ("properties", "userAgentHeader"),
    "operation_count": ("properties", "operationCount"),
    "service_type": ("properties", "serviceType"),
}
_PASCAL_FIELDS = {
    "time": "TimeGenerated", "operation": "OperationName",
    "category": "Category", "status_code": "StatusCode",
    "status_text": "StatusText", "caller": "CallerIpAddress",
    "correlation": "CorrelationId", "uri": "Uri",
    "auth_type": "AuthenticationType", "token_hash": "AuthenticationHash",
    "upn": "RequesterUpn", "unique_name": "RequesterUniqueName",
    "object_id": "RequesterObjectId", "app_id": "RequesterAppId",
    "account_name": "AccountName", "object_key": "ObjectKey",
    "metric": "MetricResponseType", "response_size": "ResponseBodySize",
    "request_size": "RequestBodySize", "agent": "UserAgentHeader",
    "operation_count": "OperationCount", "service_type": "ServiceType",
}


def blob_fields(record):
    """The fields of a StorageBlobLogs record in either spelling, by
    name (AzureBlobFields); a missing field is None."""
    if "OperationName" in record or "TimeGenerated" in record:
        f = {name: record.get(key) for name, key in _PASCAL_FIELDS.items()}
        f["resource_id"] = record.get("_ResourceId")
        if "_ResourceId" not in record:
            f["resource_id"] = record.get("ResourceId")
        f["table"] = record.get("Type")
        return f
    f = {}
    for name, path in _RESOURCE_FIELDS.items():
        value = record
        for key in path:
            value = _get(value, key)
        f[name] = value
    f["table"] = None
    return f


_READ_OPS = ("GetBlob", "QueryBlobContents", "CopyBlobSource", "ReadFile")
_LIST_OPS = ("ListBlobs", "ListContainers", "FindBlobsByTags",
             "ListFilesystems", "ListFilesystemDir")
_WRITE_OPS = (
    "PutBlob", "PutBlock", "PutBlockList", "PutBlockFromURL", "PutPage",
    "PutPageFromURL", "AppendBlock", "AppendBlockFromURL", "CopyBlob",
    "CopyBlobDestination", "AbortCopyBlob", "SetBlobMetadata",
    "SetBlobProperties", "SetBlobTier", "SetBlobTags", "SetBlobExpiry",
    "SnapshotBlob", "UndeleteBlob", "CreateContainer",
    "SetContainerMetadata", "UndeleteContainer", "RestoreContainer",
    "SetBlobServiceProperties", "SetImmutabilityPolicy", "SetLegalHold",
    "CreatePathFile", "CreatePathDir", "AppendFile", "FlushFile",
    "RenamePathFile", "RenamePathDir", "SetFileProperties",
    "SetFilesystemProperties", "CreateFilesystem")
_DELETE_OPS = ("DeleteBlob", "DeleteContainer", "DeleteImmutabilityPolicy",
               "DeleteFile", "DeleteDirectory", "DeleteFilesystem")
_METADATA_OPS = (
    "GetBlobProperties", "GetBlobMetadata", "GetBlobTags", "GetBlockList",
    "GetPageRegions", "GetPageRegionsDiff", "GetContainerProperties",
    "GetContainerMetadata", "GetContainerACL", "GetBlobServiceProperties",
    "GetBlobServiceStats", "GetAccountInformation", "GetPathProperties",
    "GetPathAccessControl", "GetFilesystemProperties")
_PERMISSION_OPS = ("SetContainerACL", "SetPathAccessControl",
                   "SetPathAccessControlRecursive", "SetFileAccessControl")
_OTHER_OPS = (
    "AcquireBlobLease", "BreakBlobLease", "ChangeBlobLease",
    "ReleaseBlobLease", "RenewBlobLease", "AcquireContainerLease",
    "BreakContainerLease", "ChangeContainerLease", "ReleaseContainerLease",
    "RenewContainerLease", "LeaseBlob", "LeaseContainer", "GetLeaseInfo",
    "GetUserDelegationKey", "BlobPreflightRequest",
    "ContainerPreflightRequest", "SubmitBatch")
_BLOB_OPS = {}
for _names, _category in ((_READ_OPS, "read"), (_LIST_OPS, "list"),
                          (_WRITE_OPS, "write"), (_DELETE_OPS, "delete"),
                          (_METADATA_OPS, "metadata-read"),
                          (_PERMISSION_OPS, "permission-change"),
                          (_OTHER_OPS, "other")):
    for _name in _names:
        _BLOB_OPS[_name] = _category
_BLOB_OPS_LOWER = {name.lower(): c for name, c in _BLOB_OPS.items()}


def blob_category(name, category):
    """The action category of a StorageBlobLogs operation name, with the
    record's category (`StorageRead`...) as the last fallback."""
    known = _BLOB_OPS.get(name) or _BLOB_OPS_LOWER.get(name.lower())
    if known:
        return known
    if name.startswith("Get"):
        return "metadata-read"
    if name.startswith("List"):
        return "list"
    if name.startswith("Delete"):
        return "delete"
    if name.startswith(("Put", "Set", "Create", "Copy", "Append",
                        "Undelete")):
        return "write"
    return {"StorageRead": "read", "StorageWrite": "write",
            "StorageDelete": "delete"}.get(category, "other")


def names_denial(status):
    """Whether a status text or metric response type names a refusal."""
    return status is not None and any(word in status for word in (
        "Authoriz", "Authenticat", "AccessDenied", "NotPermitted",
        "Forbidden", "InsufficientAccountPermissions"))


def monitor_outcome(f):
    """success, denied or error of statusCode, statusText and
    metricResponseType."""
    text = _text(f["status_text"])
    metric = _text(f["metric"])
    code = _int64(f["status_code"])
    if code is not None and code > 0:
        if code < 400:
            return "success"
        if code in (401, 403) or names_denial(text) or names_denial(metric):
            return "denied"
        return "error"
    status = text if text is not None else metric
    if status is not None:
        if "Success" in status:
            return "success"
        return "denied" if names_denial(status) else "error"
    return "success"


def _path_decoded(text):
    """AzureObjectPath.decoded: `%XX` escapes, `+` kept."""
    if "%" not in text:
        return text
    data = _percent_decode(text.encode("utf-8", errors="surrogatepass"))
    return data.decode("utf-8", errors="replace")


def _split_path(path, account):
    """(account, container, blob) of `[<account>/]<container>/<blob>`."""
    rest = path
    if account is None:
        end = rest.find("/")
        end = len(rest) if end < 0 else end
        if end > 0:
            account = _path_decoded(rest[:end])
        rest = rest[end + 1:] if end < len(rest) else ""
    container = blob = None
    end = rest.find("/")
    end = len(rest) if end < 0 else end
    if end > 0:
        container = _path_decoded(rest[:end])
    if end < len(rest) and rest[end + 1:]:
        blob = _path_decoded(rest[end + 1:])
    return (account, container, blob)


def split_object_key(key):
    """(account, container, blob) of `/<account>/<container>/<blob>`."""
    return _split_path(key[1:] if key.startswith("/") else key, None)


def split_uri(uri):
    """(account, container, blob) of a `blob` or `dfs` endpoint URI,
    or None for other hosts."""
    scheme = uri.find("://")
    rest = uri[scheme + 3:] if scheme >= 0 else uri
    host_end = rest.find("/")
    host_end = len(rest) if host_end < 0 else host_end
    host = rest[:host_end]
    dot = host.find(".")
    if dot < 0 or not host[dot:].startswith((".blob.", ".dfs.")):
        return None
    path = rest[host_end:]
    cut = re.search("[?#]", path)
    if cut:
        path = path[:cut.start()]
    if path.startswith("/"):
        path = path[1:]
    return _split_path(path, host[:dot])


def account_of_resource_id(resource_id):
    """The lower-cased `<a>` of `.../storageAccounts/<a>/...`, or None."""
    lower = resource_id.lower()
    start = lower.find("/storageaccounts/")
    if start < 0:
        return None
    rest = lower[start + len("/storageaccounts/"):]
    account = rest.split("/", 1)[0]
    return account or None


def token_hashes(text):
    """[(name, hash)] of `key1(<hash>),SasSignature(<hash>)`."""
    result = []
    for part in (text or "").split(","):
        trimmed = part.lstrip(" ")
        open_at = trimmed.find("(")
        if not part or open_at <= 0 or not trimmed.endswith(")"):
            continue
        result.append((trimmed[:open_at], trimmed[open_at + 1:-1]))
    return result


def monitor_principal(f, account):
    """(principal, kind) of a record's identity fields."""
    kind_text = _text(f["auth_type"])
    kind = kind_text.lower() if kind_text is not None else None
    requester = None
    for name in ("upn", "unique_name", "object_id", "app_id"):
        requester = _text(f[name])
        if requester is not None:
            break
    owner = account if account is not None else "unknown"
    hashes = token_hashes(_text(f["token_hash"]))
    if kind == "oauth":
        if requester is None:
            return ("unknown", "unknown")
        return (requester, "user")
    if kind in ("accountkey", "sharedkey"):
        keys = [name for name, _ in hashes if name != "SasSignature"]
        return ("accountkey:" + owner + ("/" + keys[0] if keys else ""),
                "shared-key")
    if kind == "anonymous":
        return ("anonymous", "anonymous")
    if kind is not None and "sas" in kind:
        if requester is not None:
            return (requester, "user")
        principal = "sas:" + owner
        signatures = [h for name, h in hashes if name == "SasSignature"]
        if signatures:
            principal += "/" + signatures[0][:16]
        elif hashes:
            principal += "/" + hashes[0][0]
        return (principal, "shared-key")
    if kind is None:
        if requester is not None:
            return (requester, "user")
        uri = _text(f["uri"])
        if uri is not None and "sig=" in uri:
            return ("sas:" + owner, "shared-key")
        return ("unknown", "unknown")
    if requester is None:
        return ("unknown", "unknown")
    return (requester, "user")


def monitor_source(text):
    """classify_source, and a name's `:port` removed."""
    source = classify_source(text)
    if isinstance(source, str):
        colon = source.rfind(":")
        if colon > 0 and source[colon + 1:] \
                and _all_digits(source[colon + 1:]):
            return source[:colon]
    return source


_OTHER_SERVICE = re.compile(
    "/(?:tableservices|queueservices|fileservices)/", re.I | re.A)


def _other_service(f):
    """Whether the record belongs to another storage service."""
    table = f["table"]
    if _is_string(table) and table != "StorageBlobLogs":
        return True
    service = _text(f["service_type"])
    if service is not None and service != "blob":
        return True
    resource_id = f["resource_id"]
    return _is_string(resource_id) and bool(
        _OTHER_SERVICE.search(resource_id))


def monitor_event(record):
    """The event tuple of one StorageBlobLogs record (a dict from
    parse_json), or None when the Swift adapter skips it."""
    if not isinstance(record, dict):
        return None
    f = blob_fields(record)
    if _other_service(f):
        return None
    operation = _text(f["operation"])
    if operation is None or "/" in operation:
        return None
    if not _is_string(f["time"]):
        return None
    time_ns = parse_iso8601_ns(f["time"])
    if time_ns is None:
        return None
    parts = None
    key = _text(f["object_key"])
    uri = _text(f["uri"])
    if key is not None:
        parts = split_object_key(key)
    elif uri is not None:
        parts = split_uri(uri)
    account = _text(f["account_name"])
    if account is None:
        resource_id = _text(f["resource_id"])
        if resource_id is not None:
            account = account_of_resource_id(resource_id)
    if account is None and parts is not None:
        account = parts[0]
    principal, kind = monitor_principal(f, account)
    source = None
    caller = _text(f["caller"])
    if caller is not None:
        source = monitor_source(caller)
    event_id = None
    correlation = _text(f["correlation"])
    if correlation is not None:
        event_id = correlation + "/" + operation
        count = _int64(f["operation_count"])
        if count is not None:
            event_id += "/%d" % count
    return (
        event_id, principal, kind, account, time_ns,
        blob_category(operation, _text(f["category"])),
        monitor_outcome(f), _int64(f["response_size"]),
        _int64(f["request_size"]),
        parts[1] if parts else None, parts[2] if parts else None,
        operation, _text(f["agent"]), source_key(source), event_id,
    )


def monitor_records(document):
    """The records of one parsed JSON value: an array's elements, an
    Event Hub document's `records`, or the value itself."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        if "tables" in document:
            return []
        records = document.get("records")
        if isinstance(records, list):
            return records
        return [document]
    return []


_WHITE = " \t\r\n"


def _skip_value(text, i):
    """The end of the bracketed value at i as Swift's splitter finds it
    (strings and nesting followed), or len(text) when it never ends."""
    depth, in_string, escape, n = 0, False, False, len(text)
    while i < n:
        c = text[i]
        if in_string:
            if escape:
                escape = False
            elif c == "\\":
                escape = True
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def json_values(content):
    """Parsed JSON values of `jsonValues` framing: values one after
    another with white space between; text outside a value up to the
    end of its line, and values that do not parse, are left out."""
    text = content.decode("utf-8", errors="replace")
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _WHITE:
            i += 1
            continue
        if c not in "{[":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        try:
            value, end = _DECODER.raw_decode(text, i)
        except ValueError:
            i = _skip_value(text, i)
            continue
        yield value
        i = end


def monitor_events(content):
    """Normalized events of an Azure Monitor file's bytes."""
    for document in json_values(_inflate(content)):
        for record in monitor_records(document):
            event = monitor_event(record)
            if event is not None:
                yield event


# ---------------------------------------------------------------------
# Format detection (LogAdapters.detect, on the first 64 KiB).

def _first_non_space(prefix):
    stripped = prefix.lstrip(b" \n\r\t")
    return stripped[:1]


def _s3_access_matches(prefix):
    """S3AccessLogAdapter.matches: a bracketed S3 time as the third
    space-separated token of the first line."""
    line = prefix.split(b"\n", 1)[0]
    if line.endswith(b"\r"):
        line = line[:-1]
    i, n, tokens = 0, len(line), []
    while i < n and len(tokens) < 3:
        while i < n and line[i] == 0x20:
            i += 1
        if i >= n:
            break
        if line[i] in (0x5B, 0x22):
            close = b"]" if line[i] == 0x5B else b'"'
            j = i + 1
            while j < n and not (line[j:j + 1] == close and (
                    close == b"]" or j + 1 == n or line[j + 1] == 0x20)):
                j += 1
            tokens.append((line[i], line[i + 1:j]))
            i = j + 1
        else:
            j = line.find(b" ", i)
            j = n if j < 0 else j
            tokens.append((None, line[i:j]))
            i = j
    if len(tokens) != 3 or tokens[2][0] != 0x5B:
        return False
    m = re.fullmatch(rb"([0-9]{2})/([A-Za-z]{3})/([0-9]{4}):([0-9]{2}):"
                     rb"([0-9]{2}):([0-9]{2}) [+-]([0-9]{2})([0-9]{2})",
                     tokens[2][1])
    if not m:
        return False
    months = (b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul",
              b"aug", b"sep", b"oct", b"nov", b"dec")
    month_key = bytes(b | 0x20 for b in m.group(2))
    if month_key not in months:
        return False
    year, day = int(m.group(3)), int(m.group(1))
    month = months.index(month_key) + 1
    return (1678 <= year <= 2261 and 1 <= day <= _days_in_month(year, month)
            and int(m.group(4)) <= 23 and int(m.group(5)) <= 59
            and int(m.group(6)) <= 60 and int(m.group(7)) <= 23
            and int(m.group(8)) <= 59)


def detect(content):
    """The format `auto` detection gives a file's (inflated) bytes:
    `gcs`, `azure-monitor`, `cloudtrail`, `s3-access`,
    `azure-analytics`, or None when none matches."""
    prefix = content[:65536]
    first = _first_non_space(prefix)
    json_start = first in (b"{", b"[")
    if b'"protoPayload"' in prefix:
        if b"storage.googleapis.com" in prefix or b"gcs_bucket" in prefix:
            return "gcs"
    elif json_start and b'"message"' in prefix \
            and b'"subscription' in prefix and b"projects/" in prefix:
        return "gcs"
    if json_start:
        if b'"operationName"' in prefix:
            if (b'"resourceId"' in prefix or b'"callerIpAddress"' in prefix) \
                    and b'"eventSource"' not in prefix:
                return "azure-monitor"
        elif b'"OperationName"' in prefix and (
                b'"AccountName"' in prefix or b'"TimeGenerated"' in prefix):
            return "azure-monitor"
        if any(needle in prefix for needle in (
                b'"eventSource"', b'"Records"', b'"eventVersion"',
                b'"CloudTrailEvent"', b'"digestStartTime"')) or (
                b'"logEvents"' in prefix and b"CloudTrail" in prefix):
            return "cloudtrail"
    if _s3_access_matches(prefix):
        return "s3-access"
    if _analytics_matches(prefix):
        return "azure-analytics"
    return None


def _analytics_matches(prefix):
    """`1.0;` or `2.0;`, then an ISO 8601 time and `;`."""
    if len(prefix) < 5 or prefix[0] not in b"12" \
            or prefix[1:4] != b".0;":
        return False
    m = re.compile(rb"[;\n]").search(prefix, 4)
    if not m or m.group() != b";":
        return False
    return parse_iso8601_ns(prefix[4:m.start()]) is not None


def _inflate(content):
    """The bytes, gzip (concatenated members too) inflated first."""
    if content[:2] == b"\x1f\x8b":
        return gzip.decompress(content)
    return content


def events(content):
    """Normalized events of one file's bytes, its format detected as
    `storagewatch --provider auto` detects it; files of other formats
    (CloudTrail, S3, GCS) or of none give no events."""
    content = _inflate(content)
    fmt = detect(content)
    if fmt == "azure-monitor":
        yield from monitor_events(content)
    elif fmt == "azure-analytics":
        yield from analytics_events(content)
