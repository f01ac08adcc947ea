/// Cuts an S3 server access log line into its space-separated fields.
///
/// Fields are separated by one or more spaces. A field that starts with
/// `[` runs to the next `]` (the time, which holds a space); a field that
/// starts with `"` runs to the next `"` that is followed by a space or the
/// end of the line, so quoted values may hold spaces and inner quotes. The
/// surrounding brackets or quotes are not part of the span. An unclosed
/// bracket or quote runs to the end of the line. A bare `-` where a quoted
/// field is expected is an ordinary one-byte field.
///
/// Only the first ``maximumSpans`` spans are kept; further fields are
/// counted, so that a line of garbage costs no memory.
struct S3AccessLogTokenizer {
  /// The most fields kept per line; S3 writes 26 today.
  static let maximumSpans = 64

  /// The fields found by the last call to ``tokenize(_:limit:)``.
  private(set) var spans: [FieldSpan] = []
  /// How many fields the last line had, kept or not.
  private(set) var count = 0

  /// Creates a tokenizer with room for ``maximumSpans`` fields.
  init() {
    spans.reserveCapacity(S3AccessLogTokenizer.maximumSpans)
  }

  /// Splits a line, replacing the previous result.
  ///
  /// - Parameters:
  ///   - line: The line, without its line break.
  ///   - limit: Stop after this many fields.
  /// - Complexity: O(*n*) in the length of the line.
  mutating func tokenize(_ line: UnsafeRawBufferPointer, limit: Int = .max) {
    spans.removeAll(keepingCapacity: true)
    count = 0
    let n = line.count
    var i = 0
    while i < n && count < limit {
      while i < n && line[i] == 0x20 { i += 1 }
      if i >= n { break }
      var span: FieldSpan
      switch line[i] {
      case 0x5B:
        var j = i + 1
        while j < n && line[j] != 0x5D { j += 1 }
        span = FieldSpan(start: i + 1, end: j, wrapped: true)
        i = j + 1
      case 0x22:
        var j = i + 1
        while j < n && !(line[j] == 0x22 && (j + 1 == n || line[j + 1] == 0x20))
        {
          j += 1
        }
        span = FieldSpan(start: i + 1, end: j, wrapped: true)
        i = j + 1
      default:
        var j = i
        while j < n && line[j] != 0x20 { j += 1 }
        span = FieldSpan(start: i, end: j, wrapped: false)
        i = j
      }
      if spans.count < S3AccessLogTokenizer.maximumSpans { spans.append(span) }
      count += 1
    }
  }
}
