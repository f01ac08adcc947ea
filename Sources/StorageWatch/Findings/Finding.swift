import AccessLogs
import Foundation

/// One incident: the signals about one principal in adjacent hours,
/// merged, scored and explained.
public struct Finding: Hashable, Sendable, Codable {
  /// A source address used in the finding's hours.
  public struct Source: Hashable, Sendable, Codable {
    /// The address, endpoint or name.
    public var address: String
    /// `public`, `private` or `service`.
    public var kind: String
    /// Whether the principal first used it in the finding's hours.
    public var isNew: Bool
    /// Requests from it in the finding's hours.
    public var requests: Int
  }

  /// A stable identifier: the principal, start and primary detection,
  /// hashed.
  public var id: String
  /// The detection whose signal weighs most.
  public var detection: DetectionKind
  /// Every signal, in time order.
  public var signals: [Signal]
  /// The severity band of the score.
  public var severity: Severity
  /// 0 to 100; <doc:Detections#Findings-and-scores> explains it.
  public var score: Int
  /// The normalized principal string.
  public var principal: String
  /// The principal's kind.
  public var principalKind: PrincipalKind
  /// The cloud.
  public var provider: Provider
  /// Accounts whose storage was touched.
  public var accounts: [String]
  /// Buckets touched in the finding's hours, most requests first.
  public var buckets: [String]
  /// The start of the first hour.
  public var start: Timestamp
  /// The end of the last hour.
  public var end: Timestamp
  /// Sources used in the finding's hours.
  public var sources: [Source]
  /// User agents used in the finding's hours, most requests first.
  public var userAgents: [String]
  /// Requests in the finding's hours.
  public var eventCount: Int
  /// Bytes sent, when the log records them.
  public var bytesOut: Int64?
  /// A few objects touched.
  public var sampleObjects: [String]
  /// A few event or request ids, to find the raw records.
  public var sampleEventIDs: [String]
  /// One sentence that explains the finding.
  public var summary: String
  /// The principal's requests per hour around the finding, with what its
  /// baseline expected, for charts.
  public var timeline: [TimelinePoint] = []
}

/// One hour of a principal's activity against its baseline.
public struct TimelinePoint: Hashable, Sendable, Codable {
  /// The start of the hour.
  public var time: Timestamp
  /// Requests in the hour.
  public var observed: Int
  /// Requests the baseline expected.
  public var expected: Double
  /// The top of the baseline's usual band: the expected count plus three
  /// standard deviations of its negative binomial (or Poisson) spread.
  public var upper: Double

  /// Creates a point.
  ///
  /// - Parameters:
  ///   - time: The start of the hour.
  ///   - observed: Requests in the hour.
  ///   - expected: Requests expected.
  ///   - upper: The top of the usual band.
  public init(time: Timestamp, observed: Int, expected: Double, upper: Double) {
    self.time = time
    self.observed = observed
    self.expected = expected
    self.upper = upper
  }
}

extension Finding {
  /// Points for a detection at its threshold, before strength and
  /// corroboration: mass-deletion 65; bulk-download, exfiltration,
  /// enumeration and after-hours 45; unusual-operation 30;
  /// new-source-address 22.
  static func basePoints(_ kind: DetectionKind) -> Double {
    switch kind {
    case .massDeletion: return 65
    case .bulkDownload, .exfiltration, .enumeration, .afterHours: return 45
    case .unusualOperation: return 30
    case .newSourceAddress: return 22
    }
  }

  /// The score of a set of signals, 0 to 100.
  ///
  /// Each detection's strength is its strongest signal's surprise divided
  /// by its threshold (1 at the threshold). Its points are
  /// `basePoints + 10 · log2(strength)`, so ten times more surprising than
  /// the threshold adds about 33. The score is the highest detection's
  /// points plus a third of every other detection's, capped at 100:
  /// independent detections agreeing on one principal and hour (a new
  /// address with a bulk download, say) make an incident more certain.
  static func score(
    _ signals: [Signal], settings: DetectionSettings
  ) -> (score: Int, primary: DetectionKind) {
    var points: [DetectionKind: Double] = [:]
    for signal in signals {
      let strength = max(
        1, signal.surprise / max(settings.threshold(signal.detection), 0.1))
      let p = basePoints(signal.detection) + 10 * log2(strength)
      points[signal.detection] = max(points[signal.detection] ?? 0, p)
    }
    let ranked = points.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
    guard let (primary, top) = ranked.first else { return (0, .afterHours) }
    let total = top + ranked.dropFirst().map { $0.value / 3 }.reduce(0, +)
    return (Int(min(100, total).rounded()), primary)
  }
}
