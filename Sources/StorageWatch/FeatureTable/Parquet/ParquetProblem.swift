/// Why a Parquet file cannot be read, before the file's path is known to
/// the error: the column at fault, when one is, and the reason.
struct ParquetProblem: Error {
  var column: String?
  var reason: String

  init(_ reason: String, column: String? = nil) {
    self.reason = reason
    self.column = column
  }

  /// The problem as the error of a file, at a row (0 for the file).
  func error(path: String, row: Int = 0) -> FeatureTableError {
    FeatureTableError(path: path, line: row, column: column, reason: reason)
  }
}
