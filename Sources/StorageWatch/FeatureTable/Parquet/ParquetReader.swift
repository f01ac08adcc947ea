/// Reads the flat columns of an Apache Parquet file.
///
/// Supported: top-level REQUIRED and OPTIONAL columns of BOOLEAN, INT32,
/// INT64 and BYTE_ARRAY; PLAIN, PLAIN_DICTIONARY and RLE_DICTIONARY
/// values (and RLE booleans); RLE definition levels; v1 and v2 data
/// pages; UNCOMPRESSED and SNAPPY pages. Refused, naming the column:
/// nested and repeated columns, other physical types, encodings and
/// codecs, encrypted columns and columns in other files. Only the
/// columns asked for are decoded; others are not checked. Every offset
/// and length is checked against the file before use.
struct ParquetReader {
  /// Decoded values of one column, one per row, `nil` for a null.
  enum Values {
    case integers([Int64?])
    case booleans([Bool?])
    case texts([String?])
  }

  private let bytes: [UInt8]
  private let meta: ParquetFileMetaData
  /// Where the footer starts: pages must end before it.
  private let footerStart: Int

  /// A top-level column of the schema.
  private struct SchemaColumn {
    var element: ParquetFileMetaData.SchemaElement
    var leafIndex: Int
    var isNested: Bool
  }

  private let columnsByName: [String: SchemaColumn]

  /// Rows in the file.
  let rowCount: Int

  /// Reads and checks the footer of a file.
  ///
  /// - Throws: ``ParquetProblem`` for a file without Parquet magic, an
  ///   encrypted file, or a malformed or inconsistent footer.
  init(_ bytes: [UInt8]) throws(ParquetProblem) {
    self.bytes = bytes
    let magic = Array("PAR1".utf8)
    let encrypted = Array("PARE".utf8)
    let head = Array(bytes.prefix(4))
    guard head == magic || head == encrypted else {
      throw ParquetProblem("not a Parquet file (no PAR1 magic)")
    }
    guard bytes.count >= 12 else {
      throw ParquetProblem("too short for a Parquet file")
    }
    let tail = Array(bytes.suffix(4))
    if head == encrypted || tail == encrypted {
      throw ParquetProblem("encrypted Parquet files are not supported")
    }
    guard tail == magic else {
      throw ParquetProblem("not a Parquet file (no PAR1 magic at its end)")
    }
    var length = 0
    for i in 0..<4 { length |= Int(bytes[bytes.count - 8 + i]) << (8 * i) }
    guard length <= bytes.count - 12 else {
      throw ParquetProblem("the footer length \(length) passes the start")
    }
    footerStart = bytes.count - 8 - length
    var reader = ThriftCompactReader(
      bytes, start: footerStart, end: bytes.count - 8)
    meta = try ParquetFileMetaData(&reader)
    if meta.isEncrypted {
      throw ParquetProblem("encrypted Parquet files are not supported")
    }
    guard meta.rowCount >= 0, meta.rowCount <= Int64(bytes.count) else {
      throw ParquetProblem(
        "the footer's \(meta.rowCount) rows cannot be in the file")
    }
    rowCount = Int(meta.rowCount)
    var total: Int64 = 0
    for group in meta.rowGroups {
      guard group.rowCount >= 0, group.rowCount <= meta.rowCount - total
      else {
        throw ParquetProblem("row groups hold more rows than the footer says")
      }
      total += group.rowCount
    }
    guard total == meta.rowCount else {
      throw ParquetProblem(
        "row groups hold \(total) rows where the footer says \(rowCount)")
    }
    columnsByName = try Self.topLevelColumns(meta.schema)
  }

  /// The top-level columns by name, with the index of their first leaf.
  private static func topLevelColumns(
    _ schema: [ParquetFileMetaData.SchemaElement]
  ) throws(ParquetProblem) -> [String: SchemaColumn] {
    guard let root = schema.first, let count = root.childCount, count >= 0
    else { throw ParquetProblem("the schema has no root") }
    var result: [String: SchemaColumn] = [:]
    var index = 1
    var leaf = 0
    for _ in 0..<count {
      guard index < schema.count else {
        throw ParquetProblem("the schema has fewer columns than it says")
      }
      let element = schema[index]
      let children = Int(element.childCount ?? 0)
      guard children >= 0 else {
        throw ParquetProblem(
          "a negative number of children", column: element.name)
      }
      if result[element.name] == nil {
        result[element.name] = SchemaColumn(
          element: element, leafIndex: leaf, isNested: children > 0)
      }
      index += 1
      if children == 0 {
        leaf += 1
        continue
      }
      // Skip the group's subtree, counting its leaves.
      var open = children
      while open > 0 {
        guard index < schema.count else {
          throw ParquetProblem("the schema has fewer columns than it says")
        }
        let grand = Int(schema[index].childCount ?? 0)
        guard grand >= 0, grand <= schema.count else {
          throw ParquetProblem(
            "a malformed group", column: schema[index].name)
        }
        if grand == 0 { leaf += 1 }
        open += grand - 1
        index += 1
      }
    }
    return result
  }

