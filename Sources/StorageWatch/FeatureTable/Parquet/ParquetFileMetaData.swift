/// The footer of a Parquet file (Thrift `FileMetaData`), with only the
/// fields StorageWatch reads or writes; other fields are skipped when
/// read.
struct ParquetFileMetaData {
  /// Physical types (`Type` in parquet.thrift).
  enum PhysicalType: Int32 {
    case boolean = 0
    case int32 = 1
    case int64 = 2
    case int96 = 3
    case float = 4
    case double = 5
    case byteArray = 6
    case fixedLengthByteArray = 7
  }

  /// `FieldRepetitionType`.
  enum Repetition: Int32 {
    case required = 0
    case optional = 1
    case repeated = 2
  }

  /// One node of the schema tree, in depth-first order (`SchemaElement`).
  struct SchemaElement {
    var type: Int32?
    var repetition: Int32?
    var name = ""
    var childCount: Int32?
    var convertedType: Int32?
    /// Whether the STRING logical type is set.
    var isString = false
  }

  /// Where a column's pages are and how they are stored (`ColumnChunk`
  /// and its `ColumnMetaData`).
  struct ColumnChunk {
    var type: Int32 = -1
    var encodings: [Int32] = []
    var path: [String] = []
    var codec: Int32 = 0
    var valueCount: Int64 = 0
    var uncompressedSize: Int64 = 0
    var compressedSize: Int64 = 0
    var dataPageOffset: Int64 = 0
    var dictionaryPageOffset: Int64?
    var hasMetaData = false
    /// Whether the chunk is encrypted or its metadata is in another file.
    var isEncrypted = false
    var filePath: String?
  }

  /// `RowGroup`.
  struct RowGroup {
    var columns: [ColumnChunk] = []
    var totalByteSize: Int64 = 0
    var rowCount: Int64 = 0
    var fileOffset: Int64?
    var totalCompressedSize: Int64?
    var ordinal: Int16?
  }

  var version: Int32 = 1
  var schema: [SchemaElement] = []
  var rowCount: Int64 = 0
  var rowGroups: [RowGroup] = []
  var createdBy: String?
  /// Whether the footer names an encryption algorithm.
  var isEncrypted = false

  init() {}

  /// Decodes a footer.
  ///
  /// - Throws: ``ParquetProblem`` for malformed Thrift.
  init(_ reader: inout ThriftCompactReader) throws(ParquetProblem) {
    try reader.readStruct { (r, id, type) throws(ParquetProblem) in
      switch id {
      case 1: version = try r.i32(type)
      case 2:
        try r.readList(type) { (r, type) throws(ParquetProblem) in
          schema.append(try Self.schemaElement(&r, type))
        }
      case 3: rowCount = try r.i64(type)
      case 4:
        try r.readList(type) { (r, type) throws(ParquetProblem) in
          rowGroups.append(try Self.rowGroup(&r, type))
        }
      case 6: createdBy = try r.string(type)
      case 8:
        isEncrypted = true
        return false
      default: return false
      }
      return true
    }
  }

  private static func expectStruct(
    _ type: ThriftCompactReader.FieldType
  ) throws(ParquetProblem) {
    guard type == .struct else {
      throw ParquetProblem("malformed Thrift metadata: expected a struct")
    }
  }

  private static func schemaElement(
    _ r: inout ThriftCompactReader, _ type: ThriftCompactReader.FieldType
  ) throws(ParquetProblem) -> SchemaElement {
    try expectStruct(type)
    var e = SchemaElement()
    try r.readStruct { (r, id, type) throws(ParquetProblem) in
      switch id {
      case 1: e.type = try r.i32(type)
      case 3: e.repetition = try r.i32(type)
      case 4: e.name = try r.string(type)
      case 5: e.childCount = try r.i32(type)
      case 6: e.convertedType = try r.i32(type)
      case 10:
        try expectStruct(type)
        try r.readStruct { (r, id, type) throws(ParquetProblem) in
          if id == 1 { e.isString = true }
          return false
        }
      default: return false
      }
      return true
    }
    return e
  }

