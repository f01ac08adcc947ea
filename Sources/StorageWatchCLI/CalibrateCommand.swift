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
          OptionSpec(
            "output", short: "o", valueName: "file",
            help: "The model file to write.")
        ],
      flags: InputOptions.flags,
      positionals: [InputOptions.positional])
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

    let inputs = try InputOptions.localPaths(
      arguments, console: console,
      range: RemoteInputs.lastDays(
        settings.historyDays, since: reader.since, until: reader.until))
    guard
      let accumulator = try ActivityReading.read(
        inputs.paths, options: reader, arguments, console: console)
    else { return ExitCode.failure }
    guard let earliest = accumulator.earliestTime,
      let latest = accumulator.latestTime
    else {
      console.error("no events to calibrate from")
      return ExitCode.failure
    }

    let start = ActivityAccumulator.hour(of: earliest)
    let end =
      reader.until.map {
        ActivityAccumulator.hour(of: $0.adding(seconds: 3599))
      } ?? ActivityAccumulator.hour(of: latest) + 1
    let model = ActivityModel(
      accumulator.finish(), start: start, end: max(start, end),
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
}
