/// Decodes Parquet's RLE / bit-packed hybrid encoding of small unsigned
/// integers: definition levels and dictionary indices.
///
/// The data is runs, each led by a varint header: an even header is a
/// run of `header >> 1` copies of one value stored in
/// `ceil(bitWidth / 8)` little-endian bytes; an odd header is
/// `header >> 1` groups of 8 values bit-packed least significant bit
/// first, `bitWidth` bytes per group.
struct RLEHybridDecoder {
  private let bytes: [UInt8]
  private var position: Int
  private let end: Int
  private let bitWidth: Int
  /// Values left in the current run.
  private var remaining = 0
  private var isPacked = false
  private var runValue: UInt32 = 0
  /// The bit position of the next packed value.
  private var bitPosition = 0

  /// A decoder of `bytes[start..<end]` for values of `bitWidth` bits.
  ///
  /// - Throws: ``ParquetProblem`` for a bit width above 32.
  init(
    _ bytes: [UInt8], start: Int, end: Int, bitWidth: Int
  ) throws(ParquetProblem) {
    guard (0...32).contains(bitWidth) else {
      throw ParquetProblem("a bit width of \(bitWidth) is not valid")
    }
    self.bytes = bytes
    self.position = max(0, min(start, bytes.count))
    self.end = max(position, min(end, bytes.count))
    self.bitWidth = bitWidth
  }

  private func cut() -> ParquetProblem {
    ParquetProblem("RLE/bit-packed data ends early")
  }

  private mutating func startRun() throws(ParquetProblem) {
    var header: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard position < end, shift < 35 else { throw cut() }
      let b = bytes[position]
      position += 1
      header |= UInt64(b & 0x7F) << shift
      if b & 0x80 == 0 { break }
      shift += 7
    }
    let count = Int(header >> 1)
    if header & 1 == 0 {
      let width = (bitWidth + 7) / 8
      guard width <= end - position else { throw cut() }
      var value: UInt32 = 0
      for i in 0..<width {
        value |= UInt32(bytes[position + i]) << (8 * UInt32(i))
      }
      position += width
      isPacked = false
      runValue = value
      remaining = count
    } else {
      isPacked = true
      bitPosition = position * 8
      // A run's groups may reach past the end only in its unused tail.
      let available = (end - position) * 8 / max(bitWidth, 1)
      remaining = bitWidth == 0 ? count * 8 : min(count * 8, available)
      position = min(end, position + count * bitWidth)
    }
  }

  /// The next value.
  ///
  /// - Throws: ``ParquetProblem`` when the data ends first.
  mutating func next() throws(ParquetProblem) -> UInt32 {
    while remaining == 0 { try startRun() }
    remaining -= 1
    guard isPacked else { return runValue }
    var value: UInt32 = 0
    for bit in 0..<bitWidth {
      let index = bitPosition + bit
      let byte = bytes[index >> 3]
      value |= UInt32((byte >> UInt8(index & 7)) & 1) << UInt32(bit)
    }
    bitPosition += bitWidth
    return value
  }
}