  private static func rowGroup(
    _ r: inout ThriftCompactReader, _ type: ThriftCompactReader.FieldType
  ) throws(ParquetProblem) -> RowGroup {
    try expectStruct(type)
    var g = RowGroup()
    try r.readStruct { (r, id, type) throws(ParquetProblem) in
      switch id {
      case 1:
        try r.readList(type) { (r, type) throws(ParquetProblem) in
          g.columns.append(try columnChunk(&r, type))
        }
      case 2: g.totalByteSize = try r.i64(type)
      case 3: g.rowCount = try r.i64(type)
      default: return false
      }
      return true
    }
    return g
  }

  private static func columnChunk(
    _ r: inout ThriftCompactReader, _ type: ThriftCompactReader.FieldType
  ) throws(ParquetProblem) -> ColumnChunk {
    try expectStruct(type)
    var c = ColumnChunk()
    try r.readStruct { (r, id, type) throws(ParquetProblem) in
      switch id {
      case 1: c.filePath = try r.string(type)
      case 3:
        try expectStruct(type)
        c.hasMetaData = true
        try columnMetaData(&r, &c)
      case 8, 9:
        c.isEncrypted = true
        return false
      default: return false
      }
      return true
    }
    return c
  }

  private static func columnMetaData(
    _ r: inout ThriftCompactReader, _ c: inout ColumnChunk
  ) throws(ParquetProblem) {
    try r.readStruct { (r, id, type) throws(ParquetProblem) in
      switch id {
      case 1: c.type = try r.i32(type)
      case 2:
        try r.readList(type) { (r, type) throws(ParquetProblem) in
          c.encodings.append(try r.i32(type))
        }
      case 3:
        try r.readList(type) { (r, type) throws(ParquetProblem) in
          c.path.append(try r.string(type))
        }
      case 4: c.codec = try r.i32(type)
      case 5: c.valueCount = try r.i64(type)
      case 6: c.uncompressedSize = try r.i64(type)
      case 7: c.compressedSize = try r.i64(type)
      case 9: c.dataPageOffset = try r.i64(type)
      case 11: c.dictionaryPageOffset = try r.i64(type)
      default: return false
      }
      return true
    }
  }

  /// The footer in the compact protocol.
  func encoded() -> [UInt8] {
    var w = ThriftCompactWriter()
    w.i32(1, version)
    w.structList(2, schema) { w, e in
      if let type = e.type { w.i32(1, type) }
      if let repetition = e.repetition { w.i32(3, repetition) }
      w.string(4, e.name)
      if let count = e.childCount { w.i32(5, count) }
      if let converted = e.convertedType { w.i32(6, converted) }
      if e.isString {
        w.structField(10) { w in w.structField(1) { _ in } }
      }
    }
    w.i64(3, rowCount)
    w.structList(4, rowGroups) { w, g in
      w.structList(1, g.columns) { w, c in
        w.i64(2, c.dataPageOffset)
        w.structField(3) { w in
          w.i32(1, c.type)
          w.i32List(2, c.encodings)
          w.stringList(3, c.path)
          w.i32(4, c.codec)
          w.i64(5, c.valueCount)
          w.i64(6, c.uncompressedSize)
          w.i64(7, c.compressedSize)
          w.i64(9, c.dataPageOffset)
        }
      }
      w.i64(2, g.totalByteSize)
      w.i64(3, g.rowCount)
      if let offset = g.fileOffset { w.i64(5, offset) }
      if let size = g.totalCompressedSize { w.i64(6, size) }
      if let ordinal = g.ordinal { w.i16(7, ordinal) }
    }
    if let createdBy { w.string(6, createdBy) }
    w.stop()
    return w.bytes
  }
}
