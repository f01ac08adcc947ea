import AccessLogs
import ArgumentParsing
import Foundation
import StorageWatch

/// `storagewatch tune`: judge detections against labelled incidents over
/// the last days of the logs and write the thresholds that do best.
///
/// Exit statuses: 0 on success (also when an alert budget cannot be met:
/// a warning says so and the highest thresholds are written); 1 when the
/// logs cannot be read, the labels file has a malformed row (reported
/// with its line number) or the output cannot be written; 64 for usage
/// errors, including a missing or unreadable `--labels` file, as for
/// `detect --thresholds`.
enum TuneCommand: CLICommand {
  static var spec: CommandSpec {
    CommandSpec(
      name: "tune",
      abstract: "Choose detection thresholds from labelled incidents.",
      discussion: """
        Reads every input once and judges each of the last --days days as \
        detect would (the day is the window, the days before it the \
        history; --since and --until limit the events read), for each \
        detection over a grid of surprise thresholds \
        from 0.5 to 3 times its default. Prints one table per detection \
        (alarms are findings at medium severity or above whose primary \
        detection is that one; an incident is caught when an alarm \
        matches its label; recall is over every labelled incident) and \
        marks the chosen row with '*'. --objective f1 starts from the base \
        thresholds and moves one detection at a time along its grid while \
        the F1 of all alarms' precision and incident recall rises, so it \
        never does worse than the base on the judged days, and keeps that \
        choice only when the same search, run without each judged day in \
        turn, beats the base thresholds on the day left out \
        (--no-cross-validation keeps it regardless); \
        --alert-budget N picks the lowest thresholds \
        whose alarms together stay at or below N false alarms a day. \
        Writes the chosen settings as JSON for detect --thresholds. \
        labels.csv has the header principal,start,end,kind and ISO 8601 \
        times; a label matches a finding whose principal contains it and \
        whose hours overlap it, with an hour of slack either side; kind is \
        free text. --model FILE supplies the history before the labelled \
        days, and --thresholds FILE the settings to start from.
        """,
      options: [
        InputOptions.options[0], InputOptions.options[1],
        InputOptions.options[2], InputOptions.options[3],
        InputOptions.remoteOptions[0], InputOptions.maxFutureOption,
        InputOptions.maxRecordOption,
        InputOptions.activityOptions[0], InputOptions.activityOptions[1],
        OptionSpec(
          "labels", valueName: "file",
          help: "CSV of labelled incidents: principal,start,end,kind."),
        OptionSpec(
          "days", valueName: "days",
          help: "Judge each of the last N days of the logs.",
          defaultValue: "7"),
      ]
        + DetectCommand.baselineOptions(
          historyHelp: "Days of history before each judged day to learn from."
        )
        + [
          OptionSpec(
            "thresholds", valueName: "file",
            help: """
              Start from these settings (JSON, as detect --thresholds reads) \
              instead of the defaults: grids scale from their thresholds, and \
              the last line judges them.
              """),
          OptionSpec(
            "model", valueName: "file",
            help: """
              Start from the history in this model file (from calibrate); \
              its time zone, business hours and history days apply unless \
              given here.
              """),
          OptionSpec(
            "objective", valueName: "objective",
            help: "Pick thresholds by the F1 of all alarms, incident-level.",
            defaultValue: "f1", allowedValues: ["f1"]),
          OptionSpec(
            "alert-budget", valueName: "N",
            help: "Instead, the lowest thresholds with at most N false "
              + "alarms a day."),
          OptionSpec(
            "output", short: "o", valueName: "file",
            help: "Write the chosen settings (JSON) here; '-' for standard "
              + "output."),
        ],
      flags: InputOptions.flags + [
        FlagSpec(
          "no-cross-validation",
          help: """
            With --objective f1, keep the search's choice even when it does \
            not beat the base thresholds on held-out days.
            """)
      ],
      positionals: [InputOptions.positional])
  }

