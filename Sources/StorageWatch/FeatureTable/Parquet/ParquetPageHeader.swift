/// The header before each page of a column chunk (Thrift `PageHeader`),
/// with the data page (v1 and v2) and dictionary page headers.
struct ParquetPageHeader {
  /// `PageType`.
  enum PageType: Int32 {
    case dataPage = 0
    case indexPage = 1
    case dictionaryPage = 2
    case dataPageV2 = 3
  }

  /// `DataPageHeader`: a v1 data page.
  struct DataPage {
    var valueCount: Int32 = 0
    var encoding: Int32 = 0
    var definitionLevelEncoding: Int32 = 0
    var repetitionLevelEncoding: Int32 = 0
  }

  /// `DataPageHeaderV2`: levels are stored uncompressed before the
  /// values, with their lengths here.
  struct DataPageV2 {
    var valueCount: Int32 = 0
    var nullCount: Int32 = 0
    var rowCount: Int32 = 0
    var encoding: Int32 = 0
    var definitionLevelsLength: Int32 = 0
    var repetitionLevelsLength: Int32 = 0
    var isCompressed = true
  }

  /// `DictionaryPageHeader`.
  struct DictionaryPage {
    var valueCount: Int32 = 0
    var encoding: Int32 = 0
  }

  var type: Int32 = -1
  var uncompressedSize: Int32 = 0
  var compressedSize: Int32 = 0
  var dataPage: DataPage?
  var dictionaryPage: DictionaryPage?
  var dataPageV2: DataPageV2?

  init() {}

  /// Decodes a page header.
  ///
  /// - Throws: ``ParquetProblem`` for malformed Thrift.
  init(_ reader: inout ThriftCompactReader) throws(ParquetProblem) {
    try reader.readStruct { (r, id, type) throws(ParquetProblem) in
      switch id {
      case 1: self.type = try r.i32(type)
      case 2: uncompressedSize = try r.i32(type)
      case 3: compressedSize = try r.i32(type)
      case 5:
        var page = DataPage()
        try Self.fields(&r, type) { (r, id, type) throws(ParquetProblem) in
          switch id {
          case 1: page.valueCount = try r.i32(type)
          case 2: page.encoding = try r.i32(type)
          case 3: page.definitionLevelEncoding = try r.i32(type)
          case 4: page.repetitionLevelEncoding = try r.i32(type)
          default: return false
          }
          return true
        }
        dataPage = page
      case 7:
        var page = DictionaryPage()
        try Self.fields(&r, type) { (r, id, type) throws(ParquetProblem) in
          switch id {
          case 1: page.valueCount = try r.i32(type)
          case 2: page.encoding = try r.i32(type)
          default: return false
          }
          return true
        }
        dictionaryPage = page
      case 8:
        var page = DataPageV2()
        try Self.fields(&r, type) { (r, id, type) throws(ParquetProblem) in
          switch id {
          case 1: page.valueCount = try r.i32(type)
          case 2: page.nullCount = try r.i32(type)
          case 3: page.rowCount = try r.i32(type)
          case 4: page.encoding = try r.i32(type)
          case 5: page.definitionLevelsLength = try r.i32(type)
          case 6: page.repetitionLevelsLength = try r.i32(type)
          case 7: page.isCompressed = try r.boolean(type)
          default: return false
          }
          return true
        }
        dataPageV2 = page
      default: return false
      }
      return true
    }
  }

  private static func fields(
    _ r: inout ThriftCompactReader, _ type: ThriftCompactReader.FieldType,
    _ body: (inout ThriftCompactReader, Int16, ThriftCompactReader.FieldType)
      throws(ParquetProblem) -> Bool
  ) throws(ParquetProblem) {
    guard type == .struct else {
      throw ParquetProblem("malformed Thrift metadata: expected a struct")
    }
    try r.readStruct(body)
  }

  /// The header of a v1 data page in the compact protocol.
  func encoded() -> [UInt8] {
    var w = ThriftCompactWriter()
    w.i32(1, type)
    w.i32(2, uncompressedSize)
    w.i32(3, compressedSize)
    if let page = dataPage {
      w.structField(5) { w in
        w.i32(1, page.valueCount)
        w.i32(2, page.encoding)
        w.i32(3, page.definitionLevelEncoding)
        w.i32(4, page.repetitionLevelEncoding)
      }
    }
    w.stop()
    return w.bytes
  }
}
