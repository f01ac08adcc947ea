import AccessLogs

/// Generates a deterministic month of cloud-storage access, with planted
/// incidents, and writes it as a cloud service would deliver its logs.
///
/// The simulated organization has people in several time zones (New York,
/// Los Angeles, Berlin, London, Kolkata) with daily and weekly rhythms, a
/// lunch dip, log-normal personal volumes, office and home addresses,
/// address changes, travel and a few night owls; and service identities:
/// nightly ETL jobs reading thousands of objects through a private
/// endpoint, serverless functions on rotating cloud addresses, a sync tool
/// with random session names, a nightly backup writer, weekly report jobs,
/// a security scanner with denied probes, anonymous readers of a public
/// bucket and the provider's own log delivery and lifecycle expiry.
///
/// ```swift
/// let simulator = Simulator(SimulationConfig(format: .gcsAudit))
/// let summary = try simulator.write(to: "/tmp/month")
/// ```
public struct Simulator: Sendable {
  /// The configuration simulated.
  public let config: SimulationConfig
  let workload: Workload
  let names: SimulatedNames

  /// Generates the month in memory (about 100 bytes per request; the
  /// default configuration has about a million).
  ///
  /// - Parameter config: What to simulate; `days` and `principals` must be
  ///   at least 8.
  /// - Complexity: O(*n* log *n*) in the number of requests.
  public init(_ config: SimulationConfig) {
    self.config = config
    workload = Workload(config: config)
    names = SimulatedNames(workload: workload)
  }

  private func format() -> any SimulatedFormat {
    switch config.format {
    case .cloudTrail: return CloudTrailFormat(names: names)
    case .s3AccessLog: return S3AccessLogFormat(names: names)
    case .gcsAudit: return GCSAuditFormat(names: names)
    case .azureStorageAnalytics: return AzureAnalyticsFormat(names: names)
    case .azureMonitor: return AzureMonitorFormat(names: names)
    }
  }

  /// The storage events of the month as the configured format's adapter
  /// reads them back, each once (no duplicate deliveries, no management
  /// events), sorted by time.
  ///
  /// Fields that the format does not carry are `nil`, and times have the
  /// format's precision (whole seconds for AWS, 100 ns for Azure).
  ///
  /// - Returns: The ground-truth events.
  /// - Complexity: O(*n*) in the number of requests.
  public func events() -> [AccessEvent] {
    let format = format()
    var out: [AccessEvent] = []
    out.reserveCapacity(workload.requests.count)
    for r in workload.requests {
      if let e = format.event(r) { out.append(e) }
    }
    return out
  }

  /// The planted incidents, sorted by start time, with principal
  /// substrings valid for the configured format.
  ///
  /// Start and end are whole seconds that enclose every event of the
  /// incident.
  ///
  /// - Returns: One label per enabled incident kind.
  /// - Complexity: O(*k*) in the number of incidents.
  public func labels() -> [IncidentLabel] {
    let format = format()
    return workload.incidents.map { incident in
      let start = Timestamp(
        secondsSinceEpoch: floorDiv(incident.start, 1_000_000_000))
      let end = Timestamp(
        secondsSinceEpoch: floorDiv(incident.end + 999_999_999, 1_000_000_000))
      return IncidentLabel(
        principal: format.label(incident.actor), start: start, end: end,
        kind: incident.kind)
    }.sorted { ($0.start, $0.kind) < ($1.start, $1.kind) }
  }

  /// Writes the month's logs in the format's delivery layout under a
  /// directory, plus `labels.csv` at its top.
  ///
  /// | Format | Layout |
  /// |---|---|
  /// | CloudTrail | `AWSLogs/<acct>/CloudTrail/<region>/YYYY/MM/DD/<acct>_CloudTrail_<region>_<YYYYMMDDTHHMMZ>_<rand16>.json.gz` |
  /// | S3 access | `s3-access/<bucket>/YYYY-MM-DD-HH-MM-SS-<UNIQUE16>` |
  /// | GCS audit | `cloudaudit.googleapis.com/data_access/YYYY/MM/DD/HH:00:00_HH:59:59_S0.json` |
  /// | Azure analytics | `<account>/$logs/blob/YYYY/MM/DD/hh00/000000.log` |
  /// | Azure Monitor | `resourceId=/SUBSCRIPTIONS/.../y=YYYY/m=MM/d=DD/h=HH/m=00/PT1H.json` |
  ///
  /// CloudTrail files are compressed with the system's `gzip -n` when it
  /// exists and left as `.json` otherwise.
  ///
  /// - Parameter directory: The output directory; created if missing.
  ///   Files of the same names are replaced.
  /// - Returns: Counts of what was written.
  /// - Throws: ``SimulationError`` naming the path that failed.
  /// - Complexity: O(*n* log *n*) in the number of requests.
  public func write(to directory: String) throws -> SimulationSummary {
    var sink = LogFileSink(root: directory)
    try sink.makeDirectory(directory)
    var summary = SimulationSummary(format: config.format)
    try format().write(workload.requests, to: &sink, summary: &summary)
    summary.bytes = sink.bytes
    summary.labels = labels()
    var csv = IncidentLabel.csvHeader + "\n"
    for label in summary.labels { csv += label.csvRow + "\n" }
    try sink.write("labels.csv", Array(csv.utf8))
    return summary
  }
}
