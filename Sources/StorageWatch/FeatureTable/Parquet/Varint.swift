/// Unsigned LEB128 varints, as the Thrift compact protocol, RLE run
/// headers and the Snappy preamble write them: seven bits a byte, low
/// bits first, the high bit set on every byte but the last.
enum Varint {
  /// Appends `value` as an unsigned LEB128 varint (1 to 10 bytes).
  ///
  /// - Parameters:
  ///   - value: The value.
  ///   - out: The bytes to append to.
  /// - Complexity: O(1).
  static func append(_ value: UInt64, to out: inout [UInt8]) {
    var value = value
    while value >= 0x80 {
      out.append(UInt8(truncatingIfNeeded: value) | 0x80)
      value >>= 7
    }
    out.append(UInt8(value))
  }
}
