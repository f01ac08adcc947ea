#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds the first of a few byte values, sixteen bytes at a time.
///
/// JSON strings in logs are short (ten to a hundred bytes), where one
/// vector pass beats calling `memchr` once per byte value sought.
enum ByteScan {
  /// The offset of the first `"` or `\` at or after `from`, or `n`.
  @inline(__always)
  static func quoteOrBackslash(
    _ p: UnsafePointer<UInt8>, _ from: Int, _ n: Int
  ) -> Int {
    firstStop(p, from, n, newline: false)
  }

  /// The offset of the first `"`, `\` or newline at or after `from`, or
  /// `n`.
  @inline(__always)
  static func quoteBackslashOrNewline(
    _ p: UnsafePointer<UInt8>, _ from: Int, _ n: Int
  ) -> Int {
    firstStop(p, from, n, newline: true)
  }

  @inline(__always)
  private static func firstStop(
    _ p: UnsafePointer<UInt8>, _ from: Int, _ n: Int, newline: Bool
  ) -> Int {
    var i = from
    let quote = SIMD16<UInt8>(repeating: 0x22)
    let backslash = SIMD16<UInt8>(repeating: 0x5C)
    // Without newlines, look for a second quote instead: the same test.
    let third = SIMD16<UInt8>(repeating: newline ? 0x0A : 0x22)
    while i + 16 <= n {
      let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<UInt8>.self)
      let hits = (v .== quote) .| (v .== backslash) .| (v .== third)
      if any(hits) { return i + firstLane(hits) }
      i += 16
    }
    while i < n {
      let c = p[i]
      if c == 0x22 || c == 0x5C || (newline && c == 0x0A) { return i }
      i += 1
    }
    return n
  }

  /// Whether `needle` occurs in `haystack`: candidates where two of the
  /// needle's bytes match (its second and second-to-last when it has four
  /// or more, else its first and last) are found sixteen positions at a
  /// time, then compared in full.
  static func contains(
    _ haystack: UnsafeRawBufferPointer, _ needle: UnsafeRawBufferPointer
  ) -> Bool {
    let m = needle.count
    let n = haystack.count
    guard m > 0, n >= m, let h = haystack.baseAddress,
      let k = needle.baseAddress
    else { return m == 0 }
    // Quoted needles start and end with '"', the commonest byte of JSON:
    // test the bytes just inside the quotes instead.
    let a0 = m >= 4 ? 1 : 0
    let b0 = m >= 4 ? m - 2 : m - 1
    let first = SIMD16<UInt8>(repeating: needle[a0])
    let last = SIMD16<UInt8>(repeating: needle[b0])
    var i = 0
    while i + m - 1 + 16 <= n {
      let a = (h + i + a0).loadUnaligned(as: SIMD16<UInt8>.self)
      let b = (h + i + b0).loadUnaligned(as: SIMD16<UInt8>.self)
      let hits = (a .== first) .& (b .== last)
      if any(hits) {
        for lane in 0..<16 where hits[lane] {
          if memcmp(h + i + lane, k, m) == 0 { return true }
        }
      }
      i += 16
    }
    while i + m <= n {
      if memcmp(h + i, k, m) == 0 { return true }
      i += 1
    }
    return false
  }

  /// The first true lane of a mask with at least one.
  @inline(__always)
  private static func firstLane(_ mask: SIMDMask<SIMD16<Int8>>) -> Int {
    let bytes = SIMD16<UInt8>(repeating: 0).replacing(with: 0xFF, where: mask)
    let words = unsafeBitCast(bytes, to: (UInt64, UInt64).self)
    if words.0 != 0 { return words.0.trailingZeroBitCount >> 3 }
    return 8 + words.1.trailingZeroBitCount >> 3
  }
}