  static func run(_ arguments: ParsedArguments, console: Console) throws
    -> Int32
  {
    let reader = try InputOptions.readerOptions(arguments)
    let model = try ModelFile.load(arguments)
    let settings = try ModelFile.settings(
      try DetectCommand.detectionSettings(arguments), model: model, arguments)
    let objective = try objective(arguments)
    let days = try arguments.int("days") ?? 7
    guard days >= 1 else {
      throw invalid(arguments, "--days", String(days), "must be at least 1")
    }
    guard let output = arguments.string("output") else {
      throw invalid(arguments, "--output", "", "is required")
    }
    guard let labelsPath = arguments.string("labels") else {
      throw invalid(arguments, "--labels", "", "is required")
    }
    guard let data = FileManager.default.contents(atPath: labelsPath) else {
      throw invalid(arguments, "--labels", labelsPath, "cannot read the file")
    }
    let labels: LabelSet
    do {
      labels = try LabelSet.parse(String(decoding: data, as: UTF8.self))
    } catch {
      console.error("\(labelsPath): \(error)")
      return ExitCode.failure
    }

    let inputs = try InputOptions.localPaths(
      arguments, console: console,
      range: RemoteInputs.lastDays(
        days + settings.historyDays, since: reader.since, until: reader.until))
    guard
      let history = try ActivityReading.history(
        inputs.paths, options: reader, model: model, arguments,
        purpose: "judge",
        console: console)
    else { return ExitCode.failure }
    var tuner = ThresholdTuner(
      settings: settings, days: days, objective: objective)
    tuner.crossValidates = !arguments.flag("no-cross-validation")
    let result = tuner.tune(
      history.activity, labels: labels.labels, dataStart: history.dataStart,
      end: history.end)
    if result.days < days {
      console.warning(
        "the logs cover only \(result.days) whole day"
          + "\(result.days == 1 ? "" : "s"); judged \(result.days)")
    }
    if result.incidents == 0 {
      console.warning("no labelled incident falls in the judged days")
    }
    for line in table(result) { console.result(line) }
    if !result.budgetMet {
      console.warning(
        "no thresholds in the grid meet the alert budget; writing the "
          + "highest")
    }

    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let json = try encoder.encode(result.settings)
    let file = try OutputFile(path: output)
    try file.writeText(String(decoding: json, as: UTF8.self) + "\n")
    try file.commit()
    if output != "-" { console.note("thresholds written to \(output)") }
    return ExitCode.success
  }

  /// The tables and the overall result, as printed.
  static func table(_ result: TuningResult) -> [String] {
    var lines: [String] = []
    lines.append(
      "Judged \(result.days) day\(result.days == 1 ? "" : "s"), "
        + "\(result.incidents) labelled incident"
        + "\(result.incidents == 1 ? "" : "s").")
    for tuning in result.detections {
      lines.append("")
      lines.append(
        "\(tuning.detection.rawValue) (default \(number(tuning.baseThreshold)))"
      )
      lines.append(
        "    threshold  caught  false alarms/day  precision  recall")
      for row in tuning.rows {
        let m = row.metrics
        let mark = row.threshold == tuning.chosen ? "  *" : "   "
        lines.append(
          mark + pad(number(row.threshold), 10)
            + pad("\(m.caught)/\(m.incidents)", 8)
            + pad(String(format: "%.2f", m.falseAlarmsPerDay), 18)
            + pad(ratio(m.precision), 11) + pad(ratio(m.recall), 8))
      }
    }
    lines.append("")
    lines.append(
      "Chosen thresholds: "
        + result.detections.map {
          "\($0.detection.rawValue) \(number($0.chosen))"
        }.joined(separator: ", "))
    if let validation = result.crossValidation {
      lines.append("Held-out days, search: " + summary(validation.searched))
      lines.append("Held-out days, base:   " + summary(validation.base))
      let moved = result.detections.filter {
        validation.candidate.threshold($0.detection) != $0.baseThreshold
      }.map {
        "\($0.detection.rawValue) "
          + number(validation.candidate.threshold($0.detection))
      }
      if moved.isEmpty {
        lines.append("The search kept the base thresholds.")
      } else if validation.adopted {
        lines.append(
          "The search (" + moved.joined(separator: ", ")
            + ") beat the base thresholds on held-out days: adopted.")
      } else {
        lines.append(
          "The search (" + moved.joined(separator: ", ")
            + ") did not beat the base thresholds on held-out days: "
            + "kept the base.")
      }
    }
    lines.append("Overall, chosen:   " + summary(result.overall))
    lines.append("Overall, base:     " + summary(result.base))
    return lines
  }

  private static func summary(_ m: TuningMetrics) -> String {
    "caught \(m.caught)/\(m.incidents) (recall \(ratio(m.recall))), "
      + String(format: "%.2f", m.falseAlarmsPerDay)
      + " false alarms/day, precision \(ratio(m.precision)), "
      + "F1 " + String(format: "%.2f", m.f1)
  }

  private static func number(_ value: Double) -> String {
    var text = String(format: "%.3f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }

  private static func ratio(_ value: Double?) -> String {
    value.map { String(format: "%.2f", $0) } ?? "-"
  }

  private static func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(1, width - text.count)) + text
  }

  private static func invalid(
    _ arguments: ParsedArguments, _ option: String, _ value: String,
    _ reason: String
  ) -> UsageError {
    UsageError(
      .invalidValue(
        argument: option, value: value, reason: reason, allowed: []),
      commandPath: arguments.commandPath, usage: arguments.usage)
  }

  private static func objective(
    _ arguments: ParsedArguments
  ) throws(UsageError) -> ThresholdTuner.Objective {
    guard let budget = try arguments.double("alert-budget") else {
      return .f1
    }
    guard budget >= 0 else {
      throw invalid(
        arguments, "--alert-budget", String(budget), "must not be negative")
    }
    guard !arguments.isPresent("objective") else {
      throw invalid(
        arguments, "--objective", arguments.string("objective") ?? "",
        "--objective and --alert-budget exclude each other")
    }
    return .alertBudget(budget)
  }
}
