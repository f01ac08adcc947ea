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
  /// What happened, in the labeller's words: an ``IncidentKind`` raw
  /// value for simulated incidents, any text for a team's own labels.
  /// Matching never looks at it.
  public var kind: String

  /// Creates a label.
  ///
  /// - Parameters:
  ///   - principal: A substring of the affected principal.
  ///   - start: The first event's time.
  ///   - end: The last event's time; not before `start`.
  ///   - kind: What happened, in any words.
  public init(
    principal: String, start: Timestamp, end: Timestamp, kind: String
  ) {
    precondition(start <= end, "IncidentLabel: end precedes start")
    self.principal = principal
    self.start = start
    self.end = end
    self.kind = kind
  }

  /// Creates a label for a simulated incident.
  ///
  /// - Parameters:
  ///   - principal: A substring of the affected principal.
  ///   - start: The first event's time.
  ///   - end: The last event's time; not before `start`.
  ///   - kind: The simulated incident's kind.
  public init(
    principal: String, start: Timestamp, end: Timestamp, kind: IncidentKind
  ) {
    self.init(principal: principal, start: start, end: end, kind: kind.rawValue)
  }

  /// The simulated incident kind, when ``kind`` names one.
  public var incidentKind: IncidentKind? { IncidentKind(rawValue: kind) }

  /// The label as one `labels.csv` row, without the line end:
  /// `principal,start,end,kind` with ISO 8601 UTC times, and the
  /// principal and kind quoted when they hold a comma or a quote.
  public var csvRow: String {
    func field(_ text: String) -> String {
      guard text.contains(where: { $0 == "," || $0 == "\"" }) else {
        return text
      }
      return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return "\(field(principal)),\(start.iso8601),\(end.iso8601),\(field(kind))"
  }

  /// The header row of `labels.csv`.
  public static let csvHeader = "principal,start,end,kind"
}
