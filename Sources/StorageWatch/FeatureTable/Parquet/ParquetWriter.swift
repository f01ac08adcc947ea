/// Writes a flat table as an Apache Parquet file: one column per table
/// column, PLAIN encoding, v1 data pages, no compression, no statistics.
///
/// Integers are INT64, booleans BOOLEAN, and text BYTE_ARRAY with the
/// STRING logical type (converted type UTF8). A column with a missing
/// value is OPTIONAL, with RLE definition levels; others are REQUIRED.
/// Rows are cut into row groups of ``rowGroupSize`` rows, each column of
/// a group one page.
struct ParquetWriter {
  /// What a column holds.
  enum ValueType {
    case integer
    case boolean
    case text
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
    var out: [UInt8] = Array("PAR1".utf8)
    var meta = ParquetFileMetaData()
    meta.createdBy = createdBy
    meta.rowCount = Int64(rows)
    var root = ParquetFileMetaData.SchemaElement()
    root.name = "schema"
    root.childCount = Int32(columns.count)
    meta.schema = [root]
    let optional = columns.map { $0.values.prefix(rows).contains { $0 == nil } }
    for (column, isOptional) in zip(columns, optional) {
      var e = ParquetFileMetaData.SchemaElement()
      e.name = column.name
      e.repetition =
        (isOptional
        ? ParquetFileMetaData.Repetition.optional
        : .required).rawValue
      e.type = Self.physicalType(column.type).rawValue
      if column.type == .text {
        e.convertedType = 0
        e.isString = true
      }
      meta.schema.append(e)
    }
    var start = 0
    var ordinal: Int16 = 0
    while start < rows {
      let end = min(rows, start + max(1, rowGroupSize))
      var group = ParquetFileMetaData.RowGroup()
      group.rowCount = Int64(end - start)
      group.fileOffset = Int64(out.count)
      group.ordinal = ordinal
      for (column, isOptional) in zip(columns, optional) {
        let offset = out.count
        Self.appendPage(
          column, start..<end, optional: isOptional, to: &out)
        var chunk = ParquetFileMetaData.ColumnChunk()
        chunk.type = Self.physicalType(column.type).rawValue
        chunk.encodings = [0, 3]
        chunk.path = [column.name]
        chunk.codec = 0
        chunk.valueCount = Int64(end - start)
        chunk.uncompressedSize = Int64(out.count - offset)
        chunk.compressedSize = chunk.uncompressedSize
        chunk.dataPageOffset = Int64(offset)
        group.columns.append(chunk)
        group.totalByteSize += chunk.uncompressedSize
      }
      group.totalCompressedSize = group.totalByteSize
      meta.rowGroups.append(group)
      start = end
      ordinal &+= 1
    }
    let footer = meta.encoded()
    out += footer
    Self.appendUInt32(UInt32(footer.count), to: &out)
    out += Array("PAR1".utf8)
    return out
  }

  private static func physicalType(
    _ type: ValueType
  ) -> ParquetFileMetaData.PhysicalType {
    switch type {
    case .integer: .int64
    case .boolean: .boolean
    case .text: .byteArray
    }
  }

  private static func appendUInt32(_ value: UInt32, to out: inout [UInt8]) {
    for i in 0..<4 { out.append(UInt8(truncatingIfNeeded: value >> (8 * i))) }
  }

  /// Appends one v1 data page holding a column's rows in `range`.
  private static func appendPage(
    _ column: Column, _ range: Range<Int>, optional: Bool,
    to out: inout [UInt8]
  ) {
    var body: [UInt8] = []
    if optional {
      var levels: [UInt8] = []
      var i = range.lowerBound
      while i < range.upperBound {
        let present = column.values[i] != nil
        var j = i + 1
        while j < range.upperBound && (column.values[j] != nil) == present {
          j += 1
        }
        var header = UInt64(j - i) << 1
        while header >= 0x80 {
          levels.append(UInt8(truncatingIfNeeded: header) | 0x80)
          header >>= 7
        }
        levels.append(UInt8(header))
        levels.append(present ? 1 : 0)
        i = j
      }
      appendUInt32(UInt32(levels.count), to: &body)
      body += levels
    }
    var bits: UInt8 = 0
    var bitCount = 0
    for value in column.values[range] {
      guard let value else { continue }
      switch (column.type, value) {
      case (.integer, .integer(let n)):
        for i in 0..<8 {
          body.append(
            UInt8(truncatingIfNeeded: UInt64(bitPattern: n) >> (8 * i)))
        }
      case (.boolean, .boolean(let flag)):
        if flag { bits |= 1 << UInt8(bitCount) }
        bitCount += 1
        if bitCount == 8 {
          body.append(bits)
          bits = 0
          bitCount = 0
        }
      case (.text, .text(let text)), (.text, .json(let text)):
        appendUInt32(UInt32(text.utf8.count), to: &body)
        body.append(contentsOf: text.utf8)
      case (.integer, _):
        body += [UInt8](repeating: 0, count: 8)
      case (.boolean, _):
        bitCount += 1
        if bitCount == 8 {
          body.append(bits)
          bits = 0
          bitCount = 0
        }
      case (.text, _):
        appendUInt32(0, to: &body)
      }
    }
    if bitCount > 0 { body.append(bits) }
    var header = ParquetPageHeader()
    header.type = ParquetPageHeader.PageType.dataPage.rawValue
    header.uncompressedSize = Int32(clamping: body.count)
    header.compressedSize = Int32(clamping: body.count)
    header.dataPage = ParquetPageHeader.DataPage(
      valueCount: Int32(clamping: range.count), encoding: 0,
      definitionLevelEncoding: 3, repetitionLevelEncoding: 3)
    out += header.encoded()
    out += body
  }
}
