import AccessLogs

/// What month of storage access to simulate and how to write it.
///
/// Everything the simulator produces is a function of this value: the same
/// configuration gives byte-identical logs.
public struct SimulationConfig: Hashable, Sendable {
  /// Days simulated; default 35 (a 30-day baseline plus a 5-day test
  /// window). At least 8, so that incidents fit in the last week.
  public var days: Int
  /// Named principals (people plus service identities; anonymous callers
  /// and the provider's own services come on top); default 60, at least 8.
  public var principals: Int
  /// The seed of every random choice; default 1.
  public var seed: UInt64
  /// The first instant simulated; default Monday 2026-10-05 00:00 UTC.
  public var start: Timestamp
  /// The log format to write; default CloudTrail.
  public var format: LogFormat
  /// The incidents to plant; default all.
  public var incidents: Set<IncidentKind>
  /// Whether CloudTrail files mix in management events of other services
  /// (EC2, IAM, STS), as a real trail does; default true. Other formats
  /// ignore it.
  public var includeManagementEvents: Bool
  /// The share of ordinary (non-incident) requests kept, for fast tests;
  /// 1 keeps all.
  var volumeScale = 1.0

  /// Monday 2026-10-05 00:00 UTC, the default start.
  public static let defaultStart = Timestamp(secondsSinceEpoch: 1_791_158_400)

  /// Creates a configuration.
  ///
  /// - Parameters:
  ///   - days: Days to simulate, at least 8; default 35.
  ///   - principals: Named principals, at least 8; default 60.
  ///   - seed: The random seed; default 1.
  ///   - start: The first instant; default ``defaultStart``.
  ///   - format: The log format; default `.cloudTrail`.
  ///   - incidents: Incidents to plant; default all.
  ///   - includeManagementEvents: Mix CloudTrail management events in;
  ///     default true.
  public init(
    days: Int = 35, principals: Int = 60, seed: UInt64 = 1,
    start: Timestamp = SimulationConfig.defaultStart,
    format: LogFormat = .cloudTrail,
    incidents: Set<IncidentKind> = Set(IncidentKind.allCases),
    includeManagementEvents: Bool = true
  ) {
    self.days = days
    self.principals = principals
    self.seed = seed
    self.start = start
    self.format = format
    self.incidents = incidents
    self.includeManagementEvents = includeManagementEvents
  }

  /// The end of the simulated period (exclusive).
  public var end: Timestamp { start.adding(seconds: Int64(days) * 86_400) }
}
