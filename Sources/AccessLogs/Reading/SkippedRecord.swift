/// One record that produced no event, with where it was and why.
public struct SkippedRecord: Hashable, Sendable, CustomStringConvertible {
  /// Where the record starts.
  public var location: RecordLocation
  /// Why it was skipped.
  public var reason: SkipReason
  /// What exactly was wrong, such as a parse error's byte offset; at most
  /// ``maximumDetailBytes`` of UTF-8 and an ellipsis.
  public var detail: String

  /// The longest detail kept, in UTF-8 bytes: details quote log fields,
  /// which can be as long as a record, and summaries keep examples.
  public static let maximumDetailBytes = 200

  /// Creates a skipped-record note.
  ///
  /// - Parameters:
  ///   - location: Where the record starts.
  ///   - reason: Why it was skipped.
  ///   - detail: What exactly was wrong; cut to ``maximumDetailBytes``
  ///     at a character boundary, with `...` added, when longer.
  public init(location: RecordLocation, reason: SkipReason, detail: String) {
    self.location = location
    self.reason = reason
    if detail.utf8.count <= SkippedRecord.maximumDetailBytes {
      self.detail = detail
    } else {
      var cut = ""
      for character in detail {
        if cut.utf8.count + character.utf8.count
          > SkippedRecord.maximumDetailBytes
        {
          break
        }
        cut.append(character)
      }
      self.detail = cut + "..."
    }
  }

  /// `path:line: reason: detail`.
  public var description: String {
    "\(location): \(reason.rawValue)" + (detail.isEmpty ? "" : ": \(detail)")
  }
}
