import AccessLogs
import ArgumentParsing
import Foundation
import StorageWatch

/// `storagewatch detect`: learn each principal's baselines from the
/// history and report the window's abnormal access.
enum DetectCommand: CLICommand {
  static var spec: CommandSpec {
    CommandSpec(
      name: "detect",
      abstract: "Report abnormal storage access in the last hours of logs.",
      discussion: """
        Reads every input, learns how each principal normally uses storage \
        from the history before the window, and reports the window's \
        abnormal access as ranked findings. The window is the last \
        --hours-back hours before --now, and --now defaults to the latest \
        event time in the input, so old logs can be replayed; or give \
        --since and --until. With --model FILE (written by calibrate) the \
        history comes from the model and the input needs to hold only the \
        new logs; an hour found in both keeps the side with more events. \
        --update-model folds the logs read into the model and saves it \
        atomically, so daily runs keep their history without reading it \
        again; running the same logs twice leaves the model as once. Exit \
        status 2 when --fail-on is given and a finding reaches that \
        severity.
        """,
      options: [
        InputOptions.options[0], InputOptions.options[1],
        InputOptions.remoteOptions[0], InputOptions.maxFutureOption,
        InputOptions.maxRecordOption,
        InputOptions.activityOptions[0], InputOptions.activityOptions[1],
        OptionSpec(
          "hours-back", valueName: "hours",
          help: "Judge the last N hours before --now.", defaultValue: "24"),
        OptionSpec(
          "now", valueName: "time",
          help: "The end of the window (default: the latest event time)."),
        OptionSpec(
          "since", valueName: "time",
          help: "Start of an explicit window (with --until)."),
        OptionSpec(
          "until", valueName: "time",
          help: "End of an explicit window (with --since)."),
      ]
        + baselineOptions(
          historyHelp: "Days of history before the window to learn from.")
        + [
          OptionSpec(
            "thresholds", valueName: "file",
            help: "JSON file of detection settings (as in the JSON report)."),
          FeatureTableFile.option,
          OptionSpec(
            "model", valueName: "file",
            help: """
              Start from the history in this model file (from calibrate); \
              its time zone, business hours and history days apply unless \
              given here.
              """),
          OptionSpec(
            "format", valueName: "format",
            help: """
              Report format (default: table on standard output, or from the \
              --output file's extension, else json).
              """,
            allowedValues: ReportFormat.allCases.map(\.rawValue)),
          OptionSpec(
            "output", short: "o", valueName: "file",
            help: "Write the report here instead of standard output."),
          OptionSpec(
            "min-severity", valueName: "severity",
            help: "Leave out findings below this severity.",
            defaultValue: "low",
            allowedValues: Severity.allCases.map(\.rawValue)),
          OptionSpec(
            "fail-on", valueName: "severity",
            help: "Exit 2 when a finding reaches this severity.",
            allowedValues: Severity.allCases.map(\.rawValue)),
        ],
      flags: InputOptions.flags + [
        FlagSpec(
          "update-model",
          help: "Fold the logs read into the --model file and save it.")
      ],
      positionals: [InputOptions.optionalPositional])
  }

  /// `--history-days`, `--timezone` and `--business-hours`, which
  /// `detect`, `tune` and `calibrate` share.
  ///
  /// - Parameter historyHelp: The help of `--history-days`.
  static func baselineOptions(historyHelp: String) -> [OptionSpec] {
    let defaults = DetectionSettings()
    return [
      OptionSpec(
        "history-days", valueName: "days", help: historyHelp,
        defaultValue: String(defaults.historyDays)),
      OptionSpec(
        "timezone", valueName: "zone",
        help: "IANA time zone of business hours and weekly profiles.",
        defaultValue: defaults.timeZoneIdentifier),
      OptionSpec(
        "business-hours", valueName: "HH-HH",
        help: "Business hours in --timezone, weekdays.",
        defaultValue: String(
          format: "%02d-%02d", defaults.businessStart, defaults.businessEnd)),
    ]
  }

  /// Warns when the input holds less history before the window than a
  /// principal needs for its habit detections, so that an empty report
  /// is not read as a clean bill of health.
  static func warnShortHistory(
    _ report: DetectionReport, settings: DetectionSettings,
    console: Console
  ) {
    guard let first = report.inputs.firstEvent else { return }
    let needed = settings.minimumActiveDays
    let before =
      report.window.start.secondsSinceEpoch - first.secondsSinceEpoch
    guard before < Int64(needed) * 86_400 else { return }
    let days = String(format: "%.1f", Double(max(before, 0)) / 86_400)
    console.warning(
      "the input has \(days) days of history before the window "
        + "(first event \(first.iso8601)); baselines learn from it, and a "
        + "principal needs \(needed) active days for its habit detections, "
        + "so few findings are possible: give more days of logs, or "
        + "--model FILE from calibrate")
  }

