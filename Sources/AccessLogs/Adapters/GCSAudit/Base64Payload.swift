/// Decodes the base64 text of a Pub/Sub message's `data`.
///
/// Accepts the standard alphabet (`+` `/`) and the URL-safe one (`-` `_`),
/// with or without `=` padding; line breaks and spaces are ignored. Any
/// other byte, or a length that leaves a single dangling character, makes
/// the text invalid.
enum Base64Payload {
  /// Decodes base64 bytes.
  ///
  /// - Parameter text: The encoded bytes (a JSON string's raw content:
  ///   base64 never needs escapes).
  /// - Returns: The decoded bytes, or `nil` when the text is not base64.
  /// - Complexity: O(*n*) in the length of the text.
  static func decode(_ text: UnsafeRawBufferPointer) -> [UInt8]? {
    var out: [UInt8] = []
    out.reserveCapacity(text.count / 4 * 3 + 3)
    var accumulator: UInt32 = 0
    var pending = 0
    var sawPadding = false
    for byte in text {
      let value: UInt32
      switch byte {
      case 0x41...0x5A: value = UInt32(byte - 0x41)
      case 0x61...0x7A: value = UInt32(byte - 0x61 + 26)
      case 0x30...0x39: value = UInt32(byte - 0x30 + 52)
      case 0x2B, 0x2D: value = 62
      case 0x2F, 0x5F: value = 63
      case 0x3D:
        sawPadding = true
        continue
      case 0x20, 0x0A, 0x0D, 0x09:
        continue
      default:
        return nil
      }
      if sawPadding { return nil }
      accumulator = accumulator << 6 | value
      pending += 1
      if pending == 4 {
        out.append(UInt8(truncatingIfNeeded: accumulator >> 16))
        out.append(UInt8(truncatingIfNeeded: accumulator >> 8))
        out.append(UInt8(truncatingIfNeeded: accumulator))
        accumulator = 0
        pending = 0
      }
    }
    switch pending {
    case 0: break
    case 2:
      out.append(UInt8(truncatingIfNeeded: accumulator >> 4))
    case 3:
      out.append(UInt8(truncatingIfNeeded: accumulator >> 10))
      out.append(UInt8(truncatingIfNeeded: accumulator >> 2))
    default:
      return nil
    }
    return out
  }
}
