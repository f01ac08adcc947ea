/// Reads log files of any supported format into access events.
///
/// The reader expands directories, detects each file's format from its
/// content (or uses the one given), decompresses gzip, frames records,
/// decodes them with the format's adapter, drops duplicate deliveries and
/// applies the time and bucket filters. Events reach the caller in file
/// order and, within a file, in record order; they are not sorted by time,
/// since logs are delivered late and out of order.
///
/// Memory is bounded by the largest record (a CloudTrail delivery document
/// is one record) plus, when deduplicating, 16 to 32 bytes for each of the
/// last ``EventReaderOptions/duplicateWindow`` distinct event ids.
///
/// ```swift
/// let reader = EventReader(options: EventReaderOptions())
/// let summary = try reader.read(["logs/"]) { event in
///   print(event.principal, event.operation)
/// }
/// ```
public struct EventReader {
  /// The options in force.
  public var options: EventReaderOptions

  /// Creates a reader.
  ///
  /// - Parameter options: What to read and keep.
  public init(options: EventReaderOptions = EventReaderOptions()) {
    self.options = options
  }

  /// Reads every input and passes each kept event to `body`.
  ///
  /// - Parameters:
  ///   - paths: Files, directories (walked recursively) or `-` for
  ///     standard input.
  ///   - progress: Called after each file with the summary so far.
  ///   - body: Called with each kept event; an error it throws stops the
  ///     read and is rethrown.
  /// - Returns: Counts of files, records, events and skips.
  /// - Throws: ``ReadError`` in strict mode; whatever `body` throws.
  /// - Complexity: O(*n*) in the bytes read.
  public func read(
    _ paths: [String],
    progress: ((ReadSummary) -> Void)? = nil,
    _ body: (AccessEvent) throws -> Void
  ) throws -> ReadSummary {
    var summary = ReadSummary()
    var seen = DuplicateFilter(window: options.duplicateWindow)
    var buffer: [UInt8] = []
    for item in InputWalker.expand(paths) {
      switch item {
      case .digestDirectory(_, let files):
        summary.digestFilesSkipped += files
      case .failure(let error):
        if options.strict { throw ReadError.input(error) }
        summary.fileErrors.append(error)
      case .file(let path):
        do {
          try readFile(path, &summary, buffer: &buffer) {
            event, location, summary in
            if options.deduplicate, let id = event.eventID {
              let key = eventKey(event.format, id)
              if !seen.insert(key) {
                summary.add(
                  SkippedRecord(
                    location: location, reason: .duplicate,
                    detail: "event id \(id)"))
                return
              }
            }
            guard keeps(event) else {
              summary.eventsFiltered += 1
              return
            }
            summary.eventsEmitted += 1
            try body(event)
          }
        } catch let error as InputError {
          if options.strict { throw ReadError.input(error) }
          summary.fileErrors.append(error)
        }
        progress?(summary)
      }
    }
    return summary
  }

  /// Reads one file, counting records and skips into `summary` and
  /// passing each event with its record's location and the summary to
  /// `body`.
  func readFile(
    _ path: String, _ summary: inout ReadSummary, buffer: inout [UInt8],
    _ body: (AccessEvent, RecordLocation, inout ReadSummary) throws -> Void
  ) throws {
    let stream = try ByteStream(path: path)
    // The caller's buffer is reused from file to file, so that files read
    // whole do not map and unmap fresh memory each time.
    var first: [UInt8] = []
    swap(&first, &buffer)
    first.removeAll(keepingCapacity: true)
    defer { swap(&first, &buffer) }
    while first.count < 64 * 1024, try stream.read(into: &first) {}
    if first.isEmpty {
      summary.filesRead += 1
      return
    }
    let adapterType: (any LogAdapter.Type)?
    if let format = options.format {
      adapterType = LogAdapters.adapter(for: format)
    } else {
      // Formats are told apart by their first 64 KiB.
      adapterType = first.withUnsafeBytes {
        LogAdapters.detect(UnsafeRawBufferPointer(rebasing: $0.prefix(65_536)))
      }
    }
    guard let adapterType else {
      throw InputError(path: path, kind: .unrecognizedFormat)
    }
    try read(adapterType, stream, &first, &summary, body)
    summary.filesRead += 1
  }

