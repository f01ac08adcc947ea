#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a log format delimits its records.
enum RecordFraming: Sendable {
  /// One record per line (`\n`, with an optional `\r` before it); blank
  /// lines are ignored.
  case lines
  /// Whole JSON values, one after another with any white space between:
  /// JSON Lines, a pretty-printed document, or a single large document.
  /// Text outside a value is returned up to the end of its line, as a
  /// record that will fail to parse.
  case jsonValues
}

/// Cuts a stream of decompressed bytes into records without copying them.
///
/// Feed bytes by appending to ``buffer``, then call ``drain(final:_:)``;
/// scanning resumes where it stopped, so a value spread over many chunks
/// is scanned once. A record larger than ``maximumRecordBytes`` is not kept
/// in memory: it is reported as oversized and its bytes are dropped as they
/// arrive, so memory stays bounded by that limit plus one chunk.
struct RecordSplitter {
  /// A record found in the stream.
  struct Record {
    /// Its bytes' range in ``RecordSplitter/buffer``; empty when oversized.
    var range: Range<Int>
    /// The 1-based line on which it starts.
    var line: Int
    /// Its offset in the decompressed stream.
    var offset: Int64
    /// Whether it exceeded the size limit and was dropped.
    var oversized: Bool
    /// Whether the stream ended inside it.
    var truncated: Bool
  }

  private enum State {
    case between
    case value(depth: Int, inString: Bool, escape: Bool)
    case garbage
    case line
  }

  let framing: RecordFraming
  let maximumRecordBytes: Int
  /// Bytes not yet returned; append new data here.
  var buffer: [UInt8] = []
  private var scan = 0
  private var recordStart = 0
  private var recordLine = 1
  private var line = 1
  private var base: Int64 = 0
  private var state: State = .between
  private var discarding = false

  init(framing: RecordFraming, maximumRecordBytes: Int) {
    precondition(maximumRecordBytes > 0, "maximumRecordBytes must be > 0")
    self.framing = framing
    self.maximumRecordBytes = maximumRecordBytes
  }

  /// Returns every complete record in the buffer, then drops their bytes.
  ///
  /// - Parameters:
  ///   - final: Whether no more bytes will come; a partial record is then
  ///     returned with `truncated` set.
  ///   - body: Called with each record and the buffer's bytes; the bytes
  ///     are valid only during the call.
  /// - Complexity: O(*n*) in the bytes appended since the last call.
  mutating func drain(
    final: Bool, _ body: (Record, UnsafeRawBufferPointer) throws -> Void
  ) rethrows {
    var found: [Record] = []
    buffer.withUnsafeBufferPointer { bytes in
      scanRecords(bytes, &found)
    }
    if final { finish(&found) }
    try buffer.withUnsafeBytes { bytes in
      for record in found { try body(record, bytes) }
    }
    compact()
  }

  /// The one record a buffer would hold if it is a single JSON object or
  /// array with only white space around it: its range, line and offset,
  /// found without scanning inside it. Whether it really is one valid
  /// value is for the parser to say.
  ///
  /// - Returns: `nil` when the buffer is empty, starts with anything but
  ///   `{` or `[`, does not end with the matching bracket, or exceeds
  ///   `maximumRecordBytes`.
  static func singleValue(
    _ buffer: [UInt8], maximumRecordBytes: Int
  ) -> Record? {
    var start = 0
    var line = 1
    let n = buffer.count
    while start < n, let c = Optional(buffer[start]),
      c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09
    {
      if c == 0x0A { line += 1 }
      start += 1
    }
    var end = n
    while end > start, let c = Optional(buffer[end - 1]),
      c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09
    {
      end -= 1
    }
    guard end > start, end - start <= maximumRecordBytes else { return nil }
    let open = buffer[start]
    let close = buffer[end - 1]
    guard (open == 0x7B && close == 0x7D) || (open == 0x5B && close == 0x5D)
    else { return nil }
    return Record(
      range: start..<end, line: line, offset: Int64(start), oversized: false,
      truncated: false)
  }

