/// A UTC calendar day, counted in days since 1970-01-01, with its year,
/// month and day: the unit of the delivery layouts' date folders.
public struct CivilDay: Sendable, Hashable, Comparable {
  /// Days since 1970-01-01 (negative before it).
  public let daysSinceEpoch: Int64
  /// The year, e.g. 2026.
  public let year: Int
  /// The month, 1 to 12.
  public let month: Int
  /// The day of the month, 1 to 31.
  public let day: Int

  /// The day that contains an instant.
  ///
  /// - Parameter seconds: Seconds since 1970-01-01T00:00:00Z.
  public init(containing seconds: Int64) {
    let days =
      seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
    self.init(daysSinceEpoch: days)
  }

  /// The day a number of days after 1970-01-01.
  ///
  /// Uses the proleptic Gregorian calendar (Howard Hinnant's
  /// `civil_from_days`).
  ///
  /// - Parameter daysSinceEpoch: Days since 1970-01-01.
  public init(daysSinceEpoch: Int64) {
    self.daysSinceEpoch = daysSinceEpoch
    let z = daysSinceEpoch + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    year = Int(yoe + era * 400 + (m <= 2 ? 1 : 0))
    month = Int(m)
    day = Int(d)
  }

  /// The first second of the day.
  public var startSeconds: Int64 { daysSinceEpoch * 86_400 }

  /// The next day.
  public var next: CivilDay { CivilDay(daysSinceEpoch: daysSinceEpoch + 1) }

  /// `YYYY/MM/DD`, the CloudTrail, Cloud Logging and Storage Analytics
  /// folder form.
  public var slashed: String {
    "\(Self.pad(year, 4))/\(Self.pad(month, 2))/\(Self.pad(day, 2))"
  }

  /// `YYYY-MM-DD`, the S3 server access log key form.
  public var dashed: String {
    "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
  }

  /// `y=YYYY/m=MM/d=DD`, the Azure Monitor diagnostic settings form.
  public var partitioned: String {
    "y=\(Self.pad(year, 4))/m=\(Self.pad(month, 2))/d=\(Self.pad(day, 2))"
  }

  /// `YYYYMMDD`, the SigV4 credential scope date.
  public var compact: String {
    Self.pad(year, 4) + Self.pad(month, 2) + Self.pad(day, 2)
  }

  /// Orders days in time.
  ///
  /// - Parameters:
  ///   - lhs: A day.
  ///   - rhs: Another day.
  /// - Returns: Whether `lhs` is before `rhs`.
  public static func < (lhs: CivilDay, rhs: CivilDay) -> Bool {
    lhs.daysSinceEpoch < rhs.daysSinceEpoch
  }

  static func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }
}
