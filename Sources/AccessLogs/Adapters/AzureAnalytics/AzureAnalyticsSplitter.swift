/// Cuts an Azure Storage Analytics log line into its `;`-separated fields.
///
/// A field that starts with `"` is quoted and ends at the first `"` that is
/// followed by `;` or the end of the line, so quoted values may hold raw
/// `;` (user agents such as `(go1.13; Windows_NT)`, `&amp;` in URLs), inner
/// quotes (the version 2.0 authorization detail
/// `"[{"action":"..."}]"`) and doubled quotes (`""0x8D15A2913C934DE""`,
/// whose value is then `"0x8D15A2913C934DE"`). Any other field ends at the
/// next `;`, so an unquoted value with a `;` in it (the request URL that
/// some documentation examples leave unquoted, with `&amp;` in it) splits
/// into extra fields, which the field count then reveals. A quote that is
/// never closed runs to the end of the line. A `;` at the end of the line
/// ends a field and starts an empty one.
///
/// Only the first ``maximumSpans`` spans are kept; further fields are
/// counted, so that a line of garbage costs no memory.
struct AzureAnalyticsSplitter {
  /// The most fields kept per line; version 2.0 has 38.
  static let maximumSpans = 64

  /// The fields found by the last call to ``split(_:limit:)``.
  private(set) var spans: [FieldSpan] = []
  /// How many fields the last line had, kept or not.
  private(set) var count = 0

  /// Creates a splitter with room for ``maximumSpans`` fields.
  init() {
    spans.reserveCapacity(AzureAnalyticsSplitter.maximumSpans)
  }

  /// Splits a line, replacing the previous result.
  ///
  /// - Parameters:
  ///   - line: The line, without its line break.
  ///   - limit: Stop after this many fields.
  /// - Complexity: O(*n*) in the length of the line.
  mutating func split(_ line: UnsafeRawBufferPointer, limit: Int = .max) {
    spans.removeAll(keepingCapacity: true)
    count = 0
    let n = line.count
    var i = 0
    while count < limit {
      var span: FieldSpan
      var next: Int
      if i < n && line[i] == 0x22 {
        var j = i + 1
        while j < n && !(line[j] == 0x22 && (j + 1 == n || line[j + 1] == 0x3B))
        {
          j += 1
        }
        span = FieldSpan(start: i + 1, end: j, wrapped: true)
        next = j + 1
      } else {
        var j = i
        while j < n && line[j] != 0x3B { j += 1 }
        span = FieldSpan(start: i, end: j, wrapped: false)
        next = j
      }
      if spans.count < AzureAnalyticsSplitter.maximumSpans {
        spans.append(span)
      }
      count += 1
      if next >= n { break }
      i = next + 1
      if i == n {
        if count < limit {
          if spans.count < AzureAnalyticsSplitter.maximumSpans {
            spans.append(FieldSpan(start: n, end: n, wrapped: false))
          }
          count += 1
        }
        break
      }
    }
  }
}
