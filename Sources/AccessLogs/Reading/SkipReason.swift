/// Why a record was read but produced no event.
///
/// The raw value is the name used in summaries and JSON output.
public enum SkipReason: String, CaseIterable, Codable, Hashable, Sendable,
  Comparable
{
  /// A valid record of a service other than object storage (CloudTrail's
  /// EC2, IAM, ... events; Azure table and queue lines).
  case notStorage = "not-storage-service"
  /// A CloudTrail digest file or record (integrity digests, not events).
  case digest = "cloudtrail-digest"
  /// A CloudTrail Insights event (a statistics summary, not a request).
  case insight = "cloudtrail-insight"
  /// Not valid JSON.
  case malformedJSON = "malformed-json"
  /// Valid syntax, but a required field is missing or unreadable.
  case malformedRecord = "malformed-record"
  /// A timestamp that is missing or not a valid date and time.
  case badTimestamp = "bad-timestamp"
  /// A timestamp after ``EventReaderOptions/latestTime``.
  case futureTimestamp = "future-timestamp"
  /// A JSON value of a shape that no supported export writes.
  case unrecognizedShape = "unrecognized-shape"
  /// A record larger than the size limit; its bytes were not kept.
  case tooLarge = "record-too-large"
  /// The input ended inside the record.
  case truncated = "truncated-record"
  /// The same event id was already read in this run (logs are delivered
  /// at least once).
  case duplicate = "duplicate"

  /// Orders reasons by name, for stable summaries.
  ///
  /// - Parameters:
  ///   - lhs: A reason.
  ///   - rhs: Another reason.
  /// - Returns: Whether `lhs` sorts first by raw value.
  public static func < (lhs: SkipReason, rhs: SkipReason) -> Bool {
    lhs.rawValue < rhs.rawValue
  }

  /// Whether the reason means that the input was damaged, as opposed to a
  /// valid record that is simply not an object-storage access.
  public var isMalformation: Bool {
    switch self {
    case .notStorage, .digest, .insight, .duplicate: return false
    default: return true
    }
  }
}
