"""Helpers shared by the pure-Python ports of StorageWatch's adapters.

Each port (cloudtrail_events.py, gcs_events.py, ...) turns one file's
bytes into normalized event tuples with the fields in FIELDS. The rules
here mirror StorageWatch's own: RFC 3339 times (Timestamp.parseISO8601),
JSON values read as text or integers (JSONDocument), source addresses
(SourceAddress, SourceKey) and the JSON-values record framing
(RecordSplitter). Pure Python, no Spark.
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


def text(value):
    """A JSON value as text, as the Swift reader takes it: a non-empty
    string, or the text of a number or boolean; else None."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return None


def member(obj, *keys):
    """The value at a path of object keys, or None."""
    for key in keys:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def int64(value):
    """A JSON value read as a whole 64-bit number (an integer, an
    integral float or a string holding one), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if -2**63 <= value < 2**63 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 9.2e18 \
            else None
    if isinstance(value, str):
        try:
            return int64(int(value))
        except ValueError:
            try:
                return int64(float(value))
            except ValueError:
                return None
    return None


def parse_ip(address):
    """An address with any port or brackets removed, or None."""
    try:
        return ipaddress.ip_address(address)
    except ValueError:
        pass
    m = re.match(r"^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$", address)
    if m:
        return parse_ip(m.group(1))
    m = re.match(r"^\[([0-9A-Fa-f:.]+)\](?::\d{1,5})?$", address)
    if m:
        return parse_ip(m.group(1))
    return None


def is_private(address):
    """Whether a parsed address is private, loopback, link-local,
    shared (100.64/10) or unspecified, as IPAddress.isPrivate."""
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return is_private(address.ipv4_mapped)
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
    address = parse_ip(ip_text)
    if address is None:
        return "service:" + ip_text
    if is_private(address):
        return "private:private"
    return "public:" + str(address)


def inflated(content):
    """A file's bytes, inflated first when gzip."""
    if content[:2] == b"\x1f\x8b":
        return gzip.decompress(content)
    return content


_DECODER = json.JSONDecoder()
_SPACE = " \t\r\n"


def _value_end(text_, start):
    """Where the bracketed value starting at start ends (after its
    closing bracket, or at the end of the text), strings skipped."""
    depth = 0
    in_string = escape = False
    i = start
    while i < len(text_):
        c = text_[i]
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
    return i


def json_values(content):
    """The JSON values of a file, as RecordSplitter's JSON-values framing
    cuts them: objects or arrays one after another with white space
    between (JSON Lines, pretty-printed entries, one document). Text
    outside a value, up to the end of its line, and values that do not
    parse are skipped."""
    text_ = inflated(content).decode("utf-8", errors="replace")
    i, n = 0, len(text_)
    while i < n:
        c = text_[i]
        if c in _SPACE:
            i += 1
        elif c in "{[":
            try:
                value, i = _DECODER.raw_decode(text_, i)
            except ValueError:
                i = _value_end(text_, i)
                continue
            yield value
        else:
            newline = text_.find("\n", i)
            i = n if newline < 0 else newline + 1
