/// Compresses bytes into a raw Snappy block, as Parquet's SNAPPY codec
/// stores each page; ``SnappyDecompressor`` reads it back.
///
/// Greedy LZ77 over 4-byte hashes: a table remembers the last position
/// of each hashed 4-byte sequence, a match of at least 4 bytes within
/// 65,535 bytes back becomes copies (1-byte offsets for short near
/// copies, 2-byte offsets otherwise, at most 64 bytes each), and the
/// bytes between matches become literals. After 32 positions without a
/// match the scan takes longer steps, so incompressible input costs
/// little. Incompressible input grows by at most 10 bytes (the
/// preamble and one literal's tag).
enum SnappyCompressor {
  /// Bits of the hash table's index (16,384 entries).
  private static let hashBits = 14
  /// Farthest back a copy reaches (2-byte offsets).
  private static let maximumOffset = 65_535

  /// A Snappy block holding `input`.
  ///
  /// - Parameter input: The bytes; empty input gives the one-byte block
  ///   of length 0.
  /// - Returns: The block: the length as a varint, then the elements.
  /// - Complexity: O(*n*).
  static func compress(_ input: [UInt8]) -> [UInt8] {
    precondition(
      input.count <= Int(UInt32.max),
      "SnappyCompressor: a block holds at most 4 GiB")
    var out: [UInt8] = []
    out.reserveCapacity(input.count + input.count / 60 + 8)
    Varint.append(UInt64(input.count), to: &out)
    input.withUnsafeBufferPointer { bytes in
      compressBody(bytes, into: &out)
    }
    return out
  }

  private static func compressBody(
    _ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]
  ) {
    let n = bytes.count
    var table = [Int](repeating: -1, count: 1 << hashBits)
    var literalStart = 0
    var i = 0
    var misses = 0
    while i + 4 <= n {
      let word = load(bytes, i)
      let slot = Int(
        truncatingIfNeeded: (word &* 0x1E35_A7BD) >> (32 - hashBits))
      let candidate = table[slot]
      table[slot] = i
      guard candidate >= 0, i - candidate <= maximumOffset,
        load(bytes, candidate) == word
      else {
        misses += 1
        i += 1 + (misses >> 5)
        continue
      }
      misses = 0
      var matched = 4
      while i + matched < n && bytes[candidate + matched] == bytes[i + matched]
      {
        matched += 1
      }
      appendLiteral(bytes, literalStart..<i, to: &out)
      appendCopy(offset: i - candidate, length: matched, to: &out)
      i += matched
      literalStart = i
    }
    appendLiteral(bytes, literalStart..<n, to: &out)
  }

  /// The little-endian 32-bit word at `i`.
  @inline(__always)
  private static func load(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int)
    -> UInt32
  {
    UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16
      | UInt32(bytes[i + 3]) << 24
  }

  /// A literal element of the bytes in `range` (none when empty).
  private static func appendLiteral(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
    to out: inout [UInt8]
  ) {
    guard !range.isEmpty else { return }
    let stored = range.count - 1
    if stored < 60 {
      out.append(UInt8(stored << 2))
    } else {
      var extra = 1
      while extra < 4 && stored >> (8 * extra) != 0 { extra += 1 }
      out.append(UInt8((59 + extra) << 2))
      for k in 0..<extra {
        out.append(UInt8(truncatingIfNeeded: stored >> (8 * k)))
      }
    }
    out.append(contentsOf: bytes[range])
  }

  /// Copy elements of `length` bytes from `offset` back: 64 at a time,
  /// leaving the last at 4 bytes or more so it fits any copy form.
  private static func appendCopy(
    offset: Int, length: Int, to out: inout [UInt8]
  ) {
    var remaining = length
    while remaining >= 68 {
      appendOneCopy(offset: offset, length: 64, to: &out)
      remaining -= 64
    }
    if remaining > 64 {
      appendOneCopy(offset: offset, length: 60, to: &out)
      remaining -= 60
    }
    appendOneCopy(offset: offset, length: remaining, to: &out)
  }

  /// One copy element (`length` 4...64).
  private static func appendOneCopy(
    offset: Int, length: Int, to out: inout [UInt8]
  ) {
    if length <= 11 && offset < 2048 {
      out.append(UInt8(((offset >> 8) << 5) | ((length - 4) << 2) | 1))
      out.append(UInt8(truncatingIfNeeded: offset))
    } else {
      out.append(UInt8(((length - 1) << 2) | 2))
      out.append(UInt8(truncatingIfNeeded: offset))
      out.append(UInt8(truncatingIfNeeded: offset >> 8))
    }
  }
}
