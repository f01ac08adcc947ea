import AccessLogs

/// The result of one detection run: what was read, the window judged, the
/// settings, and the findings. Its JSON form is the documented report
/// schema (see <doc:Report>), versioned by ``schemaVersion``.
public struct DetectionReport: Codable, Hashable, Sendable {
  /// The hours judged.
  public struct Window: Codable, Hashable, Sendable {
    /// The start, inclusive.
    public var start: Timestamp
    /// The end, exclusive.
    public var end: Timestamp
  }

  /// What the reader did.
  public struct Inputs: Codable, Hashable, Sendable {
    /// The paths given, sorted.
    public var paths: [String]
    /// Files read.
    public var filesRead: Int
    /// Files that could not be read, with why.
    public var fileErrors: [String]
    /// Records read.
    public var recordsRead: Int
    /// Events used.
    public var events: Int
    /// Principals seen.
    public var principals: Int
    /// Records skipped, per reason.
    public var skipped: [String: Int]
    /// The first event's time.
    public var firstEvent: Timestamp?
    /// The last event's time.
    public var lastEvent: Timestamp?
  }

  /// The schema version of this layout.
  public var schemaVersion = 1
  /// The tool that wrote the report.
  public var generator = "storagewatch"
  /// The window judged.
  public var window: Window
  /// The inputs.
  public var inputs: Inputs
  /// The settings in force.
  public var settings: DetectionSettings
  /// Findings, highest score first.
  public var findings: [Finding]

  /// Findings at or above a severity.
  ///
  /// - Parameter severity: The lowest severity kept.
  /// - Returns: The findings, in order.
  public func findings(atLeast severity: Severity) -> [Finding] {
    findings.filter { $0.severity >= severity }
  }
}