  static func run(_ arguments: ParsedArguments, console: Console) throws
    -> Int32
  {
    var reader = try InputOptions.readerOptions(arguments)
    reader.since = nil
    reader.until = nil
    let updateModel = arguments.flag("update-model")
    if updateModel && !arguments.isPresent("model") {
      throw UsageError(
        .invalidValue(
          argument: "--update-model", value: "",
          reason: "needs --model FILE", allowed: []),
        commandPath: arguments.commandPath, usage: arguments.usage)
    }
    let model = try ModelFile.load(arguments)
    let settings = try ModelFile.settings(
      try detectionSettings(arguments), model: model, arguments)
    let window = try windowChoice(arguments)
    let features = try FeatureTableFile.load(arguments)
    let output = arguments.string("output")
    let format = try reportFormat(arguments, output: output)
    let minimum = Severity(rawValue: arguments.string("min-severity") ?? "low")!
    if let model {
      console.note("model: " + ModelFile.describe(model))
      if settings.historyDays > model.historyDays {
        console.warning(
          "the model keeps \(model.historyDays) days of history; "
            + "--history-days \(settings.historyDays) learns only from those "
            + "and the input")
      }
    }

    var run = DetectionRun(
      reader: reader, settings: settings, window: window, model: model)
    let activitySettings = try InputOptions.activitySettings(arguments)
    run.threads = activitySettings.threads
    run.maxPrincipals = activitySettings.maxPrincipals
    let result: DetectionRun.Outcome
    if let features {
      console.note(
        "features: \(features.table.rowCount) rows for "
          + "\(features.table.activity.count) principals")
      result = run.judge(table: features.table, path: features.path)
    } else {
      guard
        let judged = try judgeLogs(
          run, arguments, model: model, console: console)
      else { return ExitCode.failure }
      result = judged
    }
    SummaryReport.print(result.summary, to: console)
    if model == nil {
      warnShortHistory(result.report, settings: settings, console: console)
    }
    InputOptions.warnDropped(
      principals: result.droppedPrincipals, events: result.droppedEvents,
      limit: activitySettings.maxPrincipals, console: console)
    if result.summary.filesRead == 0 && !result.summary.fileErrors.isEmpty {
      return ExitCode.failure
    }

    let text = ReportRenderer.render(
      result.report, as: format, minimumSeverity: minimum)
    let file = try OutputFile(path: output ?? "-")
    try file.writeText(text)
    try file.commit()
    let shown = result.report.findings(atLeast: minimum).count
    console.note(
      "\(shown) finding\(shown == 1 ? "" : "s") at \(minimum.rawValue) or "
        + "above in \(result.report.window.start.iso8601) to "
        + "\(result.report.window.end.iso8601)")

    if updateModel, let path = arguments.string("model"),
      let updated = result.updatedModel
    {
      try ModelFile.save(updated, to: path)
      console.note("model updated: " + ModelFile.describe(updated))
    }

    if let failOn = arguments.string("fail-on").flatMap(Severity.init),
      !result.report.findings(atLeast: failOn).isEmpty
    {
      return 2
    }
    return ExitCode.success
  }

  /// Lists the inputs for the window and the history the model lacks,
  /// and judges them.
  ///
  /// - Returns: The outcome, or `nil` after reporting that `--strict`
  ///   stopped the run.
  private static func judgeLogs(
    _ run: DetectionRun, _ arguments: ParsedArguments, model: ActivityModel?,
    console: Console
  ) throws -> DetectionRun.Outcome? {
    // With a model, remote listing needs only the window and any gap
    // between the model's end and the window.
    let settings = run.settings
    let window = run.window
    var range = RemoteInputs.range(
      of: window, historyDays: model == nil ? settings.historyDays : 0)
    if let model {
      let modelEnd = Timestamp(secondsSinceEpoch: Int64(model.end) * 3600)
      let earliest = RemoteInputs.range(
        of: window, historyDays: settings.historyDays
      ).lowerBound
      let start = max(earliest, min(range.lowerBound, modelEnd))
      range = start..<max(start, range.upperBound)
    }
    let inputs = try InputOptions.localPaths(
      arguments, console: console, range: range)
    do {
      return try run.judge(inputs.paths) { so in
        console.progress(
          "\(so.filesRead) files, \(so.eventsEmitted) events read")
      }
    } catch let error as ReadError {
      console.error("\(error) (--strict)")
      return nil
    }
  }

