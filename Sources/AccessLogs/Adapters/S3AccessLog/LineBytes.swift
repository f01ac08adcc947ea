/// Byte-level helpers shared by the line-based adapters: reading numbers,
/// making strings and decoding URL and HTML escapes without going through
/// `String` until a value is kept.
enum LineBytes {
  /// The bytes of a field.
  static func slice(
    _ line: UnsafeRawBufferPointer, _ span: FieldSpan
  ) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: line[span.start..<span.end])
  }

  /// The field as text, invalid UTF-8 replaced by U+FFFD.
  static func string(
    _ line: UnsafeRawBufferPointer, _ span: FieldSpan
  ) -> String {
    String(decoding: slice(line, span), as: UTF8.self)
  }

  /// The field as text, or `nil` when it is empty or a lone `-`.
  static func optionalString(
    _ line: UnsafeRawBufferPointer, _ span: FieldSpan
  ) -> String? {
    isAbsent(line, span) ? nil : string(line, span)
  }

  /// Whether a field is empty or a lone `-`, the logs' "no value".
  static func isAbsent(
    _ line: UnsafeRawBufferPointer, _ span: FieldSpan
  ) -> Bool {
    span.isEmpty || (span.count == 1 && line[span.start] == 0x2D)
  }

  /// Whether a field's bytes equal an ASCII text exactly.
  static func equals(
    _ line: UnsafeRawBufferPointer, _ span: FieldSpan, _ text: StaticString
  ) -> Bool {
    let n = text.utf8CodeUnitCount
    guard span.count == n else { return false }
    for k in 0..<n where line[span.start + k] != text.utf8Start[k] {
      return false
    }
    return true
  }

  /// A non-negative decimal number of at most 18 digits.
  ///
  /// - Returns: The number, or `nil` for an empty field, `-`, or any other
  ///   text.
  static func int64(
    _ line: UnsafeRawBufferPointer, _ span: FieldSpan
  ) -> Int64? {
    guard !span.isEmpty, span.count <= 18 else { return nil }
    var value: Int64 = 0
    for p in span.start..<span.end {
      let d = Int64(line[p]) &- 0x30
      guard d >= 0 && d <= 9 else { return nil }
      value = value * 10 + d
    }
    return value
  }

  /// A short excerpt of a field for skip details, at most 80 bytes.
  static func excerpt(
    _ line: UnsafeRawBufferPointer, _ span: FieldSpan
  ) -> String {
    let end = min(span.end, span.start + 80)
    let text = string(
      line, FieldSpan(start: span.start, end: end, wrapped: false))
    return end < span.end ? text + "..." : text
  }

  /// Decodes a URL-encoded value.
  ///
  /// `%XX` with two hex digits becomes that byte; a `%` not followed by two
  /// hex digits is kept as written. With `plusIsSpace`, `+` becomes a
  /// space (form encoding). With `htmlEntities`, the entities `&amp;`,
  /// `&quot;`, `&lt;`, `&gt;` and `&apos;` are decoded first, as Azure
  /// writes them into its logs. Bytes that do not form valid UTF-8 after
  /// decoding are replaced by U+FFFD.
  ///
  /// - Complexity: O(*n*); no copy when the value has nothing to decode.
  static func decodeURL(
    _ bytes: UnsafeRawBufferPointer, plusIsSpace: Bool, htmlEntities: Bool
  ) -> String {
    var needsWork = false
    for byte in bytes
    where byte == 0x25 || (plusIsSpace && byte == 0x2B)
      || (htmlEntities && byte == 0x26)
    {
      needsWork = true
      break
    }
    if !needsWork { return String(decoding: bytes, as: UTF8.self) }
    var unescaped: [UInt8] = []
    unescaped.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      let byte = bytes[i]
      if htmlEntities && byte == 0x26,
        let (decoded, length) = entity(bytes, at: i)
      {
        unescaped.append(decoded)
        i += length
      } else {
        unescaped.append(byte)
        i += 1
      }
    }
    var out: [UInt8] = []
    out.reserveCapacity(unescaped.count)
    i = 0
    while i < unescaped.count {
      let byte = unescaped[i]
      if byte == 0x25, i + 2 < unescaped.count,
        let high = hexDigit(unescaped[i + 1]),
        let low = hexDigit(unescaped[i + 2])
      {
        out.append(high << 4 | low)
        i += 3
      } else {
        out.append(plusIsSpace && byte == 0x2B ? 0x20 : byte)
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static func entity(
    _ bytes: UnsafeRawBufferPointer, at i: Int
  ) -> (UInt8, Int)? {
    func has(_ text: StaticString) -> Bool {
      let n = text.utf8CodeUnitCount
      guard i + n <= bytes.count else { return false }
      for k in 0..<n where bytes[i + k] != text.utf8Start[k] { return false }
      return true
    }
    if has("&amp;") { return (0x26, 5) }
    if has("&quot;") { return (0x22, 6) }
    if has("&lt;") { return (0x3C, 4) }
    if has("&gt;") { return (0x3E, 4) }
    if has("&apos;") { return (0x27, 6) }
    return nil
  }

  private static func hexDigit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: return byte - 0x30
    case 0x41...0x46: return byte - 0x41 + 10
    case 0x61...0x66: return byte - 0x61 + 10
    default: return nil
    }
  }
}
