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

    let dropped = (accumulator.droppedPrincipals, accumulator.droppedEvents)
    let earliest = accumulator.earliestTime
    let latest = accumulator.latestTime
    let inputs = DetectionReport.Inputs(
      paths: paths.sorted(), filesRead: summary.filesRead,
      fileErrors: summary.fileErrors.map(\.description),
      recordsRead: summary.totalRecordsRead, events: summary.eventsEmitted,
      principals: 0,
      skipped: Dictionary(
        uniqueKeysWithValues: summary.skipped.map {
          ($0.key.rawValue, $0.value)
        }
      ),
      firstEvent: earliest, lastEvent: latest)
    var outcome = decide(
      accumulator.takeActivity(), earliest: earliest, latest: latest,
      inputs: inputs, summary: summary)
    outcome.droppedPrincipals = dropped.0
    outcome.droppedEvents = dropped.1
    return outcome
  }

  /// Judges a features table (see ``FeatureTable``) instead of logs:
  /// the findings are those of ``judge(_:progress:)`` over the logs the
  /// table was computed from.
  ///
  /// Rows outside the history and window are left out, by whole hours
  /// (reading logs filters by event time, so an hour that straddles the
  /// history's start counts whole here). ``reader`` options other than
  /// the window do not apply.
  ///
  /// - Parameters:
  ///   - table: The table.
  ///   - path: Its file, named in the report's inputs.
  /// - Returns: The report, an empty read summary (records are the
  ///   table's rows) and the updated model when the run has one.
  /// - Complexity: O(*P* · *H*) for *P* principals and *H* history hours.
  public func judge(table: FeatureTable, path: String) -> Outcome {
    var table = table
    switch window {
    case .range(let since, let until):
      let start = since.adding(seconds: -Int64(settings.historyDays) * 86_400)
      table = table.restricted(
        to: ActivityAccumulator.hour(
          of: start)..<ActivityAccumulator.hour(of: until.adding(seconds: 3599))
      )
    case .hoursBack(let hours, let now?):
      let start = now.adding(
        seconds: -Int64(hours) * 3600 - Int64(settings.historyDays) * 86_400)
      table = table.restricted(
        to: ActivityAccumulator.hour(
          of: start)..<ActivityAccumulator.hour(of: now.adding(seconds: 3599)))
    case .hoursBack:
      break
    }
    let earliest = table.earliestTime
    let latest = table.latestTime
    var summary = ReadSummary()
    summary.filesRead = 1
    let inputs = DetectionReport.Inputs(
      paths: [path], filesRead: 1, fileErrors: [],
      recordsRead: table.rowCount, events: table.eventCount, principals: 0,
      skipped: [:], firstEvent: earliest, lastEvent: latest)
    return decide(
      table.activity, earliest: earliest, latest: latest, inputs: inputs,
      summary: summary)
  }

  /// The window, the model merge and the detector, shared by logs and
  /// tables.
  private func decide(
    _ finished: [String: PrincipalActivity], earliest: Timestamp?,
    latest: Timestamp?, inputs: DetectionReport.Inputs, summary: ReadSummary
  ) -> Outcome {
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
      } else if let latest {
        end = max(ActivityAccumulator.hour(of: latest) + 1, model?.end ?? 0)
      } else {
        end = model?.end ?? 0
      }
      windowHours = (end - hours)..<end
    }
    let inputStart = earliest.map { ActivityAccumulator.hour(of: $0) }
    let inputEnd = latest.map { ActivityAccumulator.hour(of: $0) + 1 }
    let updatedModel = model?.merging(
      finished, start: inputStart, end: inputEnd)
    let activity = updatedModel?.principals ?? finished
    let dataStart =
      updatedModel?.start ?? inputStart ?? windowHours.lowerBound
    let findings = Detector(settings: settings).detect(
      activity, window: windowHours, dataStart: dataStart)

    var inputs = inputs
    inputs.principals = activity.count
    let report = DetectionReport(
      window: .init(
        start: Timestamp(
          secondsSinceEpoch: Int64(windowHours.lowerBound) * 3600),
        end: Timestamp(secondsSinceEpoch: Int64(windowHours.upperBound) * 3600)),
      inputs: inputs, settings: settings, findings: findings)
    return Outcome(
      report: report, summary: summary,
      updatedModel: updatedModel?.trimmed())
  }
}
