import Testing

@testable import AccessLogs

/// The JSON parser's limits and repairs on hostile text.
@Suite("JSON parser: limits and repairs")
struct JSONDocumentLimitsTests {
  static func parse(
    _ text: [UInt8], depth: Int = 256, nodes: Int = 16 << 20
  ) -> (JSONDocument, JSONSyntaxError?) {
    let document = JSONDocument(maximumDepth: depth, maximumNodes: nodes)
    let error = text.withUnsafeBytes { bytes -> JSONSyntaxError? in
      do throws(JSONSyntaxError) {
        try document.parse(bytes)
        return nil
      } catch {
        return error
      }
    }
    return (document, error)
  }

  @Test(
    "Nesting and value counts past the limits are refused with the offset",
    arguments: [
      ("[[[1]]]", 2, 100, JSONSyntaxError.Reason.tooDeep, 2),
      ("[[1]]", 2, 100, nil, 0),
      ("[0,0,0,0,0]", 8, 5, .tooManyValues, 9),
      ("[0,0,0,0]", 8, 5, nil, 0),
      ("{\"a\":{\"b\":[true]}}", 8, 3, .tooManyValues, 10),
    ] as [(String, Int, Int, JSONSyntaxError.Reason?, Int)])
  func limits(
    text: String, depth: Int, nodes: Int, reason: JSONSyntaxError.Reason?,
    offset: Int
  ) {
    let (_, error) = Self.parse(Array(text.utf8), depth: depth, nodes: nodes)
    #expect(error?.reason == reason)
    if reason != nil { #expect(error?.offset == offset) }
  }

  @Test("A million values past the default depth are refused in one pass")
  func deepArray() {
    let text =
      [UInt8](repeating: 0x5B, count: 1_000_000)
      + [UInt8](repeating: 0x5D, count: 1_000_000)
    let (_, error) = Self.parse(text)
    #expect(error?.reason == .tooDeep)
    #expect(error?.offset == 256)
  }

  @Test(
    "Strings decode whatever their bytes",
    arguments: [
      (Array("\"\\ud800\"".utf8), "\u{FFFD}"),
      (Array("\"\\udc00\\ud800\"".utf8), "\u{FFFD}\u{FFFD}"),
      (Array("\"\\ud83d\\ude00\"".utf8), "\u{1F600}"),
      (Array("\"\\u00zz\"".utf8), "\u{FFFD}00zz"),
      ([0x22, 0xFF, 0xC3, 0x22], "\u{FFFD}\u{FFFD}"),
      ([0x22, 0x00, 0x01, 0x22], "\u{0}\u{1}"),
      (Array("\"\\u0000\"".utf8), "\u{0}"),
    ])
  func strings(text: [UInt8], expected: String) {
    text.withUnsafeBytes { bytes in
      let document = JSONDocument()
      #expect(throws: Never.self) { try document.parse(bytes) }
      #expect(document.string(0) == expected)
    }
  }

  @Test(
    "Numbers out of range read as absent, never trap",
    arguments: [
      ("9223372036854775807", Int64.max), ("-9223372036854775808", nil),
      ("9223372036854775808", nil), ("1e400", nil), ("12.0", 12),
      ("12.5", nil), ("-0", 0), ("1e18", 1_000_000_000_000_000_000),
      ("1e19", nil),
    ] as [(String, Int64?)])
  func numbers(text: String, expected: Int64?) {
    Array(text.utf8).withUnsafeBytes { bytes in
      let document = JSONDocument()
      #expect(throws: Never.self) { try document.parse(bytes) }
      #expect(document.int64(0) == expected)
    }
  }
}
