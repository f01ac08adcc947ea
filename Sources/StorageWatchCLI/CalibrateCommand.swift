import AccessLogs
import ArgumentParsing
import Foundation
import StorageWatch

/// `storagewatch calibrate`: learn every principal's history from logs
/// and write it as a model file for `detect --model`.
///
/// Exit statuses: 0 on success; 1 when nothing could be read, `--strict`
/// stopped the run, the input held no events, or the model could not be
/// written; 64 for usage errors.
enum CalibrateCommand: CLICommand {
  static var spec: CommandSpec {
    CommandSpec(
      name: "calibrate",
      abstract: "Learn each principal's history and write a model file.",
      discussion: """
        Reads every input (--since and --until limit the events read) and \
        writes one model file holding, for every principal, its hourly \
        activity over the last --history-days days of the input and when \
        each of its sources, networks, user agents, operations and \
        buckets was first seen, with the time zone and business hours to \
        fit baselines in. detect --model FILE then judges new logs without \
        reading the history again, and detect --model FILE --update-model \
        folds each run's logs into it. The file is written to a temporary \
        file and renamed into place, and carries a format version and a \
        checksum that detect checks. Prints what the model holds: \
        principals with their own baselines, principals compared with \
        their peer group, and principals with a robust covariance model.
        """,
      options: InputOptions.options + InputOptions.remoteOptions
        + InputOptions.activityOptions
        + DetectCommand.baselineOptions(
          historyHelp: "Days of hourly history to keep, before the input's end."
        )
        + [
          FeatureTableFile.option,
          OptionSpec(
            "output", short: "o", valueName: "file",
            help: "The model file to write."),
        ],
      flags: InputOptions.flags,
      positionals: [InputOptions.optionalPositional])
  }

  static func run(_ arguments: ParsedArguments, console: Console) throws
    -> Int32
  {
    let reader = try InputOptions.readerOptions(arguments)
    var settings = DetectionSettings()
    try DetectCommand.applyBaselineOptions(arguments, to: &settings)
    guard let output = arguments.string("output"), output != "-" else {
      throw UsageError(
        .invalidValue(
          argument: "--output", value: arguments.string("output") ?? "",
          reason: "a model file path is required", allowed: []),
        commandPath: arguments.commandPath, usage: arguments.usage)
    }

    guard
      let (activity, earliest, latest) = try readActivity(
        arguments, reader: reader, settings: settings, console: console)
    else { return ExitCode.failure }

    let start = ActivityAccumulator.hour(of: earliest)
    let end =
      reader.until.map {
        ActivityAccumulator.hour(of: $0.adding(seconds: 3599))
      } ?? ActivityAccumulator.hour(of: latest) + 1
    let model = ActivityModel(
      activity, start: start, end: max(start, end),
      settings: settings
    ).trimmed()
    try ModelFile.save(model, to: output)

    let fit = model.fit()
    let days =
      Double(model.end - max(model.start, model.end - 24 * model.historyDays))
      / 24
    console.result(
      "model: \(fit.principals) principals, \(fit.hours) active hours over "
        + String(format: "%.1f", days) + " days to "
        + Timestamp(secondsSinceEpoch: Int64(model.end) * 3600).iso8601)
    console.result(
      "  \(fit.ownBaselines) with their own baselines, "
        + "\(fit.peerBaselines) compared with the profile of their kind "
        + "(\(fit.peerGroups) kind\(fit.peerGroups == 1 ? "" : "s") profiled), "
        + "\(fit.principals - fit.active) without recent activity")
    console.result(
      "  \(fit.covarianceModels) with a robust covariance model; "
        + "\(fit.knownSources) sources remembered")
    console.note("model written to \(output)")
    return ExitCode.success
  }

  /// The activity of the logs, or of the `--features` table restricted to
  /// `--since` and `--until` by whole hours, with its first and last
  /// request times.
  ///
  /// - Returns: `nil` after reporting that nothing could be read or that
  ///   the input held no events.
  private static func readActivity(
    _ arguments: ParsedArguments, reader: EventReaderOptions,
    settings: DetectionSettings, console: Console
  ) throws -> ([String: PrincipalActivity], Timestamp, Timestamp)? {
    var activity: [String: PrincipalActivity]
    var times: (Timestamp?, Timestamp?)
    if let features = try FeatureTableFile.load(arguments) {
      var table = features.table
      if reader.since != nil || reader.until != nil {
        let start = reader.since.map { ActivityAccumulator.hour(of: $0) }
        let end = reader.until.map {
          ActivityAccumulator.hour(of: $0.adding(seconds: 3599))
        }
        table = table.restricted(to: (start ?? Int.min)..<(end ?? Int.max))
      }
      console.note(
        "features: \(table.rowCount) rows for \(table.activity.count) "
          + "principals")
      activity = table.activity
      times = (table.earliestTime, table.latestTime)
    } else {
      let inputs = try InputOptions.localPaths(
        arguments, console: console,
        range: RemoteInputs.lastDays(
          settings.historyDays, since: reader.since, until: reader.until))
      guard
        let accumulator = try ActivityReading.read(
          inputs.paths, options: reader, arguments, console: console)
      else { return nil }
      times = (accumulator.earliestTime, accumulator.latestTime)
      activity = accumulator.finish()
    }
    guard let earliest = times.0, let latest = times.1 else {
      console.error("no events to calibrate from")
      return nil
    }
    return (activity, earliest, latest)
  }
}
