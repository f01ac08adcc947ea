import AccessLogs
import ArgumentParsing
import Foundation
import StorageWatch

/// `storagewatch features`: logs in, the hourly features table out, as
/// `detect --features` and `calibrate --features` read it.
///
/// Exit statuses: 0 on success; 1 when nothing could be read or
/// `--strict` stopped the run; 64 for usage errors.
enum FeaturesCommand: CLICommand {
  static var spec: CommandSpec {
    CommandSpec(
      name: "features",
      abstract: "Write every principal's hourly features as a table.",
      discussion: """
        Reads every input and writes one row per principal and UTC hour: \
        requests per action category, refusals, errors, bytes, distinct \
        objects, and requests per bucket, source, user agent and \
        operation (the columns are listed in the Spark-Features article). \
        detect --features and calibrate --features read the table in \
        place of logs and give the same results; StorageWatch's Spark job \
        and SQL compute the same table where the logs live. The format \
        follows --format, else the --output file's extension (.csv, \
        .jsonl, .parquet), else CSV. Parquet is written flat and \
        uncompressed; pyarrow, Spark and DuckDB read it.
        """,
      options: InputOptions.options + InputOptions.remoteOptions
        + InputOptions.activityOptions + [
          OptionSpec(
            "format", valueName: "format",
            help: "Table format (default: from the --output extension).",
            allowedValues: FeatureTableFormat.allCases.map(\.rawValue)),
          OptionSpec(
            "output", short: "o", valueName: "file",
            help: "Where to write the table; '-' is standard output.",
            defaultValue: "-"),
        ],
      flags: InputOptions.flags,
      positionals: [InputOptions.positional])
  }

  static func run(_ arguments: ParsedArguments, console: Console) throws
    -> Int32
  {
    let reader = try InputOptions.readerOptions(arguments)
    let output = arguments.string("output") ?? "-"
    let format = tableFormat(arguments, output: output)
    let inputs = try InputOptions.localPaths(
      arguments, console: console,
      range: reader.since.map { $0..<(reader.until ?? RemoteInputs.now) })
    guard
      let accumulator = try ActivityReading.read(
        inputs.paths, options: reader, arguments, console: console)
    else { return ExitCode.failure }
    let table = FeatureTable(activity: accumulator.finish())
    let file = try OutputFile(path: output)
    let bytes = table.encoded(as: format)
    if format == .parquet {
      try file.writeBytes(bytes)
    } else {
      try file.writeLine(bytes: bytes.dropLastNewline())
    }
    try file.commit()
    console.note(
      "\(table.rowCount) rows for \(table.activity.count) principals "
        + "(\(table.eventCount) events) written as \(format.rawValue)")
    return ExitCode.success
  }

  /// The format of `--format`, or of the output's extension, or CSV.
  static func tableFormat(
    _ arguments: ParsedArguments, output: String
  ) -> FeatureTableFormat {
    if let name = arguments.string("format"),
      let format = FeatureTableFormat(rawValue: name)
    {
      return format
    }
    return FeatureTableFormat(path: output) ?? .csv
  }
}

extension Array where Element == UInt8 {
  /// The bytes without one final `\n`, for `OutputFile.writeLine`.
  fileprivate func dropLastNewline() -> [UInt8] {
    last == 0x0A ? Array(dropLast()) : self
  }
}

/// Loading the table of `--features` for `detect` and `calibrate`.
enum FeatureTableFile {
  /// The `--features` option.
  static let option = OptionSpec(
    "features", valueName: "file",
    help: """
      Read this features table (CSV, JSON Lines or Parquet, from \
      storagewatch features or the Spark job) instead of logs.
      """)

  /// Reads the table of `--features`, if given.
  ///
  /// The format is that of the file's extension; a file with another
  /// name is Parquet when it starts with `PAR1`, JSON Lines when its
  /// first non-blank byte is `{`, else CSV.
  ///
  /// - Parameter arguments: The parsed arguments.
  /// - Returns: The table and its path, or `nil` without `--features`.
  /// - Throws: `UsageError` when paths are given too;
  ///   ``StorageWatch/FeatureTableError`` for a file that cannot be read
  ///   or holds a bad row.
  static func load(
    _ arguments: ParsedArguments
  ) throws -> (table: FeatureTable, path: String)? {
    guard let path = arguments.string("features") else {
      if arguments.positionalValues("path").isEmpty {
        throw UsageError(
          .invalidValue(
            argument: "path", value: "",
            reason: "give log paths or --features FILE", allowed: []),
          commandPath: arguments.commandPath, usage: arguments.usage)
      }
      return nil
    }
    guard arguments.positionalValues("path").isEmpty else {
      throw UsageError(
        .invalidValue(
          argument: "--features", value: path,
          reason: "read either a features table or log paths, not both",
          allowed: []),
        commandPath: arguments.commandPath, usage: arguments.usage)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw FeatureTableError(
        path: path, line: 0, reason: "cannot be read (\(errnoText()))")
    }
    let bytes = [UInt8](data)
    let format: FeatureTableFormat
    if let named = FeatureTableFormat(path: path) {
      format = named
    } else if bytes.starts(with: Array("PAR1".utf8)) {
      format = .parquet
    } else {
      format = bytes.first { $0 > 0x20 } == 0x7B ? .jsonl : .csv
    }
    return (try FeatureTable.decode(bytes, format: format, path: path), path)
  }

  private static func errnoText() -> String {
    String(cString: strerror(errno))
  }
}
