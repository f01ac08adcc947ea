/// Reads AWS CloudTrail events and keeps those of Amazon S3.
///
/// Accepted shapes, detected per JSON value so that one file may hold any
/// of them:
/// - a delivery document `{"Records": [...]}` (`.json` or `.json.gz`);
/// - one event per line (CloudTrail Lake, Athena and SIEM exports), where
///   `@timestamp` stands in for a missing `eventTime`;
/// - a JSON array of events;
/// - a CloudWatch Logs subscription envelope whose `logEvents[].message`
///   holds each event as a string;
/// - an event-history (`LookupEvents`) record whose `CloudTrailEvent` holds
///   the event as a string.
/// Digest documents (`digestStartTime`, `logFiles`) and Insights events are
/// skipped with their own reasons; events of other services are skipped as
/// ``SkipReason/notStorage``.
struct CloudTrailAdapter: LogAdapter {
  static let format = LogFormat.cloudTrail
  static let framing = RecordFraming.jsonValues

  static func matches(prefix: UnsafeRawBufferPointer) -> Bool {
    guard let first = prefix.firstNonSpace, first == 0x7B || first == 0x5B
    else { return false }
    return prefix.containsASCII("\"eventSource\"")
      || prefix.containsASCII("\"Records\"")
      || prefix.containsASCII("\"eventVersion\"")
      || prefix.containsASCII("\"CloudTrailEvent\"")
      || prefix.containsASCII("\"digestStartTime\"")
      || (prefix.containsASCII("\"logEvents\"")
        && prefix.containsASCII("CloudTrail"))
  }

  private let document = JSONDocument()
  private let inner = JSONDocument()

  init() {}

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
      if let records = doc.member(node, "Records"),
        doc.kind(records) == .array
      {
        for element in doc.elements(records) {
          decodeEvent(doc, element, into: &sink)
        }
      } else if let events = doc.member(node, "logEvents"),
        doc.kind(events) == .array
      {
        for element in doc.elements(events) {
          decodeEmbedded(
            doc, doc.member(element, "message"), at: doc.nodes[element].start,
            into: &sink)
        }
      } else if let embedded = doc.member(node, "CloudTrailEvent") {
        decodeEmbedded(doc, embedded, at: offset, into: &sink)
      } else if doc.member(node, "digestStartTime") != nil
        || doc.member(node, "logFiles") != nil
      {
        sink.records += 1
        sink.skip(.digest, "CloudTrail digest record", at: offset)
      } else {
        decodeEvent(doc, node, into: &sink)
      }
    default:
      sink.records += 1
      sink.skip(
        .unrecognizedShape, "expected an object or array of CloudTrail events",
        at: offset)
    }
  }

  /// Decodes an event carried as a JSON string inside another document.
  private func decodeEmbedded(
    _ doc: JSONDocument, _ node: Int?, at offset: Int,
    into sink: inout RecordSink
  ) {
    guard let node, doc.kind(node) == .string else {
      sink.records += 1
      sink.skip(.malformedRecord, "embedded event is not a string", at: offset)
      return
    }
    let text = doc.string(node) ?? ""
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { buffer in
      do {
        try inner.parse(UnsafeRawBufferPointer(buffer))
      } catch {
        sink.records += 1
        sink.skip(
          .malformedJSON, "embedded event: \(error)", at: offset)
        return
      }
      let before = sink.skips.count
      decodeEvent(inner, 0, into: &sink)
      // Offsets inside the embedded text mean nothing in the file.
      for i in before..<sink.skips.count { sink.skips[i].offset = offset }
    }
  }
}
