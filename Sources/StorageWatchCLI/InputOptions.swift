import AccessLogs
import ArgumentParsing
import StorageWatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The options every command that reads logs accepts, and their conversion
/// into ``EventReaderOptions``.
enum InputOptions {
  static let positional = PositionalSpec(
    "path",
    help: """
      Log files or directories (walked recursively), plain or gzip; '-' \
      reads standard input; s3://BUCKET/PREFIX, gs://BUCKET/PREFIX or \
      https://ACCOUNT.blob.core.windows.net/CONTAINER/PREFIX are listed \
      by date folder and downloaded (see --cache).
      """,
    isRepeating: true)

  /// The `path` arguments of commands that can read a features table
  /// instead (`--features`).
  static let optionalPositional = PositionalSpec(
    "path",
    help: """
      Log files or directories, local or remote, as for the other \
      commands; leave them out when --features gives a table.
      """,
    isOptional: true, isRepeating: true)

  static let options: [OptionSpec] = [
    OptionSpec(
      "provider", valueName: "format",
      help: "Log format of every input, or 'auto' to detect each file's.",
      defaultValue: "auto",
      allowedValues: ["auto"] + LogFormat.allCases.map(\.rawValue)),
    OptionSpec(
      "bucket", valueName: "name",
      help: "Keep only this bucket or container (repeatable).",
      isRepeatable: true),
    OptionSpec(
      "since", valueName: "time",
      help: "Keep events at or after this time (ISO 8601, or YYYY-MM-DD)."),
    OptionSpec(
      "until", valueName: "time",
      help: "Keep events before this time (ISO 8601, or YYYY-MM-DD)."),
    maxFutureOption, maxRecordOption,
  ]

  /// `--max-future`, which every command that reads logs accepts.
  static let maxFutureOption = OptionSpec(
    "max-future", valueName: "hours",
    help: """
      Skip, as damaged, events dated more than this many hours after \
      the current time (a clock far ahead, or a forged record meant to \
      move the detection window); 'none' keeps them.
      """,
    defaultValue: "24")

  /// `--max-record-mb`, which every command that reads logs accepts.
  static let maxRecordOption = OptionSpec(
    "max-record-mb", valueName: "MiB",
    help: """
      The largest record kept in memory; a larger one (a line or JSON \
      document) is skipped as record-too-large while it streams past.
      """,
    defaultValue: "256")

  static let flags: [FlagSpec] = [
    FlagSpec(
      "strict",
      help: "Stop at the first unreadable file or malformed record."),
    RemoteInputs.noCacheFlag,
  ]

  /// `--threads` and `--max-principals`, for the commands that build
  /// activity (detect, calibrate, tune).
  static let activityOptions: [OptionSpec] = [
    OptionSpec(
      "threads", valueName: "n",
      help: """
        Threads reading files (the output is the same for any number; \
        default: the processors online).
        """),
    OptionSpec(
      "max-principals", valueName: "n",
      help: """
        Keep at most N principals in memory, those with the most events; \
        the others are dropped with a warning.
        """,
      defaultValue: String(ActivityAccumulator.defaultMaxPrincipals)),
  ]

  /// The values of ``activityOptions``.
  ///
  /// - Throws: `UsageError` when a value is below 1.
  static func activitySettings(
    _ arguments: ParsedArguments
  ) throws(UsageError) -> (threads: Int, maxPrincipals: Int) {
    let threads = try arguments.int("threads")
    let maximum = try arguments.int("max-principals")
    for (name, value) in [("threads", threads), ("max-principals", maximum)] {
      if let value, value < 1 {
        throw UsageError(
          .invalidValue(
            argument: "--" + name, value: String(value),
            reason: "must be at least 1", allowed: []),
          commandPath: arguments.commandPath, usage: arguments.usage)
      }
    }
    return (
      threads ?? ActivityAccumulator.defaultThreads,
      maximum ?? ActivityAccumulator.defaultMaxPrincipals
    )
  }

  /// Reads the inputs into activity for calibrate and tune: with
  /// ``activityOptions``, progress on the console, the read summary and
  /// any principals dropped reported.
  ///
  /// - Returns: The accumulator and summary, or `nil` after reporting a
  ///   strict-mode error.
  /// - Throws: `UsageError` for an invalid ``activityOptions`` value.
  static func readActivity(
    _ paths: [String], options: EventReaderOptions,
    _ arguments: ParsedArguments, console: Console
  ) throws(UsageError) -> (ActivityAccumulator, ReadSummary)? {
    let settings = try activitySettings(arguments)
    let accumulator: ActivityAccumulator
    let summary: ReadSummary
    do {
      (accumulator, summary) = try ActivityAccumulator.read(
        paths, options: options, threads: settings.threads,
        maxPrincipals: settings.maxPrincipals
      ) { so in
        console.progress(
          "\(so.filesRead) files, \(so.eventsEmitted) events read")
      }
    } catch {
      console.error("\(error) (--strict)")
      return nil
    }
    SummaryReport.print(summary, to: console)
    warnDropped(
      principals: accumulator.droppedPrincipals,
      events: accumulator.droppedEvents, limit: settings.maxPrincipals,
      console: console)
    return (accumulator, summary)
  }

