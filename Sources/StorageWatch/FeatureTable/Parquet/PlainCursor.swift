/// Reads PLAIN values from a page, checking every length.
struct PlainCursor {
  let bytes: [UInt8]
  var position: Int
  let end: Int
  /// The next bit of a run of PLAIN booleans.
  private var bit = 0

  init(bytes: [UInt8], position: Int, end: Int) {
    self.bytes = bytes
    self.position = max(0, min(position, bytes.count))
    self.end = max(self.position, min(end, bytes.count))
  }

  private func cut() -> ParquetProblem {
    ParquetProblem("PLAIN values end early")
  }

  private mutating func littleEndian(_ count: Int) throws(ParquetProblem)
    -> UInt64
  {
    guard count <= end - position else { throw cut() }
    var value: UInt64 = 0
    for i in 0..<count {
      value |= UInt64(bytes[position + i]) << (8 * UInt64(i))
    }
    position += count
    return value
  }

  /// A bit-packed boolean.
  mutating func boolean() throws(ParquetProblem) -> Bool {
    guard position < end else { throw cut() }
    let value = (bytes[position] >> UInt8(bit)) & 1 == 1
    bit += 1
    if bit == 8 {
      bit = 0
      position += 1
    }
    return value
  }

  /// A 4-byte little-endian integer.
  mutating func int32() throws(ParquetProblem) -> Int32 {
    Int32(truncatingIfNeeded: try littleEndian(4))
  }

  /// An 8-byte little-endian integer.
  mutating func int64() throws(ParquetProblem) -> Int64 {
    Int64(bitPattern: try littleEndian(8))
  }

  /// A length-prefixed byte array as text, invalid UTF-8 replaced.
  mutating func text() throws(ParquetProblem) -> String {
    let length = Int(try littleEndian(4))
    guard length <= end - position else { throw cut() }
    defer { position += length }
    return String(
      decoding: bytes[position..<(position + length)], as: UTF8.self)
  }
}
