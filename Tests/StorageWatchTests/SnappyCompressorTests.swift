import AnomalyModels
import Testing

@testable import StorageWatch

// Every block the compressor writes must decompress, with
// `SnappyDecompressor`, to its input exactly; compressible inputs must
// shrink by the stated factors and random bytes may grow by at most the
// 10 bytes the compressor documents.
@Suite("Snappy compressor: blocks that read back")
struct SnappyCompressorTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    /// Largest compressed size allowed, as a fraction of the input.
    let ratio: Double
    var testDescription: String { "\(name) (\(bytes.count) bytes)" }
  }

  /// Seeded random bytes (seed printed with each case's name).
  static func random(_ count: Int, seed: UInt64) -> [UInt8] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
  }

  static let lines = (0..<4000).map {
    "arn:aws:iam::111122223333:user/analyst-\($0 % 37),2026-10-\($0 % 28),"
      + "{\"finance-data\":\($0 % 11)}\n"
  }.joined()

  /// 70,000 random bytes, then the first 5,000 again: a repeat farther
  /// back than 2-byte offsets reach, kept as literals.
  static let farRepeat: [UInt8] = {
    let head = random(70_000, seed: 43)
    return head + head.prefix(5_000)
  }()

  static let cases: [Case] = [
    Case(name: "empty", bytes: [], ratio: .infinity),
    Case(name: "one byte", bytes: [7], ratio: .infinity),
    Case(name: "three bytes", bytes: [1, 2, 3], ratio: .infinity),
    Case(name: "four equal bytes", bytes: [9, 9, 9, 9], ratio: .infinity),
    Case(
      name: "zeros", bytes: [UInt8](repeating: 0, count: 1 << 20),
      ratio: 0.05),
    Case(
      name: "a short pattern",
      bytes: Array(String(repeating: "abcde", count: 3000).utf8), ratio: 0.1),
    Case(name: "feature-table lines", bytes: Array(lines.utf8), ratio: 0.35),
    Case(
      name: "random, seed 41", bytes: random(200_000, seed: 41),
      ratio: .infinity),
    Case(
      name: "random then repeated, seed 42",
      bytes: random(3_000, seed: 42) + random(3_000, seed: 42), ratio: 0.6),
    Case(name: "a repeat 70,000 back, seed 43", bytes: farRepeat, ratio: 1.1),
  ]

  @Test("Decompresses to the input", arguments: cases)
  func roundTrip(_ c: Case) throws {
    let block = SnappyCompressor.compress(c.bytes)
    let back = try SnappyDecompressor.decompress(
      block[...], expectedLength: c.bytes.count)
    #expect(back == c.bytes)
    #expect(block.count <= c.bytes.count + 10)
    if c.ratio.isFinite {
      #expect(Double(block.count) <= c.ratio * Double(c.bytes.count))
    }
  }

  @Test("Matches of every length up to 200 at every short offset")
  func lengthsAndOffsets() throws {
    var checked = 0
    for offset in [1, 2, 3, 4, 7, 255, 256, 2047, 2048, 2049] {
      for length in stride(from: 4, through: 200, by: 7) {
        let prefix = Self.random(offset, seed: UInt64(offset))
        var bytes = prefix
        while bytes.count < offset + length {
          bytes.append(bytes[bytes.count - offset])
        }
        bytes += Self.random(9, seed: 99)
        let block = SnappyCompressor.compress(bytes)
        let back = try SnappyDecompressor.decompress(block[...])
        #expect(back == bytes, "offset \(offset), length \(length)")
        checked += 1
      }
    }
    #expect(checked == 290)
  }
}
