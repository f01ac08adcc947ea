/// An instant in UTC with nanosecond resolution.
///
/// Log formats write times with 0 to 9 fractional digits (GCS audit logs use
/// nine, Azure seven, CloudTrail none); a `Timestamp` keeps all of them.
/// The value is the signed count of nanoseconds since 1970-01-01T00:00:00Z,
/// which covers the years 1678 to 2262.
public struct Timestamp: Hashable, Comparable, Sendable {
  /// Nanoseconds since the Unix epoch, UTC.
  public var nanosecondsSinceEpoch: Int64

  /// Creates a timestamp from nanoseconds since the Unix epoch.
  ///
  /// - Parameter nanosecondsSinceEpoch: Signed nanoseconds since
  ///   1970-01-01T00:00:00Z.
  public init(nanosecondsSinceEpoch: Int64) {
    self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
  }

  /// Creates a timestamp from whole seconds since the Unix epoch.
  ///
  /// - Parameter secondsSinceEpoch: Seconds since 1970-01-01T00:00:00Z;
  ///   must lie within the representable range (years 1678 to 2262).
  public init(secondsSinceEpoch: Int64) {
    precondition(
      abs(secondsSinceEpoch) < Int64.max / 1_000_000_000,
      "Timestamp: \(secondsSinceEpoch) s is outside years 1678-2262")
    self.nanosecondsSinceEpoch = secondsSinceEpoch * 1_000_000_000
  }

  /// Whole seconds since the Unix epoch, rounded toward negative infinity.
  public var secondsSinceEpoch: Int64 {
    let (q, r) = nanosecondsSinceEpoch.quotientAndRemainder(
      dividingBy: 1_000_000_000)
    return r < 0 ? q - 1 : q
  }

  /// Seconds since the Unix epoch as a `Double` (sub-microsecond precision
  /// is lost for present-day dates).
  public var timeIntervalSince1970: Double {
    Double(nanosecondsSinceEpoch) / 1e9
  }

  /// Returns the timestamp moved by a number of seconds.
  ///
  /// - Parameter seconds: Seconds to add; negative moves back.
  /// - Returns: The moved timestamp.
  public func adding(seconds: Int64) -> Timestamp {
    Timestamp(
      nanosecondsSinceEpoch: nanosecondsSinceEpoch + seconds * nanosPerSecond)
  }

  /// Compares two timestamps by instant.
  ///
  /// - Parameters:
  ///   - lhs: A timestamp.
  ///   - rhs: Another timestamp.
  /// - Returns: Whether `lhs` is the earlier instant.
  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
    lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
  }
}

let nanosPerSecond: Int64 = 1_000_000_000
