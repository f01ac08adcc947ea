/// One record that produced no event, with where it was and why.
public struct SkippedRecord: Hashable, Sendable, CustomStringConvertible {
  /// Where the record starts.
  public var location: RecordLocation
  /// Why it was skipped.
  public var reason: SkipReason
  /// What exactly was wrong, such as a parse error's byte offset.
  public var detail: String

  /// Creates a skipped-record note.
  ///
  /// - Parameters:
  ///   - location: Where the record starts.
  ///   - reason: Why it was skipped.
  ///   - detail: What exactly was wrong.
  public init(location: RecordLocation, reason: SkipReason, detail: String) {
    self.location = location
    self.reason = reason
    self.detail = detail
  }

  /// `path:line: reason: detail`.
  public var description: String {
    "\(location): \(reason.rawValue)" + (detail.isEmpty ? "" : ": \(detail)")
  }
}
