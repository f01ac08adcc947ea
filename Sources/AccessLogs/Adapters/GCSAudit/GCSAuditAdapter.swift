/// Reads Google Cloud Audit Logs and keeps those of Cloud Storage.
///
/// Each record is a Cloud Logging `LogEntry` whose `protoPayload` is an
/// `AuditLog` (admin activity, data access and policy-denied logs alike).
/// Accepted shapes, detected per JSON value so that one file may mix them:
/// - one entry per line: log sinks to Cloud Storage (hourly JSON Lines
///   files), or pretty-printed entries one after another;
/// - a JSON array of entries (`gcloud logging read --format=json`, the
///   Logs Explorer download);
/// - a Logging API response `{"entries": [...]}`;
/// - a Pub/Sub push body `{"message": {"data": "<base64 LogEntry>"},
///   "subscription": ...}`, a pull response `{"receivedMessages": [...]}`
///   or a JSON array of pulled messages, the entry decoded from base64.
///
/// | `AccessEvent` | From |
/// |---|---|
/// | `time` | `timestamp` (all nine fractional digits), else `protoPayload.requestMetadata.requestAttributes.time` |
/// | `principal`, `principalKind`, `authentication` | `authenticationInfo` (see ``resolvePrincipal(_:_:failed:)``) |
/// | `account` | `resource.labels.project_id`, else the project of `logName` |
/// | `bucket`, `objectKey` | `resource.labels.bucket_name`; `resourceName` `projects/_/buckets/<b>/objects/<o>` (object names may hold `/`); for VPC Service Controls denials, `metadata.resourceNames` |
/// | `action`, `operation` | `methodName` (see ``GCSMethod``) |
/// | `outcome`, `errorCode` | `status.code`: absent or 0 success; 7 `PERMISSION_DENIED` and 16 `UNAUTHENTICATED` denied; others error. The error code is the canonical code name (`NOT_FOUND`), else `status.message` |
/// | `sourceAddress` | `requestMetadata.callerIp` (or `callerIP`); absent for Google's own writes; `private` and other non-addresses kept as names |
/// | `userAgent` | `callerSuppliedUserAgent` with the `,gzip(gfe)` suffixes that Google's front end appends removed |
/// | `eventID` | `insertId`, used to drop duplicate deliveries |
/// | `region` | `resourceLocation.currentLocations[0]`, else `resource.labels.location` |
/// | `bytesOut`, `bytesIn`, `requestID`, `networkPath` | never: audit logs carry no byte counts or request ids (usage logs do) |
///
/// Entries whose `serviceName` is not `storage.googleapis.com`, whose
/// method is not a Cloud Storage method, or that are not audit entries
/// (`jsonPayload`, `textPayload`) are skipped as
/// ``SkipReason/notStorage``. An entry with no `serviceName` or
/// `methodName` is a ``SkipReason/malformedRecord``; a missing or
/// unparseable time a ``SkipReason/badTimestamp``. Fields of the wrong
/// JSON type are treated as absent; no input makes the adapter trap.
struct GCSAuditAdapter: LogAdapter {
  /// ``LogFormat/gcsAudit``.
  static let format = LogFormat.gcsAudit
  /// Whole JSON values: lines, pretty-printed values or one document.
  static let framing = RecordFraming.jsonValues

  /// Matches audit entries of Cloud Storage (`"protoPayload"` together
  /// with `storage.googleapis.com` or `gcs_bucket`) and Pub/Sub envelopes
  /// (`"message"` and `"subscription"` naming `projects/`), whose base64
  /// payload cannot be inspected here. Text before the first JSON value
  /// is allowed, since documentation examples carry a caption.
  static func matches(prefix: UnsafeRawBufferPointer) -> Bool {
    if prefix.containsASCII("\"protoPayload\"") {
      return prefix.containsASCII("storage.googleapis.com")
        || prefix.containsASCII("gcs_bucket")
    }
    guard let first = prefix.firstNonSpace, first == 0x7B || first == 0x5B
    else { return false }
    return prefix.containsASCII("\"message\"")
      && prefix.containsASCII("\"subscription")
      && prefix.containsASCII("projects/")
  }

  private let document = JSONDocument()
  private let inner = JSONDocument()

  /// Creates an adapter with its reusable parse buffers.
  init() {}

  /// Parses one framed JSON value and decodes every record it holds;
  /// text that is not JSON is one ``SkipReason/malformedJSON`` record.
  mutating func decode(
    _ record: UnsafeRawBufferPointer, into sink: inout RecordSink
  ) {
    guard sink.parse(record, into: document) else { return }
    decodeValue(document, 0, into: &sink, nested: false)
  }

  private func decodeValue(
    _ doc: JSONDocument, _ node: Int, into sink: inout RecordSink,
    nested: Bool
  ) {
    let offset = doc.nodes[node].start
    switch doc.kind(node) {
    case .array where !nested:
      for element in doc.elements(node) {
        decodeValue(doc, element, into: &sink, nested: true)
      }
    case .object:
      if let entries = doc.member(node, "entries"), doc.kind(entries) == .array
      {
        for element in doc.elements(entries) {
          decodeEntry(doc, element, into: &sink)
        }
      } else if let received = doc.member(node, "receivedMessages"),
        doc.kind(received) == .array
      {
        for element in doc.elements(received) {
          decodePubSub(doc, doc.member(element, "message"), into: &sink)
        }
      } else if let message = doc.member(node, "message"),
        doc.kind(message) == .object
      {
        decodePubSub(doc, message, into: &sink)
      } else {
        decodeEntry(doc, node, into: &sink)
      }
    default:
      sink.records += 1
      sink.skip(
        .unrecognizedShape, "expected a LogEntry object or an array of them",
        at: offset)
    }
  }

  /// Decodes a Pub/Sub message whose `data` holds a base64 `LogEntry`.
  private func decodePubSub(
    _ doc: JSONDocument, _ message: Int?, into sink: inout RecordSink
  ) {
    guard let message else {
      sink.records += 1
      sink.skip(.malformedRecord, "Pub/Sub message missing", at: 0)
      return
    }
    let offset = doc.nodes[message].start
    guard let data = doc.member(message, "data"), doc.kind(data) == .string,
      var bytes = Base64Payload.decode(doc.rawBytes(data))
    else {
      sink.records += 1
      sink.skip(
        .malformedRecord, "Pub/Sub message.data is not base64 text",
        at: offset)
      return
    }
    bytes.withUnsafeMutableBytes { buffer in
      do {
        try inner.parse(UnsafeRawBufferPointer(buffer))
      } catch {
        sink.records += 1
        sink.skip(.malformedJSON, "Pub/Sub message.data: \(error)", at: offset)
        return
      }
      let before = sink.skips.count
      decodeEntry(inner, 0, into: &sink)
      // Offsets inside the decoded payload mean nothing in the file.
      for i in before..<sink.skips.count { sink.skips[i].offset = offset }
    }
  }
}
