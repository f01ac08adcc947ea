/// How urgent a finding is, from its score.
///
/// | Severity | Score |
/// |---|---|
/// | info | below 20 |
/// | low | 20 to 39 |
/// | medium | 40 to 59 |
/// | high | 60 to 79 |
/// | critical | 80 and above |
public enum Severity: String, CaseIterable, Codable, Hashable, Sendable,
  Comparable
{
  /// Worth a look when investigating something else.
  case info
  /// Unusual but often benign.
  case low
  /// Should be triaged today.
  case medium
  /// Likely an incident.
  case high
  /// An incident in progress.
  case critical

  /// The severity of a score.
  ///
  /// - Parameter score: 0 to 100.
  /// - Returns: The band the score falls in.
  public init(score: Int) {
    switch score {
    case ..<20: self = .info
    case ..<40: self = .low
    case ..<60: self = .medium
    case ..<80: self = .high
    default: self = .critical
    }
  }

  private var rank: Int { Severity.allCases.firstIndex(of: self)! }

  /// Orders from `info` to `critical`.
  ///
  /// - Parameters:
  ///   - lhs: A severity.
  ///   - rhs: Another severity.
  /// - Returns: Whether `lhs` is less severe.
  public static func < (lhs: Severity, rhs: Severity) -> Bool {
    lhs.rank < rhs.rank
  }
}
