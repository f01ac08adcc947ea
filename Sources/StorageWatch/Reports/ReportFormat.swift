/// The formats a detection report can be written in.
public enum ReportFormat: String, CaseIterable, Codable, Sendable {
  /// A readable table for terminals.
  case table
  /// The versioned JSON report (one document).
  case json
  /// One JSON finding per line.
  case jsonl
  /// One row per finding; cells that could start a spreadsheet formula are
  /// neutralized.
  case csv
  /// A Markdown table and list of findings.
  case markdown
  /// A self-contained HTML page.
  case html
  /// OCSF Detection Finding (class 2004) objects, one per line.
  case ocsf
}
