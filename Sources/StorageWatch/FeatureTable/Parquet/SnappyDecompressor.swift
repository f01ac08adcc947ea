/// Decompresses a raw Snappy block, as Parquet's SNAPPY codec stores
/// each page (no framing format, no checksums).
///
/// A block is the uncompressed length as a varint, then elements: a
/// literal (tag `00`, its length in the tag or in the 1 to 4 bytes after
/// it) or a copy of earlier output (tags `01`, `10`, `11`, with 1-, 2- or
/// 4-byte offsets). Copies may overlap what they write.
enum SnappyDecompressor {
  /// The largest ratio of output to input Snappy can reach (a 3-byte copy
  /// of 64 bytes), with margin; a block claiming more is refused before
  /// anything is allocated.
  static let maximumRatio = 32

  /// The bytes a block decompresses to.
  ///
  /// - Parameters:
  ///   - input: The compressed block.
  ///   - expectedLength: The length the container says the output has,
  ///     if it says one.
  /// - Returns: The uncompressed bytes.
  /// - Throws: ``ParquetProblem`` when the block is truncated, a copy
  ///   reaches before the start of the output, the output would pass
  ///   the length in the preamble, or the lengths disagree.
  /// - Complexity: O(*n*) in the uncompressed length.
  static func decompress(
    _ input: ArraySlice<UInt8>, expectedLength: Int? = nil
  ) throws(ParquetProblem) -> [UInt8] {
    func bad(_ reason: String) -> ParquetProblem {
      ParquetProblem("invalid Snappy data: \(reason)")
    }
    var position = input.startIndex
    let end = input.endIndex
    func byte() throws(ParquetProblem) -> Int {
      guard position < end else { throw bad("it ends early") }
      defer { position += 1 }
      return Int(input[position])
    }
    // Preamble: at most 5 bytes, a 32-bit length.
    var length = 0
    var shift = 0
    while true {
      let b = try byte()
      guard shift <= 28 else { throw bad("the length is too long") }
      length |= (b & 0x7F) << shift
      if b & 0x80 == 0 { break }
      shift += 7
    }
    guard length <= UInt32.max else { throw bad("the length is too long") }
    if let expectedLength, expectedLength != length {
      throw bad(
        "it holds \(length) bytes where the page says \(expectedLength)")
    }
    guard length <= input.count * maximumRatio else {
      throw bad("\(length) bytes cannot come from \(input.count)")
    }
    var output: [UInt8] = []
    output.reserveCapacity(length)
    while position < end {
      let tag = try byte()
      switch tag & 3 {
      case 0:
        var n = tag >> 2
        if n >= 60 {
          let extra = n - 59
          n = 0
          for i in 0..<extra { n |= try byte() << (8 * i) }
        }
        n += 1
        guard n <= end - position else { throw bad("a literal is cut") }
        guard n <= length - output.count else {
          throw bad("it is longer than its preamble says")
        }
        output.append(contentsOf: input[position..<(position + n)])
        position += n
      default:
        let n: Int
        let offset: Int
        switch tag & 3 {
        case 1:
          n = 4 + ((tag >> 2) & 7)
          offset = ((tag >> 5) << 8) | (try byte())
        case 2:
          n = 1 + (tag >> 2)
          offset = try byte() | (try byte() << 8)
        default:
          n = 1 + (tag >> 2)
          var o = 0
          for i in 0..<4 { o |= try byte() << (8 * i) }
          offset = o
        }
        guard offset > 0, offset <= output.count else {
          throw bad("a copy reaches before the start")
        }
        guard n <= length - output.count else {
          throw bad("it is longer than its preamble says")
        }
        // Byte by byte: a copy may overlap the bytes it writes, and a
        // slice of the output would force a copy of the whole buffer.
        let from = output.count - offset
        for i in 0..<n { output.append(output[from + i]) }
      }
    }
    guard output.count == length else {
      throw bad("it holds \(output.count) of \(length) bytes")
    }
    return output
  }
}
