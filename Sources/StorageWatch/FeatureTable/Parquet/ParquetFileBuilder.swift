/// Builds a Parquet file row group by row group, so that only one group
/// of values is held at a time: `PAR1`, then each group's column chunks
/// (one PLAIN v1 data page each, Snappy-compressed), then the footer.
///
/// A `nil` in a REQUIRED field, or a value of another type than its
/// field's, is written as the type's zero (0, `false` or empty text);
/// ``ParquetWriter/file(_:)`` makes a field OPTIONAL when it has `nil`.
struct ParquetFileBuilder {
  private let fields: [ParquetWriter.Field]
  private var out: [UInt8] = Array("PAR1".utf8)
  private var meta = ParquetFileMetaData()

  /// A builder of a file with these columns.
  ///
  /// - Parameters:
  ///   - fields: The columns, in order.
  ///   - createdBy: The footer's `created_by`.
  init(fields: [ParquetWriter.Field], createdBy: String = "storagewatch") {
    self.fields = fields
    meta.createdBy = createdBy
    var root = ParquetFileMetaData.SchemaElement()
    root.name = "schema"
    root.childCount = Int32(clamping: fields.count)
    meta.schema = [root]
    for field in fields {
      var e = ParquetFileMetaData.SchemaElement()
      e.name = field.name
      e.repetition =
        (field.isOptional
        ? ParquetFileMetaData.Repetition.optional : .required).rawValue
      e.type = Self.physicalType(field.type).rawValue
      if field.type == .text {
        e.convertedType = 0
        e.isString = true
      }
      meta.schema.append(e)
    }
  }

  /// Appends a row group: one array of values per field, of equal
  /// lengths (the shortest is used otherwise). An empty group is not
  /// written.
  ///
  /// - Complexity: O(*n*) in the size of the values.
  mutating func appendRowGroup(_ columns: [[FeatureTable.Cell?]]) {
    let rows = columns.map(\.count).min() ?? 0
    guard rows > 0, columns.count == fields.count else { return }
    var group = ParquetFileMetaData.RowGroup()
    group.rowCount = Int64(rows)
    group.fileOffset = Int64(out.count)
    group.ordinal = Int16(truncatingIfNeeded: meta.rowGroups.count)
    for (field, values) in zip(fields, columns) {
      let offset = out.count
      let uncompressed = appendPage(field, values.prefix(rows))
      var chunk = ParquetFileMetaData.ColumnChunk()
      chunk.type = Self.physicalType(field.type).rawValue
      chunk.encodings = [0, 3]
      chunk.path = [field.name]
      chunk.codec = 1
      chunk.valueCount = Int64(rows)
      chunk.compressedSize = Int64(out.count - offset)
      chunk.uncompressedSize = Int64(uncompressed)
      chunk.dataPageOffset = Int64(offset)
      group.columns.append(chunk)
      group.totalByteSize += chunk.uncompressedSize
    }
    group.totalCompressedSize = group.columns.reduce(0) {
      $0 + $1.compressedSize
    }
    meta.rowGroups.append(group)
    meta.rowCount += Int64(rows)
  }

  /// The whole file: what was appended, the footer, its length and
  /// `PAR1`.
  ///
  /// - Complexity: O(*n*) in the size of the file.
  consuming func finish() -> [UInt8] {
    let footer = meta.encoded()
    out += footer
    Self.appendUInt32(UInt32(footer.count), to: &out)
    out += Array("PAR1".utf8)
    return out
  }

  private static func physicalType(
    _ type: ParquetWriter.ValueType
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

  /// RLE definition levels, with their 4-byte length: runs of present
  /// (1) and missing (0) values.
  private static func appendLevels(
    _ values: ArraySlice<FeatureTable.Cell?>, to body: inout [UInt8]
  ) {
    var levels: [UInt8] = []
    var i = values.startIndex
    while i < values.endIndex {
      let present = values[i] != nil
      var j = i + 1
      while j < values.endIndex && (values[j] != nil) == present { j += 1 }
      Varint.append(UInt64(j - i) << 1, to: &levels)
      levels.append(present ? 1 : 0)
      i = j
    }
    appendUInt32(UInt32(levels.count), to: &body)
    body += levels
  }

  /// Appends one v1 data page holding a field's values, its body
  /// compressed with Snappy.
  ///
  /// - Returns: The page's size uncompressed, header included.
  @discardableResult
  private mutating func appendPage(
    _ field: ParquetWriter.Field, _ values: ArraySlice<FeatureTable.Cell?>
  ) -> Int {
    var body: [UInt8] = []
    if field.isOptional { Self.appendLevels(values, to: &body) }
    var bits: UInt8 = 0
    var bitCount = 0
    func appendBit(_ flag: Bool) {
      if flag { bits |= 1 << UInt8(bitCount) }
      bitCount += 1
      if bitCount == 8 {
        body.append(bits)
        bits = 0
        bitCount = 0
      }
    }
    for value in values {
      if field.isOptional && value == nil { continue }
      switch (field.type, value) {
      case (.integer, .integer(let n)?):
        let raw = UInt64(bitPattern: n)
        for i in 0..<8 {
          body.append(UInt8(truncatingIfNeeded: raw >> (8 * i)))
        }
      case (.boolean, .boolean(let flag)?): appendBit(flag)
      case (.text, .text(let text)?), (.text, .json(let text)?):
        Self.appendUInt32(UInt32(text.utf8.count), to: &body)
        body.append(contentsOf: text.utf8)
      case (.integer, _): body += [UInt8](repeating: 0, count: 8)
      case (.boolean, _): appendBit(false)
      case (.text, _): Self.appendUInt32(0, to: &body)
      }
    }
    if bitCount > 0 { body.append(bits) }
    var header = ParquetPageHeader()
    header.type = ParquetPageHeader.PageType.dataPage.rawValue
    let compressed = SnappyCompressor.compress(body)
    header.uncompressedSize = Int32(clamping: body.count)
    header.compressedSize = Int32(clamping: compressed.count)
    header.dataPage = ParquetPageHeader.DataPage(
      valueCount: Int32(clamping: values.count), encoding: 0,
      definitionLevelEncoding: 3, repetitionLevelEncoding: 3)
    let encodedHeader = header.encoded()
    out += encodedHeader
    out += compressed
    return encodedHeader.count + body.count
  }
}
