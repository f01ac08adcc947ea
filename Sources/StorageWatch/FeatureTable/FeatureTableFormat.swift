/// How a ``FeatureTable`` is stored in a file.
public enum FeatureTableFormat: String, CaseIterable, Sendable, Hashable {
  /// RFC 4180 CSV with a header row; map and list columns are JSON text.
  case csv
  /// JSON Lines: one object per row, map and list columns as JSON
  /// objects and arrays.
  case jsonl
  /// Apache Parquet: flat columns, integers INT64, booleans BOOLEAN,
  /// text and JSON text BYTE_ARRAY (STRING). StorageWatch writes PLAIN
  /// pages compressed with Snappy and reads what pyarrow and Spark write by
  /// default for such a table: PLAIN and dictionary encodings, v1 and v2
  /// data pages, SNAPPY; nested columns and other codecs are refused.
  case parquet

  /// The format a file name implies: `.csv` is CSV; `.jsonl`, `.ndjson`
  /// and `.json` are JSON Lines; `.parquet` is Parquet (a trailing `.gz`
  /// is not supported).
  ///
  /// - Parameter path: A file path.
  /// - Returns: The format, or `nil` for any other name.
  public init?(path: String) {
    let lower = path.lowercased()
    if lower.hasSuffix(".csv") {
      self = .csv
    } else if lower.hasSuffix(".parquet") {
      self = .parquet
    } else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson")
      || lower.hasSuffix(".json")
    {
      self = .jsonl
    } else {
      return nil
    }
  }
}

/// Why a features table could not be read.
public struct FeatureTableError: Error, Hashable, Sendable,
  CustomStringConvertible
{
  /// The file.
  public var path: String
  /// The 1-based line where the bad row starts (in Parquet, the 1-based
  /// row); 0 for the file as a whole.
  public var line: Int
  /// The column whose value is wrong, when one is.
  public var column: String?
  /// What was wrong.
  public var reason: String

  /// Creates an error.
  ///
  /// - Parameters:
  ///   - path: The file.
  ///   - line: The 1-based line, or 0.
  ///   - column: The column, if one is at fault.
  ///   - reason: What was wrong.
  public init(path: String, line: Int, column: String? = nil, reason: String) {
    self.path = path
    self.line = line
    self.column = column
    self.reason = reason
  }

  /// `path:line: column 'name': reason`, leaving out what is unknown.
  public var description: String {
    var text = path
    if line > 0 { text += ":\(line)" }
    text += ": "
    if let column { text += "column '\(column)': " }
    return text + reason
  }
}
