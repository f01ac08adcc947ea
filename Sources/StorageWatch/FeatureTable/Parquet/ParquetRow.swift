/// One row of a Parquet table, read through its decoded columns.
///
/// Text columns are BYTE_ARRAY; map and list columns are JSON text, an
/// empty or null cell being an empty map or list. A null or absent
/// count is its default, a null or absent boolean `false`; a null in a
/// required text or integer column is missing.
struct ParquetRow: FeatureRow {
  var columns: [String: ParquetReader.Values]
  /// The 0-based row.
  var row: Int

  /// The 1-based row, reported as the line of errors.
  var line: Int { row + 1 }

  /// A row's value, `nil` past the end (which the reader rules out).
  private static func cell<T>(_ values: [T?], _ row: Int) -> T? {
    values.indices.contains(row) ? values[row] : nil
  }

  func text(_ column: String) throws -> String {
    switch columns[column] {
    case nil: throw RowProblem("missing")
    case .texts(let values)?:
      guard let value = Self.cell(values, row) else {
        throw RowProblem("missing")
      }
      return value
    case .integers?, .booleans?: throw RowProblem("expected a string")
    }
  }

  func integer(_ column: String, default fallback: Int64?) throws -> Int64 {
    func missing() throws -> Int64 {
      if let fallback { return fallback }
      throw RowProblem("missing")
    }
    switch columns[column] {
    case nil: return try missing()
    case .integers(let values)?:
      guard let value = Self.cell(values, row) else { return try missing() }
      return value
    case .texts(let values)?:
      guard let value = Self.cell(values, row), !value.isEmpty else {
        return try missing()
      }
      guard let n = Int64(value) else {
        throw RowProblem("'\(value)' is not a 64-bit integer")
      }
      return n
    case .booleans?: throw RowProblem("expected a 64-bit integer")
    }
  }

  func boolean(_ column: String) throws -> Bool {
    switch columns[column] {
    case nil: return false
    case .booleans(let values)?: return Self.cell(values, row) ?? false
    case .integers?, .texts?: throw RowProblem("expected true or false")
    }
  }

  private func json(_ column: String) throws -> Any? {
    switch columns[column] {
    case nil: return nil
    case .texts(let values)?:
      guard let value = Self.cell(values, row), !value.isEmpty else {
        return nil
      }
      return try JSONCell.parse(value)
    case .integers?, .booleans?: throw RowProblem("expected JSON text")
    }
  }

  func counts(_ column: String) throws -> [String: Int] {
    try JSONCell.counts(json(column))
  }

  func texts(_ column: String) throws -> [String] {
    try JSONCell.texts(json(column))
  }
}
