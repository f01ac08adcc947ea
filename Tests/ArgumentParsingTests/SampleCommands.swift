import ArgumentParsing

/// A command tree shaped like the real tool, shared by the tests.
enum Sample {
  static let events = CommandSpec(
    name: "events",
    abstract: "Detect unusual access in storage event logs.",
    discussion: """
      Reads CloudTrail-style JSON events and reports buckets whose access \
      pattern departs from their own history.
      """,
    options: [
      OptionSpec(
        "bucket", short: "b", help: "Only inspect this bucket.",
        isRepeatable: true),
      OptionSpec(
        "window", short: "w", valueName: "hours",
        help: "Baseline window in hours.", defaultValue: "24"),
      OptionSpec(
        "format", short: "f", help: "Output format.", defaultValue: "text",
        allowedValues: ["text", "json", "csv"]),
      OptionSpec(
        "threshold",
        help: "Anomaly score above which an event is reported.",
        defaultValue: "3.5"),
      OptionSpec(
        "since", valueName: "date",
        help: "Ignore events before this date (YYYY-MM-DD)."),
      OptionSpec(
        "output", short: "o", valueName: "path",
        help: "Where to write results; '-' means standard output.",
        defaultValue: "-"),
    ],
    flags: [
      FlagSpec("quiet", short: "q", help: "Only print errors."),
      FlagSpec("summary", short: "s", help: "Print one line per bucket."),
    ],
    positionals: [
      PositionalSpec(
        "file", help: "Event log files to read; '-' reads standard input.",
        isRepeating: true)
    ])

  static let scan = CommandSpec(
    name: "scan",
    abstract: "Scan a directory of access logs.",
    positionals: [
      PositionalSpec(
        "directory", help: "Directory to scan; defaults to the current one.",
        isOptional: true)
    ])

  static let root = CommandSpec(
    name: "storagewatch",
    abstract: "Watch object storage access logs for anomalies.",
    version: "1.2.0",
    flags: [
      FlagSpec("verbose", short: "v", help: "Print progress and details.")
    ],
    subcommands: [events, scan])

  static let parser = ArgumentParser(root)

  /// Parses and requires a `.run` outcome.
  static func run(_ arguments: [String]) throws -> ParsedArguments {
    let outcome = try parser.parse(arguments)
    guard case .run(let parsed) = outcome else {
      throw UnexpectedOutcome(outcome: outcome)
    }
    return parsed
  }

  /// Parses and returns the usage error, or `nil` if parsing succeeded.
  static func usageError(_ arguments: [String]) -> UsageError? {
    do {
      _ = try parser.parse(arguments)
      return nil
    } catch {
      return error
    }
  }
}

/// Thrown by `Sample.run` when parsing did not select a command to run.
struct UnexpectedOutcome: Error {
  let outcome: ParseOutcome
}