  /// Warns on standard error when the principal limit dropped principals.
  ///
  /// - Parameters:
  ///   - principals: Principals dropped.
  ///   - events: Their events.
  ///   - limit: The `--max-principals` value.
  ///   - console: Where the warning goes.
  static func warnDropped(
    principals: Int, events: Int, limit: Int, console: Console
  ) {
    guard principals > 0 else { return }
    console.warning(
      "--max-principals \(limit): dropped \(principals) principal"
        + (principals == 1 ? "" : "s") + " with \(events) event"
        + (events == 1 ? "" : "s")
        + " (kept the \(limit) with the most events; ties by name)")
  }

  /// The options of remote inputs (`--cache`), for every command that
  /// reads logs.
  static let remoteOptions: [OptionSpec] = [RemoteInputs.cacheOption]

  /// The `path` arguments as local paths: remote locations are listed
  /// for the days `range` needs and downloaded into the cache first (see
  /// ``RemoteInputs``). Keep the returned value until reading is done.
  ///
  /// - Parameters:
  ///   - arguments: The parsed arguments.
  ///   - console: Where the fetch is reported.
  ///   - range: History and window the command needs, or nil for all.
  /// - Returns: The inputs; read `paths`.
  /// - Throws: `RemoteLogsError` when listing or downloading fails.
  static func localPaths(
    _ arguments: ParsedArguments, console: Console, range: Range<Timestamp>?
  ) throws -> RemoteInputs {
    try RemoteInputs.resolve(arguments, console: console, range: range)
  }

  /// Builds reader options from parsed arguments.
  ///
  /// - Throws: `UsageError` naming the option whose value is invalid.
  static func readerOptions(
    _ arguments: ParsedArguments
  ) throws(UsageError) -> EventReaderOptions {
    var options = EventReaderOptions()
    if let provider = arguments.string("provider"), provider != "auto" {
      options.format = LogFormat(rawValue: provider)
    }
    options.buckets = Set(arguments.strings("bucket"))
    options.since = try arguments.value("since", as: parseTime)
    options.until = try arguments.value("until", as: parseTime)
    options.strict = arguments.flag("strict")
    if let megabytes = try arguments.int("max-record-mb") {
      guard (1...4096).contains(megabytes) else {
        throw UsageError(
          .invalidValue(
            argument: "--max-record-mb", value: String(megabytes),
            reason: "must be from 1 to 4096", allowed: []),
          commandPath: arguments.commandPath, usage: arguments.usage)
      }
      options.maximumRecordBytes = megabytes << 20
    }
    let now = currentTime()
    options.latestTime =
      try arguments.value("max-future") { try latestTime($0, now: now) }
      ?? nil
    return options
  }

  /// The latest event time that `--max-future` allows.
  ///
  /// - Parameters:
  ///   - text: Whole hours, at least 0, or `none`.
  ///   - now: The current time.
  /// - Returns: `now` plus the hours, or `nil` for `none`.
  /// - Throws: `ValidationError` for anything else.
  static func latestTime(_ text: String, now: Timestamp) throws -> Timestamp? {
    if text == "none" { return nil }
    guard let hours = Int64(text), (0...1_000_000).contains(hours) else {
      throw ValidationError("expected whole hours from 0 to 1000000, or none")
    }
    return now.adding(seconds: hours * 3600)
  }

  /// The wall-clock time.
  static func currentTime() -> Timestamp {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Timestamp(
      nanosecondsSinceEpoch: Int64(time.tv_sec) * 1_000_000_000
        + Int64(time.tv_nsec))
  }

  /// Parses a time given on the command line: RFC 3339 / ISO 8601, or a
  /// date alone meaning midnight UTC.
  static func parseTime(_ text: String) throws -> Timestamp {
    if let time = Timestamp.parseISO8601(text) { return time }
    if text.utf8.count == 10,
      let time = Timestamp.parseISO8601(text + "T00:00:00Z")
    {
      return time
    }
    throw ValidationError(
      "expected a time such as 2026-11-30T18:00:00Z or 2026-11-30")
  }
}
