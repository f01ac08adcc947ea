/// Writes a flat table as an Apache Parquet file: one column per table
/// column, PLAIN encoding, v1 data pages, no compression, no statistics.
///
/// Integers are INT64, booleans BOOLEAN, and text BYTE_ARRAY with the
/// STRING logical type (converted type UTF8). A column with a missing
/// value is OPTIONAL, with RLE definition levels; others are REQUIRED.
/// Rows are cut into row groups of ``rowGroupSize`` rows, each column of
/// a group one page; ``ParquetFileBuilder`` does the encoding.
struct ParquetWriter {
  /// What a column holds.
  enum ValueType {
    case integer
    case boolean
    case text
  }

  /// A column of the schema.
  struct Field {
    var name: String
    var type: ValueType
    var isOptional = false
  }

  /// One column: its name, type and a value (or `nil`) per row.
  struct Column {
    var name: String
    var type: ValueType
    var values: [FeatureTable.Cell?]
  }

  /// Rows per row group.
  var rowGroupSize = 65_536
  /// The footer's `created_by`.
  var createdBy = "storagewatch"

  /// The file holding `columns`, which must have equal row counts (the
  /// shortest count is used otherwise).
  ///
  /// - Complexity: O(*n*) in the size of the values.
  func file(_ columns: [Column]) -> [UInt8] {
    let rows = columns.map(\.values.count).min() ?? 0
    var builder = ParquetFileBuilder(
      fields: columns.map { column in
        Field(
          name: column.name, type: column.type,
          isOptional: column.values.prefix(rows).contains { $0 == nil })
      }, createdBy: createdBy)
    var start = 0
    while start < rows {
      let end = min(rows, start + max(1, rowGroupSize))
      builder.appendRowGroup(columns.map { Array($0.values[start..<end]) })
      start = end
    }
    return builder.finish()
  }
}
