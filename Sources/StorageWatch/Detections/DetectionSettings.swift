import Foundation

/// Every setting of the detections, with its default.
///
/// Surprise thresholds are in units of -log10 probability: a threshold of
/// 6 fires on observations with probability at most one in a million
/// under the principal's own baseline. With 60 principals, 24 hours and
/// seven detections a day makes about 10,000 tests, so thresholds near 5
/// to 6 keep chance alarms near or below one a day even before the floors
/// and ratios below are applied.
public struct DetectionSettings: Codable, Hashable, Sendable {
  /// Days of history before the window that baselines learn from.
  /// Default 30.
  public var historyDays = 30
  /// The time zone of business hours and of the hour-of-week profiles.
  /// Default UTC.
  public var timeZoneIdentifier = "UTC"
  /// The first business hour, local time. Default 8.
  public var businessStart = 8
  /// The hour business ends, local time (exclusive). Default 18.
  public var businessEnd = 18
  /// Whether after-hours judges each principal by its own working day:
  /// business hours are shifted by the whole hours that best fit its
  /// history (someone in Los Angeles is judged by Los Angeles hours even
  /// with `--timezone UTC`). Default `true`.
  public var inferWorkingHours = true
  /// Days of activity a principal needs before detections that compare it
  /// with its own habits (after-hours, new address, unusual operation)
  /// apply. Default 5.
  public var minimumActiveDays = 5
  /// Surprise thresholds per detection; see the type's discussion.
  /// Defaults: bulk-download 6, mass-deletion 6, enumeration 6,
  /// exfiltration 9, after-hours 2.5, new-source-address 1.5,
  /// unusual-operation 2.
  public var thresholds: [DetectionKind: Double] = [
    .bulkDownload: 6, .massDeletion: 6, .enumeration: 6, .exfiltration: 9,
    .afterHours: 2.5, .newSourceAddress: 1.5, .unusualOperation: 2,
  ]
  /// Reads an hour below which bulk-download never fires. Default 100.
  public var bulkReadFloor = 100
  /// Deletes an hour below which mass-deletion never fires. Default 50.
  public var deleteFloor = 50
  /// Listing and inspection calls an hour below which enumeration on
  /// volume never fires. Default 30.
  public var enumerationFloor = 30
  /// Denied calls an hour below which an access-denied storm never fires.
  /// Default 10.
  public var deniedFloor = 10
  /// Buckets first touched in one hour that count as enumeration.
  /// Default 5.
  public var newBucketFloor = 5
  /// How many times the expected count an hour must reach, on top of the
  /// surprise, for count detections. Default 4.
  public var minimumRatio = 4.0
  /// How many times its busiest history hour a principal must read in one
  /// hour for a record-volume bulk-download. Default 3.
  public var recordRatio = 3.0
  /// Requests an hour needs before after-hours considers it. Default 3.
  public var afterHoursMinimumEvents = 3
  /// How far, in hours, an after-hours request must be from the nearest
  /// hour of the principal's usual day. Default 3.
  public var afterHoursMinimumDistance = 3
  /// Active history hours a principal needs for its own robust covariance
  /// model. Default 48.
  public var exfiltrationMinimumHours = 48

  /// Creates settings with the defaults above.
  public init() {}

  /// The threshold of a detection.
  ///
  /// - Parameter kind: The detection.
  /// - Returns: Its surprise threshold in ``thresholds``, or 6 when the
  ///   dictionary has none for it.
  public func threshold(_ kind: DetectionKind) -> Double {
    thresholds[kind] ?? 6
  }

  /// The time zone, or UTC when the identifier is unknown.
  public var timeZone: TimeZone {
    TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(identifier: "UTC")!
  }
}
