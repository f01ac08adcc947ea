import AccessLogs
import ArgumentParsing

/// `storagewatch events`: logs in, normalized access events out, as JSON
/// Lines.
enum EventsCommand: CLICommand {
  static var spec: CommandSpec {
    CommandSpec(
      name: "events",
      abstract: "Write normalized storage access events as JSON Lines.",
      discussion: """
        Reads every input, keeps object-storage requests, and writes one \
        JSON object per event (fields: time, provider, format, principal, \
        principalKind, account, bucket, key, action, operation, outcome, \
        sourceAddress, bytesOut, ... as documented in \
        Docs/StorageWatch.docc/Events.md). A \
        summary of files, records, events and skipped records goes to \
        standard error.
        """,
      options: InputOptions.options + InputOptions.remoteOptions + [
        OptionSpec(
          "output", short: "o", valueName: "file",
          help: "Where to write the events; '-' is standard output.",
          defaultValue: "-")
      ],
      flags: InputOptions.flags,
      positionals: [InputOptions.positional])
  }

  static func run(_ arguments: ParsedArguments, console: Console) throws
    -> Int32
  {
    let options = try InputOptions.readerOptions(arguments)
    let inputs = try InputOptions.localPaths(
      arguments, console: console,
      range: options.since.map { $0..<(options.until ?? RemoteInputs.now) })
    let paths = inputs.paths
    let output = try OutputFile(path: arguments.string("output") ?? "-")

    let reader = EventReader(options: options)
    let summary: ReadSummary
    do {
      summary = try reader.read(
        paths,
        progress: { so in
          console.progress(
            "\(so.filesRead) files, \(so.totalRecordsRead) records, "
              + "\(so.eventsEmitted) events")
        }
      ) { event in
        try output.writeLine(bytes: event.jsonLineBytes)
      }
    } catch let error as ReadError {
      output.discard()
      console.error("\(error) (--strict)")
      return ExitCode.failure
    }
    try output.commit()
    SummaryReport.print(summary, to: console)
    return summary.filesRead == 0 && !summary.fileErrors.isEmpty
      ? ExitCode.failure : ExitCode.success
  }
}
