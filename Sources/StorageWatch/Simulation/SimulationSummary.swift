import AccessLogs

/// What ``Simulator/write(to:)`` wrote.
public struct SimulationSummary: Hashable, Sendable {
  /// The format of the log files.
  public var format: LogFormat
  /// Log files written, `labels.csv` not included.
  public var files: Int
  /// Storage events in the ground truth, each counted once.
  public var events: Int
  /// Log records written: the storage events, plus duplicated deliveries
  /// and the management events that the format mixes in.
  public var records: Int
  /// Records written a second time in another file (CloudTrail's
  /// at-least-once delivery).
  public var duplicates: Int
  /// Non-storage records mixed in (CloudTrail management events of other
  /// services).
  public var managementEvents: Int
  /// Uncompressed bytes of log records written.
  public var bytes: Int64
  /// Whether the files were compressed with gzip (CloudTrail only; false
  /// when no `gzip` program was found).
  public var compressed: Bool
  /// The incidents planted.
  public var labels: [IncidentLabel]

  /// Creates an empty summary for a format.
  ///
  /// - Parameter format: The format written.
  public init(format: LogFormat) {
    self.format = format
    files = 0
    events = 0
    records = 0
    duplicates = 0
    managementEvents = 0
    bytes = 0
    compressed = false
    labels = []
  }
}
