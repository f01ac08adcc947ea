/// A dense row-major matrix of observations (rows) by features (columns).
///
/// Memory: `rows · columns` doubles.
public struct DataMatrix: Sendable, Hashable, Codable {
  /// Number of observations.
  public let rows: Int
  /// Number of features.
  public let columns: Int
  /// Row-major values, `values[row * columns + column]`.
  public var values: [Double]

  /// Wraps row-major values.
  ///
  /// - Parameters:
  ///   - rows: number of observations, ≥ 0.
  ///   - columns: number of features, ≥ 1.
  ///   - values: `rows · columns` row-major values.
  /// - Complexity: O(1).
  public init(rows: Int, columns: Int, values: [Double]) {
    precondition(rows >= 0 && columns >= 1, "DataMatrix: bad shape")
    precondition(
      values.count == rows * columns,
      "DataMatrix: \(values.count) values for \(rows) × \(columns)")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// Builds a matrix from equal-length rows.
  ///
  /// - Parameter rowArrays: the observations; at least one, all the same
  ///   non-zero length.
  /// - Complexity: O(rows · columns).
  public init(_ rowArrays: [[Double]]) {
    precondition(!rowArrays.isEmpty, "DataMatrix: no rows")
    let columns = rowArrays[0].count
    precondition(
      rowArrays.allSatisfy { $0.count == columns },
      "DataMatrix: rows of different lengths")
    self.init(
      rows: rowArrays.count, columns: columns,
      values: rowArrays.flatMap { $0 })
  }

  /// The value at `row`, `column`.
  ///
  /// - Parameters:
  ///   - row: Row index, `0..<rows`.
  ///   - column: Column index, `0..<columns`.
  public subscript(row: Int, column: Int) -> Double {
    get { values[row * columns + column] }
    set { values[row * columns + column] = newValue }
  }

  /// The observation at `index` as an array.
  ///
  /// - Parameter index: row index.
  /// - Returns: its `columns` values.
  /// - Complexity: O(columns).
  public func row(_ index: Int) -> [Double] {
    Array(values[(index * columns)..<((index + 1) * columns)])
  }
}
