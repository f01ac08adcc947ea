import AccessLogs
import ArgumentParsing
import StorageWatch

/// Reading logs into every principal's hourly activity, as `calibrate`,
/// `tune` and `explain` do: progress on the console while reading, the
/// read summary after.
enum ActivityReading {
  /// Reads the inputs into an accumulator, with `--threads` readers and
  /// at most `--max-principals` principals (see
  /// `InputOptions.readActivity(_:options:_:console:)`).
  ///
  /// - Parameters:
  ///   - paths: Local paths (remote inputs already fetched).
  ///   - options: Reader options.
  ///   - arguments: The parsed arguments (`--threads`,
  ///     `--max-principals`).
  ///   - console: Where progress, the summary and errors go.
  /// - Returns: The accumulator, or `nil` after reporting why on the
  ///   console when `--strict` stopped at a damaged record or no input
  ///   could be read at all (exit status 1).
  /// - Throws: `UsageError` for invalid `--threads` or `--max-principals`
  ///   values; what the reader throws other than ``AccessLogs/ReadError``.
  static func read(
    _ paths: [String], options: EventReaderOptions,
    _ arguments: ParsedArguments, console: Console
  ) throws -> ActivityAccumulator? {
    guard
      let (accumulator, summary) = try InputOptions.readActivity(
        paths, options: options, arguments, console: console)
    else { return nil }
    if summary.filesRead == 0 && !summary.fileErrors.isEmpty {
      return nil
    }
    return accumulator
  }
}

extension ActivityReading {
  /// Every principal's activity read, folded into a model's history.
  struct History {
    /// Every principal's hourly activity.
    var activity: [String: PrincipalActivity]
    /// The first hour with data, the model's start when there is one.
    var dataStart: Int
    /// The hour after the latest event read.
    var end: Int
  }

  /// Reads the inputs (see ``read(_:options:_:console:)``) and folds their
  /// activity into `model` when given (see
  /// `ActivityModel.merging(_:start:end:)`), for `tune` and `explain`.
  ///
  /// - Parameters:
  ///   - paths: Local paths (remote inputs already fetched).
  ///   - options: Reader options.
  ///   - model: The model of `--model`, or `nil`.
  ///   - arguments: The parsed arguments (`--threads`,
  ///     `--max-principals`).
  ///   - purpose: What the events are for, as in "no events to judge".
  ///   - console: Where progress, the model and errors go.
  /// - Returns: The history, or `nil` after reporting why reading failed
  ///   or that the input held no events.
  /// - Throws: `UsageError` for invalid `--threads` or `--max-principals`
  ///   values; what the reader throws other than ``AccessLogs/ReadError``.
  static func history(
    _ paths: [String], options: EventReaderOptions, model: ActivityModel?,
    _ arguments: ParsedArguments, purpose: String, console: Console
  ) throws -> History? {
    guard
      let accumulator = try read(
        paths, options: options, arguments, console: console)
    else { return nil }
    guard let earliest = accumulator.earliestTime,
      let latest = accumulator.latestTime
    else {
      console.error("no events to \(purpose)")
      return nil
    }
    var history = History(
      activity: accumulator.finish(),
      dataStart: ActivityAccumulator.hour(of: earliest),
      end: ActivityAccumulator.hour(of: latest) + 1)
    if let model {
      console.note("model: " + ModelFile.describe(model))
      let merged = model.merging(
        history.activity, start: history.dataStart, end: history.end)
      history.activity = merged.principals
      history.dataStart = merged.start
    }
    return history
  }
}

extension ActivityReading {
  /// The model of `--model`, if any, and the settings of a run with it:
  /// `--thresholds` or the defaults, then the model's baseline settings,
  /// then the command line's (see `ModelFile.settings(_:model:_:)`).
  ///
  /// - Parameter arguments: The parsed arguments.
  /// - Returns: The model and the settings.
  /// - Throws: `ModelFile.LoadError` for a model file that cannot be used;
  ///   `UsageError` for invalid settings options.
  static func modelAndSettings(_ arguments: ParsedArguments) throws
    -> (model: ActivityModel?, settings: DetectionSettings)
  {
    let model = try ModelFile.load(arguments)
    let settings = try ModelFile.settings(
      try DetectCommand.detectionSettings(arguments), model: model, arguments)
    return (model, settings)
  }
}
