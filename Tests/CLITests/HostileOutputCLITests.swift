import Foundation
import Testing

/// Reports of logs whose principal, bucket, keys and user agent are
/// hostile bytes: markup, script, ANSI escapes, spreadsheet formulas,
/// invalid UTF-8, NUL and lone surrogates. Every format must stay inert
/// and, for JSON and OCSF, valid.
@Suite(
  "storagewatch reports of hostile log data, end to end",
  .enabled(if: CLIRunner.isBuilt, "storagewatch executable not built"))
struct HostileOutputCLITests {
  /// Raw bytes put in place of `alice`, `finance-data` and `reports/`
  /// (JSON text: `\\u` escapes stay escapes, `0xFF` is a raw byte).
  static let principal =
    Array(
      "<script>alert(1)</script>\\u001b[2J\\u0000\\ud800x".utf8) + [0xFF]
  static let bucket = Array("=cmd|' /C calc'!A0\\\" onclick=\\\"x".utf8)
  static let key = Array(
    "<svg onload=alert(1)>javascript:x\\u001b]0;t\\u0007".utf8)

  /// The detect history with every occurrence of `needle` replaced.
  static func hostileHistory() throws -> DetectHistory {
    let history = try DetectHistory()
    let path = history.path + "/trail.jsonl"
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    for (needle, replacement) in [
      ("alice", principal), ("finance-data", bucket), ("reports\\/", key),
      ("reports/", key),
    ] {
      bytes = replace(Array(needle.utf8), with: replacement, in: bytes)
    }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return history
  }

  static func replace(
    _ needle: [UInt8], with replacement: [UInt8], in bytes: [UInt8]
  ) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      if i + needle.count <= bytes.count,
        bytes[i..<(i + needle.count)].elementsEqual(needle)
      {
        out += replacement
        i += needle.count
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return out
  }

  /// `detect --format FORMAT` on a fresh hostile history.
  static func render(_ format: String) throws -> String {
    let history = try hostileHistory()
    defer { history.remove() }
    let result = try CLIRunner.run([
      "detect", history.path, "--format", format,
    ])
    #expect(result.status == 0, "\(format): \(result.stderr)")
    return result.stdout
  }

  @Test("HTML: no script, handler or javascript: URL from the data")
  func html() throws {
    let html = try Self.render("html")
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(
      html.contains("&lt;svg onload=alert(1)&gt;")
        || !html.contains("svg onload"))
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.contains("\u{1B}") && !html.contains("\u{0}"))
    let tags = html.split(separator: "<").dropFirst().map {
      String($0.prefix { $0 != ">" }).lowercased()
    }
    for tag in tags {
      #expect(!tag.contains(" on"), "event handler in <\(tag)>")
      #expect(!tag.contains("javascript:"), "javascript: URL in <\(tag)>")
      #expect(tag.count(where: { $0 == "\"" }) % 2 == 0, "<\(tag)>")
    }
    #expect(
      html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
  }

  @Test(
    "JSON and OCSF parse for any bytes in the logs",
    arguments: ["json", "ocsf", "jsonl"])
  func json(format: String) throws {
    let text = try Self.render(format)
    let documents =
      format == "json"
      ? [Substring(text)] : text.split(separator: "\n")
    #expect(!documents.isEmpty)
    for document in documents {
      let object = try JSONSerialization.jsonObject(with: Data(document.utf8))
      #expect(object is [String: Any])
    }
    #expect(text.contains("\\u0000"))
    #expect(text.contains("\u{FFFD}"))
    #expect(
      !text.unicodeScalars.contains {
        $0.value < 0x20 && $0 != "\n" && $0 != " "
      })
  }

  @Test("CSV: no cell starts a formula")
  func csv() throws {
    let text = try Self.render("csv")
    #expect(text.contains("\"'=cmd|' /C calc'!A0\"\" onclick=\"\"x\""))
    var inQuotes = false
    var cellStart = true
    for scalar in text.unicodeScalars {
      if cellStart && inQuotes {
        #expect(!"=+-@\t\r".unicodeScalars.contains(scalar))
        cellStart = false
      }
      if scalar == "\"" {
        inQuotes.toggle()
        continue
      }
      if !inQuotes && (scalar == "," || scalar == "\n") {
        cellStart = true
      } else if !inQuotes {
        cellStart = false
      }
    }
  }

  @Test("Table: escapes shown as text, never sent to the terminal")
  func table() throws {
    let text = try Self.render("table")
    #expect(text.contains("\\u{1B}[2J"))
    #expect(
      !text.unicodeScalars.contains {
        ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
      })
  }
}
