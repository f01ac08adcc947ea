/// The entry points that the libFuzzer targets under `Fuzz/` call, and that
/// the regression tests replay committed inputs through.
///
/// Each target decodes arbitrary bytes the way ``EventReader`` would and
/// checks what must hold for any input, trapping (so that the fuzzer
/// reports a crash) when it does not:
///
/// - adapters: every record's skips point inside the record, and every
///   event's JSON line is valid JSON without raw control bytes; decoding
///   the same bytes again gives the same events;
/// - `input`: records are cut the same whether the bytes arrive at once or
///   in small chunks, never overlap and stay in order; gzip inflation
///   appends at most its documented bound per call;
/// - `json`: every node lies inside the text, subtrees nest, and every
///   string decodes.
///
/// None of this is used by the reading path itself.
enum FuzzTarget: String, CaseIterable, Sendable {
  case cloudTrail = "cloudtrail"
  case s3AccessLog = "s3-access-log"
  case gcsAudit = "gcs-audit"
  case azureAnalytics = "azure-analytics"
  case azureMonitor = "azure-monitor"
  case input = "input"
  case json = "json"

  /// The record size limit the adapter targets use, small enough that
  /// the fuzzer reaches the oversized-record path.
  static let maximumRecordBytes = 32 << 10

  /// Runs the target on one input.
  ///
  /// - Parameter data: Any bytes.
  /// - Complexity: O(*n*) in the input's size.
  func run(_ data: UnsafeRawBufferPointer) {
    switch self {
    case .cloudTrail: FuzzTarget.decode(CloudTrailAdapter.self, data)
    case .s3AccessLog: FuzzTarget.decode(S3AccessLogAdapter.self, data)
    case .gcsAudit: FuzzTarget.decode(GCSAuditAdapter.self, data)
    case .azureAnalytics:
      FuzzTarget.decode(AzureStorageAnalyticsAdapter.self, data)
    case .azureMonitor: FuzzTarget.decode(AzureMonitorAdapter.self, data)
    case .input: FuzzTarget.input(data)
    case .json: FuzzTarget.json(data)
    }
  }

  /// Frames and decodes `data` with one adapter, twice, and checks the
  /// results.
  static func decode<A: LogAdapter>(
    _ type: A.Type, _ data: UnsafeRawBufferPointer
  ) {
    _ = A.matches(prefix: data)
    let first = events(type, data)
    let second = events(type, data)
    precondition(first == second, "\(A.format): decoding is not repeatable")
    let document = JSONDocument()
    for event in first {
      let line = event.jsonLineBytes
      precondition(
        !line.contains { $0 < 0x20 },
        "\(A.format): raw control byte in a JSON line")
      line.withUnsafeBytes { bytes in
        do {
          try document.parse(bytes)
        } catch {
          preconditionFailure("\(A.format): invalid JSON line: \(error)")
        }
      }
    }
  }

  private static func events<A: LogAdapter>(
    _ type: A.Type, _ data: UnsafeRawBufferPointer
  ) -> [AccessEvent] {
    var adapter = A()
    var splitter = RecordSplitter(
      framing: A.framing, maximumRecordBytes: maximumRecordBytes)
    splitter.buffer = Array(data)
    var sink = RecordSink()
    var events: [AccessEvent] = []
    splitter.drain(final: true) { record, bytes in
      guard !record.oversized else { return }
      precondition(record.range.upperBound <= bytes.count, "record range")
      let slice = UnsafeRawBufferPointer(rebasing: bytes[record.range])
      sink.reset()
      adapter.decode(slice, into: &sink)
      for skip in sink.skips {
        precondition(
          (0...slice.count).contains(skip.offset),
          "\(A.format): skip offset \(skip.offset) outside the record")
      }
      precondition(
        sink.records >= sink.skips.count,
        "\(A.format): \(sink.skips.count) skips, \(sink.records) records")
      events += sink.events
    }
    return events
  }
}
