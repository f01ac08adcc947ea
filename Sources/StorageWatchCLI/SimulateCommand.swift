import AccessLogs
import ArgumentParsing
import StorageWatch

/// `storagewatch simulate`: write a realistic month of storage logs with
/// labelled incidents.
enum SimulateCommand: CLICommand {
  static var spec: CommandSpec {
    let defaults = SimulationConfig()
    return CommandSpec(
      name: "simulate",
      abstract: "Write simulated storage logs with labelled incidents.",
      discussion: """
        Simulates people in several time zones, nightly ETL jobs, functions \
        on rotating addresses, weekly reports, night owls, travel and \
        management events, with the chosen incidents, and writes the logs \
        in the format's real delivery layout plus labels.csv \
        (principal,start,end,kind). The same seed always gives the same \
        bytes.
        """,
      options: [
        OptionSpec(
          "output", short: "o", valueName: "dir",
          help: "Directory to write (created if missing)."),
        OptionSpec(
          "days", valueName: "n", help: "Days to simulate, 8 to 3660.",
          defaultValue: String(defaults.days)),
        OptionSpec(
          "principals", valueName: "n",
          help: "Principals to simulate, 8 to 10000.",
          defaultValue: String(defaults.principals)),
        OptionSpec(
          "seed", valueName: "n", help: "Random seed.",
          defaultValue: String(defaults.seed)),
        OptionSpec(
          "format", valueName: "format", help: "Log format to write.",
          defaultValue: defaults.format.rawValue,
          allowedValues: LogFormat.allCases.map(\.rawValue)),
        OptionSpec(
          "incidents", valueName: "list",
          help: """
            Comma-separated incidents, 'all' or 'none': \
            \(IncidentKind.allCases.map(\.rawValue).joined(separator: ", ")).
            """,
          defaultValue: "all"),
      ],
      flags: [
        FlagSpec(
          "no-management-events",
          help: "Leave out the non-storage CloudTrail events.")
      ])
  }

  static func config(_ arguments: ParsedArguments) throws(UsageError)
    -> SimulationConfig
  {
    var config = SimulationConfig()
    config.days =
      try whole(arguments, "days", in: 8...3660) ?? config.days
    config.principals =
      try whole(arguments, "principals", in: 8...10_000)
      ?? config.principals
    config.seed = try seed(arguments) ?? config.seed
    if let name = arguments.string("format") {
      config.format = LogFormat(rawValue: name)!
    }
    if let list = try arguments.value(
      "incidents",
      as: { text in
        guard let kinds = IncidentKind.parseList(text) else {
          throw ValidationError(
            "expected a comma-separated list of: "
              + IncidentKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return kinds
      })
    {
      config.incidents = list
    }
    config.includeManagementEvents = !arguments.flag("no-management-events")
    return config
  }

  /// The `--seed` value: a whole number from 0 to 2^64 - 1.
  static func seed(_ arguments: ParsedArguments) throws(UsageError)
    -> UInt64?
  {
    try arguments.value("seed") { text -> UInt64 in
      guard let value = UInt64(text) else {
        throw ValidationError("expected a whole number from 0")
      }
      return value
    }
  }

  /// The value of option `name`, a whole number in `range`.
  static func whole(
    _ arguments: ParsedArguments, _ name: String,
    in range: ClosedRange<Int>
  ) throws(UsageError) -> Int? {
    try arguments.value(name) { text -> Int in
      guard let value = Int(text), range.contains(value) else {
        throw ValidationError(
          "expected a whole number from \(range.lowerBound) to "
            + "\(range.upperBound)")
      }
      return value
    }
  }

  static func run(_ arguments: ParsedArguments, console: Console) throws
    -> Int32
  {
    guard let output = arguments.string("output") else {
      throw UsageError(
        .missingValue(option: "--output"), commandPath: arguments.commandPath,
        usage: arguments.usage)
    }
    let config = try config(arguments)
    console.progress("simulating \(config.days) days...", force: true)
    let summary = try Simulator(config).write(to: output)
    console.result(
      "wrote \(summary.files) \(config.format.rawValue) files "
        + "(\(summary.events) storage events, \(summary.managementEvents) "
        + "management events, \(summary.duplicates) duplicate deliveries) "
        + "and \(summary.labels.count) labels to \(output)")
    return ExitCode.success
  }
}
