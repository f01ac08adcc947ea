import AccessLogs

/// Prints a ``ReadSummary`` on standard error.
enum SummaryReport {
  /// How many skipped-record examples are shown without `--verbose`.
  static let examplesShown = 10

  static func print(_ summary: ReadSummary, to console: Console) {
    let files =
      "\(summary.filesRead) file\(summary.filesRead == 1 ? "" : "s")"
    console.note(
      "read \(files) (\(megabytes(summary.bytesRead)) MB), "
        + "\(grouped(summary.totalRecordsRead)) records: "
        + "\(grouped(summary.eventsEmitted)) events written, "
        + "\(grouped(summary.totalSkipped)) records skipped"
        + (summary.eventsFiltered > 0
          ? ", \(grouped(summary.eventsFiltered)) events filtered out" : "")
        + (summary.fileErrors.isEmpty
          ? ""
          : "; \(grouped(summary.fileErrors.count)) input"
            + (summary.fileErrors.count == 1 ? "" : "s")
            + " could not be read"))
    for (format, count) in summary.recordsRead.sorted(by: {
      $0.key.rawValue < $1.key.rawValue
    }) {
      console.detail("  \(format.rawValue): \(grouped(count)) records")
    }
    if !summary.skipped.isEmpty {
      console.note("skipped records by reason:")
      for (reason, count) in summary.skipped.sorted(by: { $0.key < $1.key }) {
        console.note("  \(reason.rawValue): \(grouped(count))")
      }
    }
    if summary.digestFilesSkipped > 0 {
      console.note(
        "skipped \(summary.digestFilesSkipped) CloudTrail digest files")
    }
    for error in summary.fileErrors {
      console.warning(error.description)
    }
    let damaged = summary.examples.filter { $0.reason.isMalformation }
    let limit =
      console.verbosity == .verbose ? damaged.count : examplesShown
    for example in damaged.prefix(limit) {
      console.warning(example.description)
    }
    if damaged.count > limit {
      console.note(
        "\(damaged.count - limit) more malformed records not shown "
          + "(--verbose shows up to \(summary.maximumExamples))")
    }
  }

  static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return value < 0 ? "-" + out : out
  }

  static func megabytes(_ bytes: Int64) -> String {
    let tenths = (bytes * 10 + 524_288) / 1_048_576
    return "\(tenths / 10).\(tenths % 10)"
  }
}
