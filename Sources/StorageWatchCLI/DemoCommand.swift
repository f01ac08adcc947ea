import AccessLogs
import ArgumentParsing
import Foundation
import StorageWatch

/// `storagewatch demo`: simulate a month, detect on its last week, and
/// show what was caught.
enum DemoCommand: CLICommand {
  static var spec: CommandSpec {
    CommandSpec(
      name: "demo",
      abstract: "Simulate a month of logs, run detect, show the findings.",
      discussion: """
        Writes a simulated month of CloudTrail logs with labelled incidents \
        (into a temporary directory unless --output is given), runs detect \
        on the last --hours-back hours with the month before as history, \
        prints the ranked findings and how many labelled incidents they \
        caught, and writes an HTML report beside the logs.
        """,
      options: [
        OptionSpec(
          "output", short: "o", valueName: "dir",
          help: "Keep the logs and report here (default: a temporary dir)."),
        OptionSpec(
          "days", valueName: "n", help: "Days to simulate, 8 to 3660.",
          defaultValue: "35"),
        OptionSpec(
          "principals", valueName: "n",
          help: "Principals to simulate, 8 to 10000.",
          defaultValue: "60"),
        OptionSpec(
          "seed", valueName: "n", help: "Random seed.", defaultValue: "1"),
        OptionSpec(
          "hours-back", valueName: "hours",
          help: "Hours at the end of the month to judge, 1 to 720.",
          defaultValue: "168"),
      ])
  }

  static func run(_ arguments: ParsedArguments, console: Console) throws
    -> Int32
  {
    var config = SimulationConfig()
    config.days =
      try SimulateCommand.whole(arguments, "days", in: 8...3660) ?? 35
    config.principals =
      try SimulateCommand.whole(arguments, "principals", in: 8...10_000)
      ?? 60
    config.seed = try SimulateCommand.seed(arguments) ?? 1
    let hours =
      try SimulateCommand.whole(arguments, "hours-back", in: 1...720) ?? 168
    let keep = arguments.string("output")
    let directory =
      keep
      ?? NSTemporaryDirectory() + "storagewatch-demo-\(getpid())"
    defer {
      if keep == nil { try? FileManager.default.removeItem(atPath: directory) }
    }

    console.note(
      "simulating \(config.days) days of CloudTrail for "
        + "\(config.principals) principals (seed \(config.seed))")
    let simulation = try Simulator(config).write(to: directory + "/logs")
    console.note(
      "wrote \(simulation.files) files, \(simulation.events) storage events")

    let run = DetectionRun(window: .hoursBack(hours, now: config.end))
    let (report, summary) = try run.run([directory + "/logs"])
    SummaryReport.print(summary, to: console)
    console.result(
      ReportRenderer.render(report, as: .table, minimumSeverity: .low))

    let judged = simulation.labels.filter {
      $0.end > report.window.start && $0.start < report.window.end
    }
    var caught = 0
    for label in judged {
      let hit = report.findings.contains {
        $0.severity >= .medium && label.matches($0)
      }
      if hit { caught += 1 }
      console.result(
        "  \(hit ? "caught" : "missed")  \(label.kind) by "
          + "\(label.principal) at \(label.start.iso8601)")
    }
    let unmatched = report.findings.filter { f in
      f.severity >= .medium && !judged.contains { $0.matches(f) }
    }.count
    console.result(
      "caught \(caught) of \(judged.count) labelled incidents in the window "
        + "with \(unmatched) other finding\(unmatched == 1 ? "" : "s") at "
        + "medium or above")

    if keep != nil {
      let html = directory + "/report.html"
      let file = try OutputFile(path: html)
      try file.writeText(ReportRenderer.render(report, as: .html))
      try file.commit()
      console.result("HTML report: \(html)")
    }
    return ExitCode.success
  }
}
