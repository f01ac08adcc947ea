#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What an adapter made of one framed record: events, skips and how many
/// log records the framed record held.
struct RecordSink {
  /// Events produced, in order.
  var events: [AccessEvent] = []
  /// Skips, each with the byte offset inside the framed record where the
  /// skipped log record starts.
  var skips: [(reason: SkipReason, detail: String, offset: Int)] = []
  /// Log records counted (a CloudTrail delivery document holds many).
  var records = 0
  /// Scratch space for ``JSONDocument/members(_:_:into:)``, reused.
  var slots: [Int] = []

  mutating func emit(_ event: AccessEvent) { events.append(event) }

  mutating func skip(_ reason: SkipReason, _ detail: String, at offset: Int) {
    skips.append((reason, detail, offset))
  }

  /// Parses a framed record into `document`, or counts it as one
  /// malformed-JSON record.
  ///
  /// - Returns: Whether the record parsed.
  mutating func parse(
    _ record: UnsafeRawBufferPointer, into document: JSONDocument
  ) -> Bool {
    do {
      try document.parse(record)
      return true
    } catch {
      records += 1
      skip(.malformedJSON, error.description, at: 0)
      return false
    }
  }

  mutating func reset() {
    events.removeAll(keepingCapacity: true)
    skips.removeAll(keepingCapacity: true)
    records = 0
  }
}

/// Turns the records of one log format into access events.
///
/// An adapter is created per input file and used from one thread.
protocol LogAdapter {
  /// The format this adapter reads.
  static var format: LogFormat { get }
  /// How the format delimits records.
  static var framing: RecordFraming { get }
  /// Whether the first bytes of a file's decompressed content look like
  /// this format. Decides by content, never by file name.
  static func matches(prefix: UnsafeRawBufferPointer) -> Bool
  /// Creates an adapter for one input.
  init()
  /// Decodes one framed record.
  ///
  /// - Parameters:
  ///   - record: The record's bytes, valid only during the call.
  ///   - sink: Receives events and skips.
  mutating func decode(
    _ record: UnsafeRawBufferPointer, into sink: inout RecordSink)
}

/// The adapters StorageWatch knows, in the order that format detection
/// tries them.
enum LogAdapters {
  static var all: [any LogAdapter.Type] {
    [
      GCSAuditAdapter.self, AzureMonitorAdapter.self, CloudTrailAdapter.self,
      S3AccessLogAdapter.self, AzureStorageAnalyticsAdapter.self,
    ]
  }

  /// The adapter for a format.
  static func adapter(for format: LogFormat) -> (any LogAdapter.Type)? {
    all.first { $0.format == format }
  }

  /// The first adapter whose format matches a content prefix.
  static func detect(_ prefix: UnsafeRawBufferPointer) -> (any LogAdapter.Type)?
  {
    all.first { $0.matches(prefix: prefix) }
  }
}

extension UnsafeRawBufferPointer {
  /// Whether the bytes contain a short ASCII needle.
  func containsASCII(_ needle: StaticString) -> Bool {
    let length = needle.utf8CodeUnitCount
    guard length > 0, count >= length else { return false }
    return ByteScan.contains(
      self, UnsafeRawBufferPointer(start: needle.utf8Start, count: length))
  }

  /// The first byte that is not JSON white space, if any.
  var firstNonSpace: UInt8? {
    first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
  }
}
