import AccessLogs
import Foundation

/// The labelled incidents of a `labels.csv` file, the ground truth that
/// threshold tuning judges findings against.
///
/// The file is comma-separated text with the header
/// `principal,start,end,kind` (the form ``IncidentLabel/csvRow`` writes)
/// and one incident a row:
///
///     principal,start,end,kind
///     alice,2026-10-19T02:00:00Z,2026-10-19T02:59:00Z,bulk-exfiltration
///     "svc,backup",2026-10-18T11:00:00Z,2026-10-18T11:20:00Z,mass-deletion
///
/// Fields may be quoted with `"`, and a quote inside a quoted field is
/// written twice (`""`); quoted fields may hold commas but not line
/// breaks. Spaces around unquoted fields are ignored, as are blank lines
/// and a byte order mark. Times are ISO 8601 (RFC 3339) with a zone, such
/// as `2026-10-19T02:00:00Z`. `kind` is any non-empty text: the
/// simulator writes ``IncidentKind`` raw values, teams their own words
/// (`phishing`, `insider`); matching never uses it.
public struct LabelSet: Hashable, Sendable {
  /// A row that could not be read, with its line number (1 is the first
  /// line of the file).
  public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The line of the file, counted from 1.
    public var line: Int
    /// What was wrong, in one sentence.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - line: The line, counted from 1.
    ///   - message: What was wrong.
    public init(line: Int, message: String) {
      self.line = line
      self.message = message
    }

    /// `line N: message`.
    public var description: String { "line \(line): \(message)" }
  }

  /// The labels, in the order of the file.
  public var labels: [IncidentLabel]

  /// Creates a set from labels.
  ///
  /// - Parameter labels: The labels.
  public init(_ labels: [IncidentLabel]) {
    self.labels = labels
  }

  /// Parses the text of a `labels.csv` file.
  ///
  /// - Parameter text: The whole file.
  /// - Returns: The labels; an empty set when the file has only its
  ///   header.
  /// - Throws: ``ParseError`` for the first bad line: an empty file or a
  ///   first line that is not the header, a row without exactly four
  ///   fields, an unterminated quote, an empty principal, a time that is
  ///   not ISO 8601, an end before the start, or an empty kind.
  /// - Complexity: O(*n*) in the length of the text.
  public static func parse(_ text: String) throws(ParseError) -> LabelSet {
    var labels: [IncidentLabel] = []
    var sawHeader = false
    var number = 0
    // "\r\n" is one Character, so both line ends are separators.
    for rawLine in text.split(
      omittingEmptySubsequences: false,
      whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    {
      number += 1
      var line = Substring(rawLine)
      if line.hasSuffix("\r") { line = line.dropLast() }
      if number == 1 && line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
      let fields = try splitFields(line, line: number)
      if !sawHeader {
        let names = fields.map { $0.lowercased() }
        guard names == ["principal", "start", "end", "kind"] else {
          throw ParseError(
            line: number,
            message: "expected the header \(IncidentLabel.csvHeader)")
        }
        sawHeader = true
        continue
      }
      labels.append(try label(fields, line: number))
    }
    guard sawHeader else {
      throw ParseError(
        line: max(number, 1),
        message: "empty file; expected the header \(IncidentLabel.csvHeader)"
      )
    }
    return LabelSet(labels)
  }

  /// Reads and parses a `labels.csv` file.
  ///
  /// - Parameter path: The file's path.
  /// - Returns: The labels.
  /// - Throws: ``ParseError`` for a bad line; `CocoaError` when the file
  ///   cannot be read or is not UTF-8.
  public static func read(contentsOf path: String) throws -> LabelSet {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return try parse(text)
  }

  /// The labels whose span overlaps `[start, end)`.
  ///
  /// - Parameters:
  ///   - start: The start of the judged span.
  ///   - end: The end of the judged span.
  /// - Returns: The labels in file order.
  public func overlapping(from start: Timestamp, to end: Timestamp)
    -> [IncidentLabel]
  {
    labels.filter { $0.end >= start && $0.start < end }
  }

  private static func label(_ fields: [String], line: Int)
    throws(ParseError) -> IncidentLabel
  {
    guard fields.count == 4 else {
      throw ParseError(
        line: line,
        message:
          "expected 4 fields (principal,start,end,kind), found \(fields.count)"
      )
    }
    guard !fields[0].isEmpty else {
      throw ParseError(line: line, message: "empty principal")
    }
    guard let start = Timestamp.parseISO8601(fields[1]) else {
      throw ParseError(
        line: line,
        message: "start '\(fields[1])' is not an ISO 8601 time such as "
          + "2026-10-19T02:00:00Z")
    }
    guard let end = Timestamp.parseISO8601(fields[2]) else {
      throw ParseError(
        line: line,
        message: "end '\(fields[2])' is not an ISO 8601 time such as "
          + "2026-10-19T02:00:00Z")
    }
    guard start <= end else {
      throw ParseError(line: line, message: "end precedes start")
    }
    guard !fields[3].isEmpty else {
      throw ParseError(line: line, message: "empty kind")
    }
    let kind = fields[3]
    return IncidentLabel(
      principal: fields[0], start: start, end: end, kind: kind)
  }

  /// Splits one line into fields, unquoting quoted ones.
  private static func splitFields(_ line: Substring, line number: Int)
    throws(ParseError) -> [String]
  {
    var fields: [String] = []
    var current = ""
    var quoted = false
    var inQuotes = false
    var afterQuote = false
    var index = line.startIndex
    while index < line.endIndex {
      let c = line[index]
      index = line.index(after: index)
      if inQuotes {
        if c == "\"" {
          if index < line.endIndex && line[index] == "\"" {
            current.append("\"")
            index = line.index(after: index)
          } else {
            inQuotes = false
            afterQuote = true
          }
        } else {
          current.append(c)
        }
        continue
      }
      if c == "," {
        fields.append(quoted ? current : trimmed(current))
        current = ""
        quoted = false
        afterQuote = false
      } else if afterQuote {
        guard c == " " || c == "\t" else {
          throw ParseError(line: number, message: "text after a closing quote")
        }
      } else if c == "\"" && current.allSatisfy({ $0 == " " || $0 == "\t" }) {
        current = ""
        quoted = true
        inQuotes = true
      } else {
        current.append(c)
      }
    }
    if inQuotes {
      throw ParseError(line: number, message: "unterminated quote")
    }
    fields.append(quoted ? current : trimmed(current))
    return fields
  }

  private static func trimmed(_ text: String) -> String {
    text.trimmingCharacters(in: .whitespaces)
  }
}

extension IncidentLabel {
  /// Whether a finding reports this incident: the finding's principal
  /// contains the label's, and their spans overlap with one hour of slack
  /// either side (the finding spans whole hours, the label the first to
  /// the last event).
  ///
  /// - Parameter finding: A finding.
  /// - Returns: Whether it matches.
  public func matches(_ finding: Finding) -> Bool {
    finding.principal.contains(principal)
      && finding.start.secondsSinceEpoch <= end.secondsSinceEpoch + 3600
      && finding.end.secondsSinceEpoch >= start.secondsSinceEpoch - 3600
  }
}
