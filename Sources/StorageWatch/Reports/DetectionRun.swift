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
  /// History learned earlier by `calibrate`: the activity read is folded
  /// into it (see ``ActivityModel/merging(_:start:end:)``) before
  /// detection, so the input needs to hold only the new hours.
  public var model: ActivityModel?
  /// Reading threads; the report is the same for any number. Default:
  /// the machine's active processors.
  public var threads = ActivityAccumulator.defaultThreads
  /// The most principals kept in memory (see ``ActivityAccumulator``).
  /// Default: ``ActivityAccumulator/defaultMaxPrincipals``.
  public var maxPrincipals = ActivityAccumulator.defaultMaxPrincipals

  /// What a run produced.
  public struct Outcome: Sendable {
    /// The report.
    public var report: DetectionReport
    /// What the reader read and skipped.
    public var summary: ReadSummary
    /// The model with the input folded in and trimmed (see
    /// ``ActivityModel/trimmed()``) when the run had a model; otherwise
    /// `nil`.
    public var updatedModel: ActivityModel?
    /// Principals left out by the ``DetectionRun/maxPrincipals`` limit.
    public var droppedPrincipals = 0
    /// Events of the principals left out.
    public var droppedEvents = 0
  }

  /// Creates a run.
  ///
  /// - Parameters:
  ///   - reader: Reader options (time filters are set by the run).
  ///   - settings: Detection settings.
  ///   - window: The window to judge.
  ///   - model: History learned by `calibrate`, or `nil`.
  public init(
    reader: EventReaderOptions = EventReaderOptions(),
    settings: DetectionSettings = DetectionSettings(),
    window: WindowChoice = .hoursBack(24, now: nil),
    model: ActivityModel? = nil
  ) {
    self.reader = reader
    self.settings = settings
    self.window = window
    self.model = model
  }

  /// Runs detection over the inputs.
  ///
  /// - Parameters:
  ///   - paths: Log files, directories or `-`.
  ///   - progress: Called after each file with the reader's summary.
  /// - Returns: The report.
  /// - Throws: ``AccessLogs/ReadError`` in strict mode.
  public func run(
    _ paths: [String], progress: ((ReadSummary) -> Void)? = nil
  ) throws -> (report: DetectionReport, summary: ReadSummary) {
    let outcome = try judge(paths, progress: progress)
    return (outcome.report, outcome.summary)
  }

  /// Runs detection over the inputs and, with a ``model``, returns the
  /// model with the input folded in.
  ///
  /// Without a model the window's end defaults to the latest event read;
  /// with one, to the later of that and the model's end. History comes
  /// from the model and from whatever the input holds.
  ///
  /// - Parameters:
  ///   - paths: Log files, directories or `-`.
  ///   - progress: Called after each file with the reader's summary.
  /// - Returns: The report, the read summary and the updated model.
  /// - Throws: ``AccessLogs/ReadError`` in strict mode.
  /// - Complexity: Reading is linear in the input; detection is
  ///   O(*P* · *H*) for *P* principals and *H* history hours.
  public func judge(
    _ paths: [String], progress: ((ReadSummary) -> Void)? = nil
  ) throws -> Outcome {
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
    var (accumulator, summary) = try ActivityAccumulator.read(
      paths, options: options, threads: threads,
      maxPrincipals: maxPrincipals, progress: progress)

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
        end = max(ActivityAccumulator.hour(of: latest) + 1, model?.end ?? 0)
      } else {
        end = model?.end ?? 0
      }
      windowHours = (end - hours)..<end
    }
    let inputStart = accumulator.earliestTime.map {
      ActivityAccumulator.hour(of: $0)
    }
    let inputEnd = accumulator.latestTime.map {
      ActivityAccumulator.hour(of: $0) + 1
    }
    let dropped = (accumulator.droppedPrincipals, accumulator.droppedEvents)
    let finished = accumulator.takeActivity()
    let updatedModel = model?.merging(
      finished, start: inputStart, end: inputEnd)
    let activity = updatedModel?.principals ?? finished
    let dataStart =
      updatedModel?.start ?? inputStart ?? windowHours.lowerBound
    let findings = Detector(settings: settings).detect(
      activity, window: windowHours, dataStart: dataStart)

    let inputs = DetectionReport.Inputs(
      paths: paths.sorted(), filesRead: summary.filesRead,
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
    return Outcome(
      report: report, summary: summary,
      updatedModel: updatedModel?.trimmed(),
      droppedPrincipals: dropped.0, droppedEvents: dropped.1)
  }
}