  /// Whether the file has a top-level column.
  func hasColumn(_ name: String) -> Bool { columnsByName[name] != nil }

  /// A column's values, or `nil` when the file has no such column.
  ///
  /// - Throws: ``ParquetProblem`` naming the column when it cannot be
  ///   read.
  func values(of name: String) throws(ParquetProblem) -> Values? {
    guard let column = columnsByName[name] else { return nil }
    do {
      return try decode(column)
    } catch var problem {
      if problem.column == nil { problem.column = name }
      throw problem
    }
  }

  private func decode(_ column: SchemaColumn) throws(ParquetProblem) -> Values {
    let e = column.element
    guard !column.isNested else {
      throw ParquetProblem(
        "nested columns are not supported, only flat ones")
    }
    let repetition = e.repetition ?? 0
    guard repetition != ParquetFileMetaData.Repetition.repeated.rawValue
    else {
      throw ParquetProblem("repeated columns are not supported")
    }
    guard repetition == 0 || repetition == 1 else {
      throw ParquetProblem("unknown repetition \(repetition)")
    }
    let optional = repetition == 1
    guard let raw = e.type,
      let type = ParquetFileMetaData.PhysicalType(rawValue: raw)
    else { throw ParquetProblem("the column has no physical type") }
    switch type {
    case .boolean:
      return .booleans(
        try chunks(column, optional) { (c) throws(ParquetProblem) in
          try c.boolean()
        })
    case .int32:
      return .integers(
        try chunks(column, optional) { (c) throws(ParquetProblem) in
          Int64(try c.int32())
        })
    case .int64:
      return .integers(
        try chunks(column, optional) { (c) throws(ParquetProblem) in
          try c.int64()
        })
    case .byteArray:
      return .texts(
        try chunks(column, optional) { (c) throws(ParquetProblem) in
          try c.text()
        })
    default:
      throw ParquetProblem(
        "physical type \(Self.typeName(type)) is not supported")
    }
  }

  private static func typeName(
    _ type: ParquetFileMetaData.PhysicalType
  ) -> String {
    switch type {
    case .boolean: "BOOLEAN"
    case .int32: "INT32"
    case .int64: "INT64"
    case .int96: "INT96"
    case .float: "FLOAT"
    case .double: "DOUBLE"
    case .byteArray: "BYTE_ARRAY"
    case .fixedLengthByteArray: "FIXED_LEN_BYTE_ARRAY"
    }
  }

  static let codecNames = [
    "UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD",
    "LZ4_RAW",
  ]

  static let encodingNames = [
    0: "PLAIN", 2: "PLAIN_DICTIONARY", 3: "RLE", 4: "BIT_PACKED",
    5: "DELTA_BINARY_PACKED", 6: "DELTA_LENGTH_BYTE_ARRAY",
    7: "DELTA_BYTE_ARRAY", 8: "RLE_DICTIONARY", 9: "BYTE_STREAM_SPLIT",
  ]

  private static func encodingName(_ code: Int32) -> String {
    encodingNames[Int(code)] ?? "encoding \(code)"
  }

  /// Every row group's chunk of a column, decoded.
  private func chunks<T>(
    _ column: SchemaColumn, _ optional: Bool,
    _ plain: (inout PlainCursor) throws(ParquetProblem) -> T
  ) throws(ParquetProblem) -> [T?] {
    var result: [T?] = []
    result.reserveCapacity(rowCount)
    for (g, group) in meta.rowGroups.enumerated() {
      guard column.leafIndex < group.columns.count else {
        throw ParquetProblem("row group \(g) has no chunk for the column")
      }
      let chunk = group.columns[column.leafIndex]
      try decodeChunk(
        chunk, column, optional: optional, rows: Int(group.rowCount),
        into: &result, plain)
    }
    return result
  }

