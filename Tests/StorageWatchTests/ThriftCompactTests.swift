import Testing

@testable import StorageWatch

@Suite("Thrift compact protocol: fields read back, unknown ones skipped")
struct ThriftCompactTests {
  @Test("A page header with unknown fields of every type reads back")
  func skipsUnknownFields() throws {
    var header = ParquetPageHeader()
    header.type = 0
    header.uncompressedSize = 300
    header.compressedSize = 200
    header.dataPage = ParquetPageHeader.DataPage(
      valueCount: 7, encoding: 8, definitionLevelEncoding: 3,
      repetitionLevelEncoding: 3)
    var bytes = header.encoded()
    bytes.removeLast()  // the stop byte: append unknown fields
    // Field 20 as a long header: type i32, zigzag id 40, value 5.
    bytes += [0x05, 40, 10]
    // Field 21 (delta 1): double.
    bytes += [0x17] + [UInt8](repeating: 0xAB, count: 8)
    // Field 22: list of 2 strings.
    bytes += [0x19, 0x28, 1, 0x41, 2, 0x42, 0x43]
    // Field 23: map of 1 binary to struct holding a bool field.
    bytes += [0x1B, 1, 0x8C, 1, 0x41, 0x11, 0x00]
    // Field 24: set of 3 bools; field 25: a nested struct; field 26: true.
    bytes += [0x1A, 0x31, 1, 0, 1]
    bytes += [0x1C, 0x1C, 0x16, 2, 0x00, 0x00]
    bytes += [0x11]
    bytes += [0x00]
    var reader = ThriftCompactReader(bytes, start: 0, end: bytes.count)
    let read = try ParquetPageHeader(&reader)
    #expect(reader.position == bytes.count)
    #expect(read.type == 0 && read.uncompressedSize == 300)
    #expect(read.compressedSize == 200)
    #expect(read.dataPage?.valueCount == 7 && read.dataPage?.encoding == 8)
  }

  @Test("Deep nesting and lists longer than their bytes are refused")
  func hostile() {
    let deep = [UInt8](repeating: 0x1C, count: 200)
    var reader = ThriftCompactReader(deep, start: 0, end: deep.count)
    #expect(throws: ParquetProblem.self) {
      _ = try ParquetPageHeader(&reader)
    }
    let list: [UInt8] = [0x99, 0xF5, 0xFF, 0xFF, 0xFF, 0x0F, 0x00]
    var listReader = ThriftCompactReader(list, start: 0, end: list.count)
    #expect(throws: ParquetProblem.self) {
      _ = try ParquetPageHeader(&listReader)
    }
  }

  @Test("The footer written reads back")
  func footer() throws {
    var meta = ParquetFileMetaData()
    meta.rowCount = 3
    meta.createdBy = "storagewatch"
    var root = ParquetFileMetaData.SchemaElement()
    root.name = "schema"
    root.childCount = 1
    var leaf = ParquetFileMetaData.SchemaElement()
    leaf.name = "t"
    leaf.type = 6
    leaf.repetition = 1
    leaf.convertedType = 0
    leaf.isString = true
    meta.schema = [root, leaf]
    let bytes = meta.encoded()
    var reader = ThriftCompactReader(bytes, start: 0, end: bytes.count)
    let read = try ParquetFileMetaData(&reader)
    #expect(read.rowCount == 3 && read.createdBy == "storagewatch")
    #expect(read.schema.count == 2 && read.schema[1].isString)
    #expect(read.schema[1].name == "t" && read.schema[1].repetition == 1)
  }
}
