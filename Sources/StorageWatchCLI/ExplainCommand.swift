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
    // detect's inputs, window, baseline, thresholds and model options, so
    // that explain judges what detect would.
    let shared = DetectCommand.spec.options.filter {
      !["format", "output", "min-severity", "fail-on"].contains($0.long)
    }
    return CommandSpec(
      name: "explain",
      abstract: "Write what the detector sees of principals, as JSON Lines.",
      discussion: """
        Reads the logs as detect does and writes, for each principal, one \
        JSON object: every hour of its history and window with its \
        requests, the seasonal baseline's expectation and usual band, and \
        a 24-hour moving average for comparison; its weekly profile; its \
        robust covariance model with each active hour's squared \
        Mahalanobis distance, surprise and feature shares; and its \
        findings. The window and the history are chosen as for detect. \
        --principal keeps principals that contain the text (repeatable); \
        without it every principal is written.
        """,
      options: shared + [
        OptionSpec(
          "principal", valueName: "text",
          help: "Explain principals containing this text (repeatable).",
          isRepeatable: true),
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
    let (model, settings) = try ActivityReading.modelAndSettings(arguments)
    var reader = try InputOptions.readerOptions(arguments)
    let window = try DetectCommand.windowChoice(arguments)
    let range = RemoteInputs.range(
      of: window, historyDays: settings.historyDays)
    switch window {
    case .hoursBack(_, now: nil):
      reader.since = nil
      reader.until = nil
    default:
      reader.since = range.lowerBound
      reader.until = range.upperBound
    }
    let inputs = try InputOptions.localPaths(
      arguments, console: console, range: range)
    guard
      let history = try ActivityReading.history(
        inputs.paths, options: reader, model: model, arguments,
        purpose: "explain",
        console: console)
    else { return ExitCode.failure }
    let activity = history.activity
    let hours: Range<Int>
    switch window {
    case .range(let since, let until):
      let start = ActivityAccumulator.hour(of: since)
      hours =
        start..<max(
          start, ActivityAccumulator.hour(of: until.adding(seconds: 3599)))
    case .hoursBack(let count, let now):
      let end =
        now.map { ActivityAccumulator.hour(of: $0.adding(seconds: 3599)) }
        ?? max(history.end, model?.end ?? 0)
      hours = (end - count)..<end
    }

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
      activity, principals: principals, window: hours,
      dataStart: history.dataStart)
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
