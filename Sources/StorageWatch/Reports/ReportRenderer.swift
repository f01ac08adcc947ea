import AccessLogs
import Foundation

/// Writes a ``DetectionReport`` as text in each ``ReportFormat``.
///
/// Every value that comes from the logs (principals, keys, user agents,
/// addresses) is data an attacker may have chosen: the table shows control
/// characters escaped, CSV neutralizes cells that a spreadsheet would run
/// as formulas, HTML escapes everything and runs no script, and JSON is
/// valid for any input.
public enum ReportRenderer {
  /// Renders a report.
  ///
  /// - Parameters:
  ///   - report: The report.
  ///   - format: The format.
  ///   - minimumSeverity: Findings below this are left out (the JSON
  ///     report keeps its counts).
  /// - Returns: The text, ending with a newline.
  public static func render(
    _ report: DetectionReport, as format: ReportFormat,
    minimumSeverity: Severity = .info
  ) -> String {
    var kept = report
    kept.findings = report.findings(atLeast: minimumSeverity)
    switch format {
    case .table: return table(kept)
    case .json: return json(kept)
    case .jsonl: return kept.findings.map(jsonLine).joined()
    case .csv: return csv(kept)
    case .markdown: return markdown(kept)
    case .html:
      return HTMLReport.render(
        kept, omitted: report.findings.count - kept.findings.count)
    case .ocsf: return kept.findings.map(OCSFReport.line).joined()
    }
  }

  static func encoder(pretty: Bool) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
      pretty
      ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      : [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return encoder
  }

  static func json(_ report: DetectionReport) -> String {
    let data = (try? encoder(pretty: true).encode(report)) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  static func jsonLine(_ finding: Finding) -> String {
    let data =
      (try? encoder(pretty: false).encode(finding)) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Shows control characters, escape sequences and bidirectional
  /// overrides as `\u{..}` text, so terminal output cannot be steered by
  /// log data.
  ///
  /// - Parameter text: Text from the logs.
  /// - Returns: The text with those characters replaced by their escapes.
  public static func terminalSafe(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      let v = scalar.value
      if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x200E || v == 0x200F
        || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
      {
        out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  static func table(_ report: DetectionReport) -> String {
    var out = ""
    out +=
      "StorageWatch findings, \(report.window.start.iso8601) to "
      + "\(report.window.end.iso8601): \(report.findings.count) "
      + "finding\(report.findings.count == 1 ? "" : "s") "
      + "(\(report.inputs.events) events, \(report.inputs.principals) "
      + "principals)\n"
    guard !report.findings.isEmpty else { return out }
    out += "\n"
    let header = [
      "#", "SCORE", "SEVERITY", "DETECTION", "START", "HOURS", "PRINCIPAL",
    ]
    var rows: [[String]] = [header]
    for (i, f) in report.findings.enumerated() {
      let hours = Int(
        (f.end.nanosecondsSinceEpoch - f.start.nanosecondsSinceEpoch)
          / 3_600_000_000_000)
      rows.append([
        String(i + 1), String(f.score), f.severity.rawValue,
        f.detection.rawValue, String(f.start.iso8601.prefix(16)),
        String(hours), terminalSafe(f.principal),
      ])
    }
    var widths = [Int](repeating: 0, count: header.count)
    for row in rows {
      for (j, cell) in row.enumerated() where j < header.count - 1 {
        widths[j] = max(widths[j], cell.count)
      }
    }
    for row in rows {
      var line = ""
      for (j, cell) in row.enumerated() {
        line += cell
        if j < row.count - 1 {
          line += String(repeating: " ", count: widths[j] - cell.count + 2)
        }
      }
      out += line + "\n"
    }
    out += "\n"
    for (i, f) in report.findings.enumerated() {
      out += "\(i + 1). \(terminalSafe(f.summary))\n"
      var facts = "   \(f.eventCount) requests"
      if let bytes = f.bytesOut { facts += ", \(bytesText(Double(bytes))) out" }
      if !f.buckets.isEmpty {
        facts +=
          "; buckets "
          + f.buckets.prefix(3).map(terminalSafe).joined(
            separator: ", ")
      }
      out += facts + "\n"
      let newSources = f.sources.filter(\.isNew).map(\.address)
      if !newSources.isEmpty {
        out +=
          "   new sources: "
          + newSources.prefix(5).map(terminalSafe).joined(separator: ", ")
          + "\n"
      }
    }
    return out
  }

  /// Neutralizes a CSV cell: quotes it, doubles quotes, and prefixes a
  /// `'` when it starts with `=`, `+`, `-`, `@`, a tab or a carriage
  /// return, so that spreadsheets do not evaluate it.
  ///
  /// - Parameter text: The cell's value.
  /// - Returns: The quoted cell.
  public static func csvCell(_ text: String) -> String {
    var value = text
    // The first scalar, not the first character: "=" followed by a
    // combining mark is one character that is not "=".
    if let first = value.unicodeScalars.first,
      "=+-@\t\r".unicodeScalars.contains(first)
    {
      value = "'" + value
    }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  static func csv(_ report: DetectionReport) -> String {
    var out =
      "id,score,severity,detection,principal,principal_kind,provider,start,"
      + "end,events,bytes_out,buckets,new_sources,user_agents,summary\n"
    for f in report.findings {
      let cells: [String] = [
        f.id, String(f.score), f.severity.rawValue, f.detection.rawValue,
        f.principal, f.principalKind.rawValue, f.provider.rawValue,
        f.start.iso8601, f.end.iso8601, String(f.eventCount),
        f.bytesOut.map(String.init) ?? "",
        f.buckets.joined(separator: " "),
        f.sources.filter(\.isNew).map(\.address).joined(separator: " "),
        f.userAgents.joined(separator: " | "), f.summary,
      ]
      out += cells.map(csvCell).joined(separator: ",") + "\n"
    }
    return out
  }

  static func markdownCell(_ text: String) -> String {
    var out = ""
    for c in terminalSafe(text) {
      if "|\\`*_[]<>#".contains(c) { out.append("\\") }
      out.append(c)
    }
    return out
  }

  static func markdown(_ report: DetectionReport) -> String {
    var out = "# StorageWatch findings\n\n"
    out +=
      "Window \(report.window.start.iso8601) to \(report.window.end.iso8601); "
      + "\(report.inputs.events) events from \(report.inputs.principals) "
      + "principals.\n\n"
    guard !report.findings.isEmpty else { return out + "No findings.\n" }
    out += "| Score | Severity | Detection | Start | Principal |\n"
    out += "|---:|---|---|---|---|\n"
    for f in report.findings {
      out +=
        "| \(f.score) | \(f.severity.rawValue) | \(f.detection.rawValue) | "
        + "\(f.start.iso8601) | \(markdownCell(f.principal)) |\n"
    }
    out += "\n"
    for f in report.findings {
      out += "- **\(f.id)** \(markdownCell(f.summary))\n"
    }
    return out
  }
}
