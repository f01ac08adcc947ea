import AccessLogs
import ArgumentParsing
import Foundation
import StorageWatch

/// `storagewatch explain`: what the detector sees of some principals, as
/// JSON Lines for plotting.
///
/// Exit statuses: 0 on success; 1 when the logs cannot be read, hold no
/// events, or no principal matches `--principal`; 64 for usage errors.
enum ExplainCommand: CLICommand {
  static var spec: CommandSpec {
    CommandSpec(
      name: "explain",
      abstract: "Write what the detector sees of principals, as JSON Lines.",
      discussion: """
        Reads the logs as detect does and writes, for each principal, one \
        JSON object: every hour of its history and window with its \
        requests, the seasonal baseline's expectation and usual band, and \
        a 24-hour moving average for comparison; its weekly profile; its \
        robust covariance model with each active hour's squared \
        Mahalanobis distance, surprise and feature shares; and its \
        findings. The window is the last --hours-back hours before --now \
        (default: the latest event time). --principal keeps principals \
        that contain the text (repeatable); without it every principal \
        is written.
        """,
      options: [
        InputOptions.options[0], InputOptions.options[1],
        InputOptions.options[2], InputOptions.options[3],
        InputOptions.remoteOptions[0],
        OptionSpec(
          "principal", valueName: "text",
          help: "Explain principals containing this text (repeatable).",
          isRepeatable: true),
        OptionSpec(
          "hours-back", valueName: "hours",
          help: "Judge the last N hours before --now.", defaultValue: "24"),
        OptionSpec(
          "now", valueName: "time",
          help: "The end of the window (default: the latest event time)."),
      ]
        + DetectCommand.baselineOptions(
          historyHelp: "Days of history before the window to learn from.")
        + [
          OptionSpec(
            "thresholds", valueName: "file",
            help: "JSON file of detection settings (as in the JSON report)."),
          OptionSpec(
            "model", valueName: "file",
            help: "Start from the history in this model file (from "
              + "calibrate)."),
          OptionSpec(
            "output", short: "o", valueName: "file",
            help: "Write the JSON Lines here instead of standard output."),
        ],
      flags: InputOptions.flags,
      positionals: [InputOptions.positional])
  }

  static func run(_ arguments: ParsedArguments, console: Console) throws
    -> Int32
  {
    let reader = try InputOptions.readerOptions(arguments)
    let model = try ModelFile.load(arguments)
    let settings = try ModelFile.settings(
      try DetectCommand.detectionSettings(arguments), model: model, arguments)
    let hours = try arguments.int("hours-back") ?? 24
    guard hours >= 1 else {
      throw UsageError(
        .invalidValue(
          argument: "--hours-back", value: String(hours),
          reason: "must be at least 1", allowed: []),
        commandPath: arguments.commandPath, usage: arguments.usage)
    }
    let now = try arguments.value("now", as: InputOptions.parseTime)
    let range = now.map {
      $0.adding(
        seconds: -Int64(hours) * 3600 - Int64(settings.historyDays) * 86_400)..<$0
    }
    let inputs = try InputOptions.localPaths(
      arguments, console: console, range: range)

    var accumulator = ActivityAccumulator()
    let summary: ReadSummary
    do {
      summary = try EventReader(options: reader).read(
        inputs.paths,
        progress: { so in
          console.progress(
            "\(so.filesRead) files, \(so.eventsEmitted) events read")
        }
      ) { accumulator.add($0) }
    } catch let error as ReadError {
      console.error("\(error) (--strict)")
      return ExitCode.failure
    }
    SummaryReport.print(summary, to: console)
    guard let earliest = accumulator.earliestTime,
      let latest = accumulator.latestTime
    else {
      console.error("no events to explain")
      return ExitCode.failure
    }

    var activity = accumulator.finish()
    var dataStart = ActivityAccumulator.hour(of: earliest)
    let latestHour = ActivityAccumulator.hour(of: latest) + 1
    if let model {
      console.note("model: " + ModelFile.describe(model))
      let merged = model.merging(activity, start: dataStart, end: latestHour)
      activity = merged.principals
      dataStart = merged.start
    }
    let end =
      now.map { ActivityAccumulator.hour(of: $0.adding(seconds: 3599)) }
      ?? max(latestHour, model?.end ?? 0)

    let wanted = arguments.strings("principal")
    let principals = activity.keys.sorted().filter { principal in
      wanted.isEmpty || wanted.contains { principal.contains($0) }
    }
    guard !principals.isEmpty else {
      console.error(
        "no principal contains "
          + wanted.map { "'\($0)'" }.joined(separator: " or "))
      return ExitCode.failure
    }
    let explanations = Detector(settings: settings).explain(
      activity, principals: principals, window: (end - hours)..<end,
      dataStart: dataStart)
    let output = arguments.string("output") ?? "-"
    let file = try OutputFile(path: output)
    try file.writeText(explanations.map { $0.jsonLine() }.joined())
    try file.commit()
    console.note(
      "explained \(explanations.count) principal"
        + "\(explanations.count == 1 ? "" : "s")")
    return ExitCode.success
  }
}
