import Testing

@testable import StorageWatch

@Suite("Snappy decompressor: known blocks, and damaged ones refused")
struct SnappyDecompressorTests {
  static func bytes(_ hex: String) -> [UInt8] {
    var result: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
      let next = hex.index(index, offsetBy: 2)
      result.append(UInt8(hex[index..<next], radix: 16) ?? 0)
      index = next
    }
    return result
  }

  static let wikipedia =
    "Wikipedia is a free, web-based, collaborative, multilingual "
    + "encyclopedia project. Wikipedia is a free encyclopedia."

  /// Blocks written by pyarrow's Snappy (the first five) and by hand
  /// (1- and 4-byte copy offsets, a 4-byte literal length).
  static let vectors: [(compressed: String, plain: [UInt8])] = [
    ("00", []),
    ("010061", Array("a".utf8)),
    (
      "73f05257696b697065646961206973206120667265652c207765622d6261736564"
        + "2c20636f6c6c61626f7261746976652c206d756c74696c696e6775616c2065"
        + "6e6379636c6f70656469612070726f6a6563742e2057465200342065"
        + "6e6379636c6f70656469612e",
      Array(wikipedia.utf8)
    ),
    (
      "ac020061fe0100fe0100fe0100fe0100aa0100",
      Array(repeating: 0x61, count: 300)
    ),
    (
      "8004f40501" + (0..<256).map { byteHex(UInt8($0)) }.joined()
        + "000102030405fe0001fe0001fe0001e60001",
      (0..<512).map { UInt8($0 % 256) }
    ),
    ("0c0c616263641104", Array("abcdabcdabcd".utf8)),
    ("080c616263640f04000000", Array("abcdabcd".utf8)),
    ("03fc0200000078797a", Array("xyz".utf8)),
  ]

  static func byteHex(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
  }

  @Test("Known blocks decompress to their bytes")
  func known() throws {
    for (compressed, plain) in Self.vectors {
      let input = Self.bytes(compressed)
      #expect(try SnappyDecompressor.decompress(input[...]) == plain)
      #expect(
        try SnappyDecompressor.decompress(
          input[...], expectedLength: plain.count) == plain)
    }
  }

  @Test(
    "Damaged blocks are refused",
    arguments: [
      ("0510" + "6162", "a literal is cut"),
      ("040e0100", "a copy reaches before the start"),
      ("020061", "it holds 1 of 2 bytes"),
      ("01046162", "it is longer than its preamble says"),
      ("ffffffff0f", "4294967295 bytes cannot come from 5"),
      ("", "it ends early"),
      ("ffffffffffff", "the length is too long"),
    ])
  func damaged(_ hex: String, _ reason: String) {
    #expect(throws: ParquetProblem.self) {
      _ = try SnappyDecompressor.decompress(Self.bytes(hex)[...])
    }
    do {
      _ = try SnappyDecompressor.decompress(Self.bytes(hex)[...])
    } catch {
      #expect(error.reason == "invalid Snappy data: " + reason)
    }
  }

  @Test("A length other than the page's is refused")
  func wrongLength() {
    #expect(throws: ParquetProblem.self) {
      _ = try SnappyDecompressor.decompress(
        Self.bytes("010061")[...], expectedLength: 2)
    }
  }
}