  private mutating func begin(_ i: Int, _ next: State) {
    recordStart = i
    recordLine = line
    state = next
  }

  private mutating func emit(
    _ end: Int, _ found: inout [Record], truncated: Bool = false
  ) {
    if discarding {
      discarding = false
    } else {
      found.append(
        Record(
          range: recordStart..<end, line: recordLine,
          offset: base + Int64(recordStart), oversized: false,
          truncated: truncated))
    }
    state = .between
    recordStart = end
  }

  private mutating func scanRecords(
    _ bytes: UnsafeBufferPointer<UInt8>, _ found: inout [Record]
  ) {
    var i = scan
    let n = bytes.count
    while i < n {
      let c = bytes[i]
      switch state {
      case .between:
        if c == 0x0A {
          line += 1
        } else if c == 0x20 || c == 0x09 || c == 0x0D {
          // White space between records.
        } else if framing == .lines {
          begin(i, .line)
          continue
        } else if c == 0x7B || c == 0x5B {
          begin(i, .value(depth: 1, inString: false, escape: false))
        } else {
          begin(i, .garbage)
        }
        i += 1
        if case .between = state { recordStart = i }
      case .line, .garbage:
        if c == 0x0A {
          var end = i
          if end > recordStart && bytes[end - 1] == 0x0D { end -= 1 }
          emit(end, &found)
          line += 1
          recordStart = i + 1
        }
        i += 1
      case .value(var depth, var inString, var escape):
        // Tight loop over the value's bytes.
        while i < n {
          let b = bytes[i]
          if inString {
            if escape {
              escape = false
            } else if b == 0x5C {
              escape = true
            } else if b == 0x22 {
              inString = false
            } else if b == 0x0A {
              line += 1
            } else {
              // Jump to the next quote, backslash or newline.
              i = nextStringStop(bytes, i + 1)
              continue
            }
          } else if b == 0x22 {
            inString = true
          } else if b == 0x7B || b == 0x5B {
            depth += 1
          } else if b == 0x7D || b == 0x5D {
            depth -= 1
            if depth == 0 { break }
          } else if b == 0x0A {
            line += 1
          }
          i += 1
        }
        if i < n {
          i += 1
          // A value that ends inside the chunk is held to the limit too,
          // so where chunks happen to fall never decides what is kept.
          if !discarding, i - recordStart > maximumRecordBytes {
            found.append(oversized)
            discarding = true
          }
          emit(i, &found)
        } else {
          state = .value(depth: depth, inString: inString, escape: escape)
        }
      }
      if !discarding, recordInProgress, i - recordStart > maximumRecordBytes {
        found.append(oversized)
        discarding = true
      }
    }
    scan = i
  }

  /// The record in progress, reported as too large.
  private var oversized: Record {
    Record(
      range: recordStart..<recordStart, line: recordLine,
      offset: base + Int64(recordStart), oversized: true, truncated: false)
  }

  private var recordInProgress: Bool {
    if case .between = state { return false }
    return true
  }

  private mutating func finish(_ found: inout [Record]) {
    switch state {
    case .between:
      break
    case .line, .garbage:
      emit(buffer.count, &found)
    case .value:
      emit(buffer.count, &found, truncated: true)
    }
  }

  private mutating func compact() {
    // Keep the record in progress unless it is being discarded.
    let keepFrom = discarding ? scan : min(recordStart, scan)
    guard keepFrom > 0 else { return }
    buffer.removeSubrange(0..<keepFrom)
    base += Int64(keepFrom)
    scan -= keepFrom
    recordStart = max(0, recordStart - keepFrom)
  }
}

/// The offset of the next `"`, `\\` or newline at or after `from`, or the
/// end of the buffer.
@inline(__always)
private func nextStringStop(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int)
  -> Int
{
  ByteScan.quoteBackslashOrNewline(bytes.baseAddress!, from, bytes.count)
}
