/// Decodes Thrift structs in the compact protocol from a byte range,
/// checking every length against the range's end.
///
/// Fields a caller does not ask for are skipped, whatever their type;
/// nesting deeper than ``maximumDepth`` is refused, so a hostile file
/// cannot exhaust the stack.
struct ThriftCompactReader {
  typealias FieldType = ThriftCompactWriter.FieldType

  let bytes: [UInt8]
  /// The next byte to read.
  private(set) var position: Int
  /// One past the last byte that may be read.
  let end: Int
  private var depth = 0

  /// Structs and containers nested deeper than this are refused.
  static let maximumDepth = 64

  /// A reader of `bytes[start..<end]`; `end` is clamped to the bytes.
  init(_ bytes: [UInt8], start: Int, end: Int) {
    self.bytes = bytes
    self.position = max(0, min(start, bytes.count))
    self.end = max(self.position, min(end, bytes.count))
  }

  private func malformed(_ what: String) -> ParquetProblem {
    ParquetProblem("malformed Thrift metadata: \(what)")
  }

  /// One byte.
  mutating func byte() throws(ParquetProblem) -> UInt8 {
    guard position < end else { throw malformed("ends early") }
    defer { position += 1 }
    return bytes[position]
  }

  /// An unsigned LEB128 varint of at most 64 bits.
  mutating func varint() throws(ParquetProblem) -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let b = try byte()
      guard shift < 64, shift < 63 || b & 0x7F <= 1 else {
        throw malformed("a varint is too long")
      }
      result |= UInt64(b & 0x7F) << shift
      if b & 0x80 == 0 { return result }
      shift += 7
    }
  }

  /// A zigzag varint.
  private mutating func signed() throws(ParquetProblem) -> Int64 {
    let raw = try varint()
    return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
  }

  private func expect(
    _ type: FieldType, _ wanted: FieldType...
  ) throws(ParquetProblem) {
    guard wanted.contains(type) else {
      throw malformed("a field has type \(type.rawValue)")
    }
  }

  /// An `i32` value of a field or list element of type `type`.
  mutating func i32(_ type: FieldType) throws(ParquetProblem) -> Int32 {
    try expect(type, .i32, .i16, .byte)
    if type == .byte { return Int32(Int8(bitPattern: try byte())) }
    let value = try signed()
    guard let result = Int32(exactly: value) else {
      throw malformed("an i32 is out of range")
    }
    return result
  }

  /// An `i64` value.
  mutating func i64(_ type: FieldType) throws(ParquetProblem) -> Int64 {
    try expect(type, .i64, .i32, .i16)
    return try signed()
  }

  /// The value of a `bool` field.
  func boolean(_ type: FieldType) throws(ParquetProblem) -> Bool {
    try expect(type, .booleanTrue, .booleanFalse)
    return type == .booleanTrue
  }

  /// A `binary` value's range in ``bytes``.
  mutating func binary(
    _ type: FieldType
  ) throws(ParquetProblem) -> Range<Int> {
    try expect(type, .binary)
    let length = try varint()
    guard length <= UInt64(end - position) else {
      throw malformed("a string runs past the end")
    }
    let start = position
    position += Int(length)
    return start..<position
  }

  /// A `string` value, invalid UTF-8 replaced.
  mutating func string(_ type: FieldType) throws(ParquetProblem) -> String {
    String(decoding: bytes[try binary(type)], as: UTF8.self)
  }

  private mutating func fieldType(_ code: UInt8) throws(ParquetProblem)
    -> FieldType
  {
    guard let type = FieldType(rawValue: code) else {
      throw malformed("unknown type code \(code)")
    }
    return type
  }

  private mutating func enter() throws(ParquetProblem) {
    depth += 1
    guard depth <= Self.maximumDepth else {
      throw malformed("nested too deeply")
    }
  }

  /// Reads a struct's fields up to its stop byte, calling `body` with
  /// each field's id and type; `body` returns `false` for a field it did
  /// not read, which is then skipped.
  mutating func readStruct(
    _ body: (inout ThriftCompactReader, Int16, FieldType) throws(ParquetProblem)
      -> Bool
  ) throws(ParquetProblem) {
    try enter()
    defer { depth -= 1 }
    var last: Int64 = 0
    while true {
      let header = try byte()
      if header == 0 { return }
      let type = try fieldType(header & 0x0F)
      let delta = Int64(header >> 4)
      let id = delta == 0 ? try signed() : last + delta
      guard let fieldID = Int16(exactly: id) else {
        throw malformed("a field id is out of range")
      }
      last = id
      if try !body(&self, fieldID, type) {
        try skip(type, inList: false)
      }
    }
  }

  /// Reads a list or set, calling `body` with each element's type.
  mutating func readList(
    _ type: FieldType,
    _ body: (inout ThriftCompactReader, FieldType) throws(ParquetProblem)
      -> Void
  ) throws(ParquetProblem) {
    try expect(type, .list, .set)
    try enter()
    defer { depth -= 1 }
    let header = try byte()
    let element = try fieldType(header & 0x0F)
    var count = UInt64(header >> 4)
    if count == 15 { count = try varint() }
    // Every element takes at least one byte.
    guard count <= UInt64(end - position) else {
      throw malformed("a list is longer than its bytes")
    }
    for _ in 0..<count { try body(&self, element) }
  }

  /// Skips a value of a type; booleans take a byte only in containers.
  mutating func skip(_ type: FieldType, inList: Bool) throws(ParquetProblem) {
    switch type {
    case .booleanTrue, .booleanFalse:
      if inList { _ = try byte() }
    case .byte: _ = try byte()
    case .i16, .i32, .i64: _ = try varint()
    case .double:
      guard end - position >= 8 else { throw malformed("ends early") }
      position += 8
    case .binary: _ = try binary(type)
    case .list, .set:
      try readList(type) { (reader, element) throws(ParquetProblem) in
        try reader.skip(element, inList: true)
      }
    case .map:
      try enter()
      defer { depth -= 1 }
      let count = try varint()
      guard count > 0 else { return }
      let types = try byte()
      let key = try fieldType(types >> 4)
      let value = try fieldType(types & 0x0F)
      guard count <= UInt64(end - position) else {
        throw malformed("a map is longer than its bytes")
      }
      for _ in 0..<count {
        try skip(key, inList: true)
        try skip(value, inList: true)
      }
    case .struct:
      try readStruct { _, _, _ in false }
    }
  }
}
