import AccessLogs

extension FeatureTable {
  /// The table as a Parquet file: one REQUIRED column per table column,
  /// rows in the order of ``encoded(as:)``, one row group of values held
  /// at a time.
  ///
  /// - Complexity: O(*n*) in the size of the cells.
  func parquetFile(rowGroupSize: Int = 65_536) -> [UInt8] {
    let types = Self.cells(
      PrincipalActivity(principal: "", kind: .user, provider: .aws),
      HourStats(hour: 0, time: Timestamp(nanosecondsSinceEpoch: 0)),
      accounts: "[]"
    ).map { cell -> ParquetWriter.ValueType in
      switch cell {
      case .integer: .integer
      case .boolean: .boolean
      case .text, .json: .text
      }
    }
    var builder = ParquetFileBuilder(
      fields: zip(Self.columns, types).map {
        ParquetWriter.Field(name: $0, type: $1)
      })
    var columns = [[Cell?]](repeating: [], count: types.count)
    for name in activity.keys.sorted() {
      guard let principal = activity[name] else { continue }
      let accounts = Self.jsonArray(principal.accounts.sorted())
      for hour in principal.hours {
        let cells = Self.cells(principal, hour, accounts: accounts)
        for (i, cell) in cells.enumerated() where i < columns.count {
          columns[i].append(cell)
        }
        if (columns.first?.count ?? 0) >= max(1, rowGroupSize) {
          builder.appendRowGroup(columns)
          for i in columns.indices {
            columns[i].removeAll(keepingCapacity: true)
          }
        }
      }
    }
    builder.appendRowGroup(columns)
    return builder.finish()
  }

  /// The rows of a Parquet table, over the decoded columns of
  /// ``columns`` that the file has (others are not decoded).
  ///
  /// - Throws: ``FeatureTableError`` at line 0, naming the column when
  ///   one is at fault, for a file that cannot be read.
  /// - Complexity: O(*n*) in the size of the file.
  static func parquetRows(
    _ bytes: [UInt8], path: String
  ) throws(FeatureTableError) -> [ParquetRow] {
    var columns: [String: ParquetReader.Values] = [:]
    let reader: ParquetReader
    do {
      reader = try ParquetReader(bytes)
      for name in Self.columns {
        if let values = try reader.values(of: name) { columns[name] = values }
      }
    } catch {
      throw error.error(path: path)
    }
    return (0..<reader.rowCount).map { ParquetRow(columns: columns, row: $0) }
  }
}
