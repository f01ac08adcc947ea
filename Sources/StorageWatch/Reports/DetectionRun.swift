import AccessLogs

/// Reads logs, learns baselines from the history and judges the window:
/// the whole of `storagewatch detect` as a library call.
public struct DetectionRun: Sendable {
  /// Which hours to judge.
  public enum WindowChoice: Sendable, Hashable {
    /// The last `hours` hours before `now`; `now` defaults to the latest
    /// event time in the input (rounded up to the hour), so that old logs
    /// can be replayed.
    case hoursBack(Int, now: Timestamp?)
    /// An explicit range.
    case range(since: Timestamp, until: Timestamp)
  }

  /// What to read.
  public var reader: EventReaderOptions
  /// Thresholds and baselines.
  public var settings: DetectionSettings
  /// The window.
  public var window: WindowChoice

  /// Creates a run.
  ///
  /// - Parameters:
  ///   - reader: Reader options (time filters are set by the run).
  ///   - settings: Detection settings.
  ///   - window: The window to judge.
  public init(
    reader: EventReaderOptions = EventReaderOptions(),
    settings: DetectionSettings = DetectionSettings(),
    window: WindowChoice = .hoursBack(24, now: nil)
  ) {
    self.reader = reader
    self.settings = settings
    self.window = window
  }

  /// Runs detection over the inputs.
  ///
  /// - Parameters:
  ///   - paths: Log files, directories or `-`.
  ///   - progress: Called after each file with the reader's summary.
  /// - Returns: The report.
  /// - Throws: ``ReadError`` in strict mode.
  public func run(
    _ paths: [String], progress: ((ReadSummary) -> Void)? = nil
  ) throws -> (report: DetectionReport, summary: ReadSummary) {
    var options = reader
    switch window {
    case .range(let since, let until):
      options.since = since.adding(
        seconds: -Int64(settings.historyDays) * 86_400)
      options.until = until
    case .hoursBack(let hours, let now?):
      options.until = now
      options.since = now.adding(
        seconds: -Int64(hours) * 3600 - Int64(settings.historyDays) * 86_400)
    case .hoursBack:
      break
    }
    var accumulator = ActivityAccumulator()
    let summary = try EventReader(options: options).read(
      paths, progress: progress
    ) { accumulator.add($0) }

    let windowHours: Range<Int>
    switch window {
    case .range(let since, let until):
      windowHours =
        ActivityAccumulator.hour(
          of: since)..<max(
          ActivityAccumulator.hour(of: since),
          ActivityAccumulator.hour(of: until.adding(seconds: 3599)))
    case .hoursBack(let hours, let now):
      let end: Int
      if let now {
        end = ActivityAccumulator.hour(of: now.adding(seconds: 3599))
      } else if let latest = accumulator.latestTime {
        end = ActivityAccumulator.hour(of: latest) + 1
      } else {
        end = 0
      }
      windowHours = (end - hours)..<end
    }
    let dataStart =
      accumulator.earliestTime.map(ActivityAccumulator.hour(of:))
      ?? windowHours.lowerBound
    let activity = accumulator.finish()
    let findings = Detector(settings: settings).detect(
      activity, window: windowHours, dataStart: dataStart)

    let inputs = DetectionReport.Inputs(
      paths: paths, filesRead: summary.filesRead,
      fileErrors: summary.fileErrors.map(\.description),
      recordsRead: summary.totalRecordsRead, events: summary.eventsEmitted,
      principals: activity.count,
      skipped: Dictionary(
        uniqueKeysWithValues: summary.skipped.map {
          ($0.key.rawValue, $0.value)
        }
      ),
      firstEvent: accumulator.earliestTime, lastEvent: accumulator.latestTime)
    let report = DetectionReport(
      window: .init(
        start: Timestamp(
          secondsSinceEpoch: Int64(windowHours.lowerBound) * 3600),
        end: Timestamp(secondsSinceEpoch: Int64(windowHours.upperBound) * 3600)),
      inputs: inputs, settings: settings, findings: findings)
    return (report, summary)
  }
}