  private func decodeChunk<T>(
    _ chunk: ParquetFileMetaData.ColumnChunk, _ column: SchemaColumn,
    optional: Bool, rows: Int, into result: inout [T?],
    _ plain: (inout PlainCursor) throws(ParquetProblem) -> T
  ) throws(ParquetProblem) {
    guard !chunk.isEncrypted else {
      throw ParquetProblem("encrypted columns are not supported")
    }
    guard chunk.filePath == nil else {
      throw ParquetProblem("columns stored in other files are not supported")
    }
    guard chunk.hasMetaData else {
      throw ParquetProblem("a column chunk has no metadata")
    }
    guard chunk.path == [column.element.name] else {
      throw ParquetProblem(
        "a chunk's path \(chunk.path) does not match the schema")
    }
    guard chunk.type == column.element.type else {
      throw ParquetProblem("a chunk's type does not match the schema")
    }
    guard chunk.codec == 0 || chunk.codec == 1 else {
      let name =
        Self.codecNames.indices.contains(Int(chunk.codec))
        ? Self.codecNames[Int(chunk.codec)] : "codec \(chunk.codec)"
      throw ParquetProblem(
        "compression \(name) is not supported (only UNCOMPRESSED, SNAPPY)")
    }
    guard chunk.valueCount == Int64(rows) else {
      throw ParquetProblem(
        "a chunk holds \(chunk.valueCount) values for \(rows) rows")
    }
    var start = chunk.dataPageOffset
    if let dictionary = chunk.dictionaryPageOffset, dictionary > 0,
      dictionary < start
    {
      start = dictionary
    }
    guard start >= 4, chunk.compressedSize >= 0,
      start <= Int64(footerStart),
      chunk.compressedSize <= Int64(footerStart) - start
    else {
      throw ParquetProblem("a column chunk lies outside the file's pages")
    }
    var position = Int(start)
    let end = position + Int(chunk.compressedSize)
    var dictionary: [T]?
    var read = 0
    while read < rows {
      guard position < end else {
        throw ParquetProblem(
          "the column's pages end after \(read) of \(rows) values")
      }
      var reader = ThriftCompactReader(bytes, start: position, end: end)
      let header = try ParquetPageHeader(&reader)
      position = reader.position
      guard header.compressedSize >= 0, header.uncompressedSize >= 0,
        Int(header.compressedSize) <= end - position
      else { throw ParquetProblem("a page runs past its column chunk") }
      let body = position..<(position + Int(header.compressedSize))
      position = body.upperBound
      switch header.type {
      case ParquetPageHeader.PageType.dictionaryPage.rawValue:
        guard dictionary == nil, read == 0, let page = header.dictionaryPage
        else { throw ParquetProblem("a misplaced dictionary page") }
        guard page.encoding == 0 || page.encoding == 2 else {
          throw ParquetProblem(
            "dictionary encoding \(Self.encodingName(page.encoding)) "
              + "is not supported")
        }
        let data = try pageData(
          body, codec: chunk.codec, length: Int(header.uncompressedSize))
        guard page.valueCount >= 0, Int(page.valueCount) <= data.count * 8
        else { throw ParquetProblem("a dictionary page's count is wrong") }
        var cursor = PlainCursor(bytes: data, position: 0, end: data.count)
        var values: [T] = []
        values.reserveCapacity(Int(page.valueCount))
        for _ in 0..<page.valueCount { values.append(try plain(&cursor)) }
        dictionary = values
      case ParquetPageHeader.PageType.dataPage.rawValue:
        guard let page = header.dataPage else {
          throw ParquetProblem("a data page has no data page header")
        }
        let count = Int(page.valueCount)
        guard count >= 0, count <= rows - read else {
          throw ParquetProblem("data pages hold more values than rows")
        }
        let data = try pageData(
          body, codec: chunk.codec, length: Int(header.uncompressedSize))
        var levelsEnd = 0
        var present = [Bool](repeating: true, count: count)
        if optional {
          guard page.definitionLevelEncoding == 3 else {
            throw ParquetProblem(
              "definition levels in "
                + "\(Self.encodingName(page.definitionLevelEncoding)) "
                + "are not supported")
          }
          guard data.count >= 4 else {
            throw ParquetProblem("a data page ends early")
          }
          var length = 0
          for i in 0..<4 { length |= Int(data[i]) << (8 * i) }
          guard length <= data.count - 4 else {
            throw ParquetProblem("definition levels run past their page")
          }
          levelsEnd = 4 + length
          present = try Self.levels(data, 4..<levelsEnd, count: count)
        }
        try Self.values(
          data, levelsEnd..<data.count, encoding: page.encoding,
          present: present, dictionary: dictionary, into: &result, plain)
        read += count
      case ParquetPageHeader.PageType.dataPageV2.rawValue:
        guard let page = header.dataPageV2 else {
          throw ParquetProblem("a data page has no data page header")
        }
        let count = Int(page.valueCount)
        guard count >= 0, count <= rows - read else {
          throw ParquetProblem("data pages hold more values than rows")
        }
        let levelsLength =
          Int(page.definitionLevelsLength) + Int(page.repetitionLevelsLength)
        guard page.definitionLevelsLength >= 0,
          page.repetitionLevelsLength >= 0,
          levelsLength <= body.count,
          levelsLength <= Int(header.uncompressedSize)
        else { throw ParquetProblem("levels run past their page") }
        var present = [Bool](repeating: true, count: count)
        let levelStart = body.lowerBound + Int(page.repetitionLevelsLength)
        let levelEnd = body.lowerBound + levelsLength
        if optional {
          present = try Self.levels(bytes, levelStart..<levelEnd, count: count)
        }
        let valuesRange = levelEnd..<body.upperBound
        let data: [UInt8]
        if page.isCompressed {
          data = try pageData(
            valuesRange, codec: chunk.codec,
            length: Int(header.uncompressedSize) - levelsLength)
        } else {
          data = Array(bytes[valuesRange])
        }
        try Self.values(
          data, 0..<data.count, encoding: page.encoding,
          present: present, dictionary: dictionary, into: &result, plain)
        read += count
      case ParquetPageHeader.PageType.indexPage.rawValue:
        continue
      default:
        throw ParquetProblem("unknown page type \(header.type)")
      }
    }
  }

