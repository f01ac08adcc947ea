import AccessLogs

/// The ground truth for one planted incident: who, when and what.
///
/// A label matches an event when the event's principal contains
/// ``principal`` and its time lies in `start...end`.
public struct IncidentLabel: Hashable, Sendable {
  /// A substring of the principal string that the log adapters produce for
  /// the format written: an IAM user or role name for AWS, an email for
  /// GCS, a user principal name or object id for Azure.
  public var principal: String
  /// The time of the first event of the incident.
  public var start: Timestamp
  /// The time of the last event of the incident.
  public var end: Timestamp
  /// What happened.
  public var kind: IncidentKind

  /// Creates a label.
  ///
  /// - Parameters:
  ///   - principal: A substring of the affected principal.
  ///   - start: The first event's time.
  ///   - end: The last event's time; not before `start`.
  ///   - kind: What happened.
  public init(
    principal: String, start: Timestamp, end: Timestamp, kind: IncidentKind
  ) {
    precondition(start <= end, "IncidentLabel: end precedes start")
    self.principal = principal
    self.start = start
    self.end = end
    self.kind = kind
  }

  /// The label as one `labels.csv` row, without the line end:
  /// `principal,start,end,kind` with ISO 8601 UTC times.
  public var csvRow: String {
    "\(principal),\(start.iso8601),\(end.iso8601),\(kind.rawValue)"
  }

  /// The header row of `labels.csv`.
  public static let csvHeader = "principal,start,end,kind"
}