  /// The settings of `--thresholds`, or the defaults, with the baseline
  /// options applied.
  ///
  /// - Throws: `UsageError` when the file cannot be read or is not a
  ///   settings file, or a baseline option is invalid.
  static func detectionSettings(
    _ arguments: ParsedArguments
  ) throws(UsageError) -> DetectionSettings {
    var settings = DetectionSettings()
    if let path = arguments.string("thresholds") {
      settings = try arguments.value("thresholds") { _ in
        guard let data = FileManager.default.contents(atPath: path) else {
          throw ValidationError("cannot read \(path)")
        }
        do {
          return try JSONDecoder().decode(DetectionSettings.self, from: data)
        } catch {
          throw ValidationError("not a settings file: \(error)")
        }
      }!
    }
    try applyBaselineOptions(arguments, to: &settings)
    return settings
  }

  /// Applies `--history-days`, `--timezone` and `--business-hours`, the
  /// options `detect` and `tune` share.
  ///
  /// - Throws: `UsageError` naming the option whose value is invalid.
  static func applyBaselineOptions(
    _ arguments: ParsedArguments, to settings: inout DetectionSettings
  ) throws(UsageError) {
    if let days = try arguments.int("history-days") {
      guard days >= 1 else {
        throw UsageError(
          .invalidValue(
            argument: "--history-days", value: String(days),
            reason: "must be at least 1", allowed: []),
          commandPath: arguments.commandPath, usage: arguments.usage)
      }
      settings.historyDays = days
    }
    if let zone = try arguments.value(
      "timezone",
      as: { text -> String in
        guard TimeZone(identifier: text) != nil else {
          throw ValidationError("not an IANA time zone such as Europe/Berlin")
        }
        return text
      })
    {
      settings.timeZoneIdentifier = zone
    }
    if let hours = try arguments.value(
      "business-hours", as: parseBusinessHours)
    {
      settings.businessStart = hours.0
      settings.businessEnd = hours.1
    }
  }

  static func parseBusinessHours(_ text: String) throws -> (Int, Int) {
    let parts = text.split(separator: "-")
    guard parts.count == 2, let start = Int(parts[0]), let end = Int(parts[1]),
      (0...23).contains(start), (1...24).contains(end), start < end
    else {
      throw ValidationError("expected HH-HH with 0 <= start < end <= 24")
    }
    return (start, end)
  }

  /// The window of `--since` and `--until`, or of `--hours-back` and
  /// `--now`, which `detect` and `explain` share.
  ///
  /// - Throws: `UsageError` for `--since` without `--until` (or after
  ///   it) and for `--hours-back` below 1.
  static func windowChoice(
    _ arguments: ParsedArguments
  ) throws(UsageError) -> DetectionRun.WindowChoice {
    let since = try arguments.value("since", as: InputOptions.parseTime)
    let until = try arguments.value("until", as: InputOptions.parseTime)
    if since != nil || until != nil {
      guard let since, let until, since < until else {
        throw UsageError(
          .invalidValue(
            argument: "--since", value: since?.iso8601 ?? "",
            reason: "--since and --until go together, since before until",
            allowed: []),
          commandPath: arguments.commandPath, usage: arguments.usage)
      }
      return .range(since: since, until: until)
    }
    let hours = try arguments.int("hours-back") ?? 24
    guard hours >= 1 else {
      throw UsageError(
        .invalidValue(
          argument: "--hours-back", value: String(hours),
          reason: "must be at least 1", allowed: []),
        commandPath: arguments.commandPath, usage: arguments.usage)
    }
    let now = try arguments.value("now", as: InputOptions.parseTime)
    return .hoursBack(hours, now: now)
  }

  private static func reportFormat(
    _ arguments: ParsedArguments, output: String?
  ) throws(UsageError) -> ReportFormat {
    if let name = arguments.string("format") {
      return ReportFormat(rawValue: name)!
    }
    guard let output, output != "-" else { return .table }
    let suffixes: [(String, ReportFormat)] = [
      (".json", .json), (".jsonl", .jsonl), (".csv", .csv), (".md", .markdown),
      (".html", .html), (".htm", .html), (".ocsf", .ocsf), (".txt", .table),
    ]
    return suffixes.first { output.hasSuffix($0.0) }?.1 ?? .json
  }
}
