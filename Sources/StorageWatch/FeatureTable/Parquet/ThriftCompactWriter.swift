/// Encodes Thrift structs in the compact protocol, as Parquet footers and
/// page headers are stored.
///
/// Fields are written in increasing id order within a struct; the writer
/// keeps the last field id of each open struct to write id deltas.
struct ThriftCompactWriter {
  /// The encoded bytes.
  private(set) var bytes: [UInt8] = []
  private var lastFieldID: [Int16] = [0]

  /// Field and element type codes of the compact protocol.
  enum FieldType: UInt8 {
    case booleanTrue = 1
    case booleanFalse = 2
    case byte = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case `struct` = 12
  }

  /// Writes a field header.
  private mutating func field(_ id: Int16, _ type: FieldType) {
    let delta = Int(id) - Int(lastFieldID[lastFieldID.count - 1])
    if delta > 0 && delta <= 15 {
      bytes.append(UInt8(delta) << 4 | type.rawValue)
    } else {
      bytes.append(type.rawValue)
      varint(zigzag(Int64(id)))
    }
    lastFieldID[lastFieldID.count - 1] = id
  }

  private func zigzag(_ value: Int64) -> UInt64 {
    UInt64(bitPattern: (value << 1) ^ (value >> 63))
  }

  /// Appends an unsigned LEB128 varint.
  mutating func varint(_ value: UInt64) {
    Varint.append(value, to: &bytes)
  }

  /// Writes an `i16` field.
  mutating func i16(_ id: Int16, _ value: Int16) {
    field(id, .i16)
    varint(zigzag(Int64(value)))
  }

  /// Writes an `i32` field.
  mutating func i32(_ id: Int16, _ value: Int32) {
    field(id, .i32)
    varint(zigzag(Int64(value)))
  }

  /// Writes an `i64` field.
  mutating func i64(_ id: Int16, _ value: Int64) {
    field(id, .i64)
    varint(zigzag(value))
  }

  /// Writes a `bool` field.
  mutating func boolean(_ id: Int16, _ value: Bool) {
    field(id, value ? .booleanTrue : .booleanFalse)
  }

  /// Writes a `string` or `binary` field.
  mutating func string(_ id: Int16, _ value: String) {
    field(id, .binary)
    varint(UInt64(value.utf8.count))
    bytes.append(contentsOf: value.utf8)
  }

  /// Writes a list header of `count` elements.
  private mutating func listHeader(_ count: Int, _ type: FieldType) {
    if count < 15 {
      bytes.append(UInt8(count) << 4 | type.rawValue)
    } else {
      bytes.append(0xF0 | type.rawValue)
      varint(UInt64(count))
    }
  }

  /// Writes a `list<i32>` field.
  mutating func i32List(_ id: Int16, _ values: [Int32]) {
    field(id, .list)
    listHeader(values.count, .i32)
    for value in values { varint(zigzag(Int64(value))) }
  }

  /// Writes a `list<string>` field.
  mutating func stringList(_ id: Int16, _ values: [String]) {
    field(id, .list)
    listHeader(values.count, .binary)
    for value in values {
      varint(UInt64(value.utf8.count))
      bytes.append(contentsOf: value.utf8)
    }
  }

  /// Writes a `list<struct>` field, each element by `body`.
  mutating func structList<T>(
    _ id: Int16, _ values: [T], _ body: (inout ThriftCompactWriter, T) -> Void
  ) {
    field(id, .list)
    listHeader(values.count, .struct)
    for value in values {
      lastFieldID.append(0)
      body(&self, value)
      stop()
    }
  }

  /// Writes a struct field whose fields `body` writes.
  mutating func structField(
    _ id: Int16, _ body: (inout ThriftCompactWriter) -> Void
  ) {
    field(id, .struct)
    lastFieldID.append(0)
    body(&self)
    stop()
  }

  /// Ends the current struct (or the top-level one).
  mutating func stop() {
    bytes.append(0)
    if lastFieldID.count > 1 { lastFieldID.removeLast() }
  }
}