  private func read<A: LogAdapter>(
    _ type: A.Type, _ stream: ByteStream, _ first: inout [UInt8],
    _ summary: inout ReadSummary,
    _ body: (AccessEvent, RecordLocation, inout ReadSummary) throws -> Void
  ) throws {
    var adapter = A()
    var splitter = RecordSplitter(
      framing: A.framing, maximumRecordBytes: options.maximumRecordBytes)
    let firstCount = first.count
    // Hand the bytes over without a copy: the splitter compacts in place,
    // and hands its storage back for the next file.
    swap(&splitter.buffer, &first)
    defer { swap(&splitter.buffer, &first) }
    var sink = RecordSink()
    var lineCounter = LineCounter()

    /// Counts and passes on what the adapter made of one record.
    func report(
      _ record: RecordSplitter.Record, _ slice: UnsafeRawBufferPointer
    ) throws {
      let location = RecordLocation(
        path: stream.path, line: record.line, offset: record.offset)
      if !record.oversized { lineCounter.start(record.line, slice) }
      summary.recordsRead[A.format, default: 0] += sink.records
      for skip in sink.skips {
        var at = location
        if !record.oversized {
          at.line = lineCounter.line(at: skip.offset)
          at.offset = record.offset + Int64(skip.offset)
        }
        let skipped = SkippedRecord(
          location: at, reason: skip.reason, detail: skip.detail)
        if options.strict && skip.reason.isMalformation {
          throw ReadError.record(skipped)
        }
        summary.add(skipped)
      }
      for event in sink.events {
        if let latest = options.latestTime, event.time > latest {
          let skipped = SkippedRecord(
            location: location, reason: .futureTimestamp,
            detail: "\(event.time.iso8601) is after \(latest.iso8601)")
          if options.strict { throw ReadError.record(skipped) }
          summary.add(skipped)
          continue
        }
        try body(event, location, &summary)
      }
    }

    // A file read whole that is one JSON value (a CloudTrail delivery
    // document) is decoded without framing it first: the splitter would
    // return the same single record after a second pass over the bytes.
    var final = try !stream.read(into: &splitter.buffer)
    summary.bytesRead += Int64(splitter.buffer.count - firstCount)
    if final, A.framing == .jsonValues,
      let record = RecordSplitter.singleValue(
        splitter.buffer, maximumRecordBytes: options.maximumRecordBytes)
    {
      let decoded = try splitter.buffer.withUnsafeBytes { bytes in
        let slice = UnsafeRawBufferPointer(rebasing: bytes[record.range])
        sink.reset()
        adapter.decode(slice, into: &sink)
        // Not one valid value: let the splitter frame and report it.
        if sink.events.isEmpty, sink.skips.count == 1,
          sink.skips[0].reason == .malformedJSON
        {
          return false
        }
        try report(record, slice)
        return true
      }
      if decoded {
        summary.bytesRead += Int64(firstCount)
        return
      }
    }
    while true {
      try splitter.drain(final: final) { record, bytes in
        sink.reset()
        if record.oversized {
          sink.records = 1
          sink.skip(
            .tooLarge, "larger than \(options.maximumRecordBytes) bytes",
            at: 0)
          try report(record, bytes)
        } else {
          let slice = UnsafeRawBufferPointer(rebasing: bytes[record.range])
          adapter.decode(slice, into: &sink)
          if record.truncated {
            // A value cut off by the end of input always fails to parse;
            // say why in plain words.
            for i in sink.skips.indices
            where sink.skips[i].reason == .malformedJSON {
              sink.skips[i] = (.truncated, "input ends inside the record", 0)
            }
          }
          try report(record, slice)
        }
      }
      if final { break }
      let before = splitter.buffer.count
      final = try !stream.read(into: &splitter.buffer)
      summary.bytesRead += Int64(splitter.buffer.count - before)
    }
    summary.bytesRead += Int64(firstCount)
  }

  func keeps(_ event: AccessEvent) -> Bool {
    if let since = options.since, event.time < since { return false }
    if let until = options.until, event.time >= until { return false }
    if !options.buckets.isEmpty {
      guard let bucket = event.bucket, options.buckets.contains(bucket)
      else { return false }
    }
    return true
  }
}

/// A 64-bit FNV-1a hash of a format and an event id, for deduplication.
///
/// Two distinct ids collide with probability about 2^-64 per pair, so a
/// run of ten million events loses an event to a collision with
/// probability below 3e-6.
func eventKey(_ format: LogFormat, _ id: String) -> UInt64 {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in format.rawValue.utf8 {
    hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
  }
  hash = (hash ^ 0xFF) &* 0x100_0000_01b3
  for byte in id.utf8 {
    hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
  }
  return hash
}

/// Turns byte offsets within one record into line numbers, counting
/// newlines once as offsets increase.
struct LineCounter {
  private var bytes = UnsafeRawBufferPointer(start: nil, count: 0)
  private var position = 0
  private var current = 1

  mutating func start(_ line: Int, _ record: UnsafeRawBufferPointer) {
    bytes = record
    position = 0
    current = line
  }

  mutating func line(at offset: Int) -> Int {
    let target = min(offset, bytes.count)
    if target < position { return current }
    while position < target {
      if bytes[position] == 0x0A { current += 1 }
      position += 1
    }
    return current
  }
}