  /// A page's bytes, decompressed.
  private func pageData(
    _ range: Range<Int>, codec: Int32, length: Int
  ) throws(ParquetProblem) -> [UInt8] {
    if codec == 1 {
      return try SnappyDecompressor.decompress(
        bytes[range], expectedLength: length)
    }
    guard range.count == length else {
      throw ParquetProblem(
        "an uncompressed page's sizes disagree (\(range.count), \(length))")
    }
    return Array(bytes[range])
  }

  /// Definition levels of a flat OPTIONAL column: whether each value is
  /// present.
  private static func levels(
    _ data: [UInt8], _ range: Range<Int>, count: Int
  ) throws(ParquetProblem) -> [Bool] {
    var decoder = try RLEHybridDecoder(
      data, start: range.lowerBound, end: range.upperBound, bitWidth: 1)
    var present: [Bool] = []
    present.reserveCapacity(count)
    for _ in 0..<count {
      let level = try decoder.next()
      guard level <= 1 else {
        throw ParquetProblem("a definition level of \(level)")
      }
      present.append(level == 1)
    }
    return present
  }

  /// Appends a page's values, `nil` where `present` is false.
  private static func values<T>(
    _ data: [UInt8], _ range: Range<Int>, encoding: Int32, present: [Bool],
    dictionary: [T]?, into result: inout [T?],
    _ plain: (inout PlainCursor) throws(ParquetProblem) -> T
  ) throws(ParquetProblem) {
    switch encoding {
    case 0:
      var cursor = PlainCursor(
        bytes: data, position: range.lowerBound, end: range.upperBound)
      for isPresent in present {
        result.append(isPresent ? try plain(&cursor) : nil)
      }
    case 2, 8:
      guard let dictionary else {
        throw ParquetProblem("dictionary indices without a dictionary page")
      }
      guard present.contains(true) else {
        result += present.map { _ in nil }
        return
      }
      guard range.count >= 1 else {
        throw ParquetProblem("a data page ends early")
      }
      var decoder = try RLEHybridDecoder(
        data, start: range.lowerBound + 1, end: range.upperBound,
        bitWidth: Int(data[range.lowerBound]))
      for isPresent in present {
        guard isPresent else {
          result.append(nil)
          continue
        }
        let index = Int(try decoder.next())
        guard index < dictionary.count else {
          throw ParquetProblem(
            "dictionary index \(index) of \(dictionary.count) entries")
        }
        result.append(dictionary[index])
      }
    case 3 where T.self == Bool.self:
      guard range.count >= 4 else {
        throw ParquetProblem("a data page ends early")
      }
      var length = 0
      for i in 0..<4 { length |= Int(data[range.lowerBound + i]) << (8 * i) }
      guard length <= range.count - 4 else {
        throw ParquetProblem("RLE booleans run past their page")
      }
      var decoder = try RLEHybridDecoder(
        data, start: range.lowerBound + 4,
        end: range.lowerBound + 4 + length, bitWidth: 1)
      for isPresent in present {
        guard isPresent else {
          result.append(nil)
          continue
        }
        let flag = try decoder.next() == 1
        guard let value = flag as? T else {
          throw ParquetProblem("RLE is only supported for booleans")
        }
        result.append(value)
      }
    default:
      throw ParquetProblem(
        "encoding \(encodingName(encoding)) is not supported")
    }
  }
}
