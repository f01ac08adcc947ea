import AccessLogs
import Foundation
import Testing

@testable import StorageWatch

@Suite("Features table: written, read back, refused when damaged")
struct FeatureTableTests {
  /// Activity with text that CSV and JSON must carry: commas, quotes,
  /// line breaks, non-ASCII, and every kind of source.
  static func activity() -> [String: PrincipalActivity] {
    var stream = StreamBuilder()
    stream.officeWorker("arn:aws:iam::111122223333:user/alice", days: 9)
    stream.add(
      "arn:aws:iam::111122223333:user/alice", day: 9, hour: 3, count: 40,
      bucket: "finance,\"archive\"", address: "2001:db8:0:0:0:0:0:7",
      agent: "curl/8.5.0\n=cmd|' /C calc'!A0 \u{1F600}", keyPrefix: "ключ")
    stream.add(
      "role \"etl\"", day: 2, hour: 23, count: 3, action: .delete,
      address: "10.1.2.3", outcome: .denied, kind: .role)
    stream.add(
      "svc", day: 4, hour: 0, count: 2, operation: "ListObjects",
      action: .list, address: "s3.amazonaws.com", kind: .service)
    var accumulator = ActivityAccumulator()
    for event in stream.events { accumulator.add(event) }
    return accumulator.finish()
  }

  @Test(
    "CSV, JSON Lines and Parquet read back to the activity written",
    arguments: FeatureTableFormat.allCases)
  func roundTrip(_ format: FeatureTableFormat) throws {
    let activity = Self.activity()
    let table = FeatureTable(activity: activity)
    let bytes = table.encoded(as: format)
    let read = try FeatureTable.decode(bytes, format: format, path: "t")
    #expect(read.activity == activity)
    #expect(read.encoded(as: format) == bytes)
    #expect(read.rowCount == table.rowCount)
    #expect(read.eventCount == table.eventCount)
  }

  @Test("CRLF line ends, reordered and extra columns read the same")
  func csvVariants() throws {
    let table = FeatureTable(activity: Self.activity())
    let text = String(decoding: table.encoded(as: .csv), as: UTF8.self)
    let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
    let a = try FeatureTable.decode(Array(crlf.utf8), format: .csv, path: "t")
    #expect(a == table)

    // Columns moved and one added, as another engine might write them.
    var lines = try FeatureTableTests.csvLines(text)
    lines = lines.map { ["extra"] + $0.reversed() }
    let moved = lines.map {
      $0.map(FeatureTableTests.quoted).joined(separator: ",")
    }
    .joined(separator: "\n")
    let b = try FeatureTable.decode(Array(moved.utf8), format: .csv, path: "t")
    #expect(b == table)
  }

  static func csvLines(_ text: String) throws -> [[String]] {
    var records = CSVRecords(bytes: Array(text.utf8), path: "t")
    var result: [[String]] = []
    while let record = try records.next() { result.append(record.fields) }
    return result
  }

  static func quoted(_ field: String) -> String {
    "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  struct Damage: CustomTestStringConvertible, Sendable {
    var name: String
    var column: String
    var value: String
    var line: Int
    var expectedColumn: String?
    var reason: String
    var testDescription: String { name }
  }

  static let damages: [Damage] = [
    Damage(
      name: "count not a number", column: "events", value: "12x", line: 3,
      expectedColumn: "events", reason: "'12x' is not a 64-bit integer"),
    Damage(
      name: "negative count", column: "denied", value: "-1", line: 2,
      expectedColumn: "denied", reason: "negative count -1"),
    Damage(
      name: "hour not whole", column: "hour", value: "2026-10-05T09:30:00Z",
      line: 2, expectedColumn: "hour",
      reason: "'2026-10-05T09:30:00Z' is not a whole hour in RFC 3339"),
    Damage(
      name: "unknown kind", column: "principal_kind", value: "robot", line: 4,
      expectedColumn: "principal_kind", reason: "unknown principal kind 'robot'"
    ),
    Damage(
      name: "invalid JSON map", column: "buckets", value: "{\"a\":", line: 2,
      expectedColumn: "buckets", reason: "invalid JSON"),
    Damage(
      name: "source without kind", column: "sources", value: "{\"1.2.3.4\":1}",
      line: 2, expectedColumn: "sources",
      reason: "'1.2.3.4' is not kind:value"),
  ]

  @Test(
    "A bad value is refused with its line, column and why", arguments: damages)
  func damaged(_ damage: Damage) throws {
    let table = FeatureTable(activity: Self.activity())
    var lines = try Self.csvLines(
      String(decoding: table.encoded(as: .csv), as: UTF8.self))
    let column = try #require(lines[0].firstIndex(of: damage.column))
    lines[damage.line - 1][column] = damage.value
    let text = lines.map { $0.map(Self.quoted).joined(separator: ",") }
      .joined(separator: "\n")
    #expect(
      throws: FeatureTableError(
        path: "t.csv", line: damage.line, column: damage.expectedColumn,
        reason: damage.reason)
    ) {
      _ = try FeatureTable.decode(Array(text.utf8), format: .csv, path: "t.csv")
    }
  }

  @Test("Two rows for one principal and hour, or a cut quote, are refused")
  func structuralDamage() throws {
    let table = FeatureTable(activity: Self.activity())
    var text = String(decoding: table.encoded(as: .csv), as: UTF8.self)
    let second = text.split(separator: "\n")[1]
    text += second + "\n"
    let rows = table.rowCount
    #expect(throws: FeatureTableError.self) {
      _ = try FeatureTable.decode(Array(text.utf8), format: .csv, path: "t")
    }
    do {
      _ = try FeatureTable.decode(Array(text.utf8), format: .csv, path: "t")
    } catch {
      #expect(error.line == rows + 2 && error.column == nil)
      #expect(error.reason.hasPrefix("a second row for"))
    }
    let cut = "principal,hour\n\"alice,2026-10-05T00:00:00Z\n"
    #expect(
      throws: FeatureTableError(
        path: "t", line: 2, reason: "a quoted field has no closing quote")
    ) {
      _ = try FeatureTable.decode(Array(cut.utf8), format: .csv, path: "t")
    }
    let firstRow = String(
      decoding: table.encoded(as: .jsonl).split(separator: 0x0A)[0],
      as: UTF8.self)
    let notJSON = firstRow + "\n[1,2]\n"
    #expect(
      throws: FeatureTableError(path: "t", line: 2, reason: "not a JSON object")
    ) {
      _ = try FeatureTable.decode(
        Array(notJSON.utf8), format: .jsonl, path: "t")
    }
  }

  @Test("An empty text file is an empty table; an empty Parquet file is not")
  func empty() throws {
    for format in [FeatureTableFormat.csv, .jsonl] {
      let table = try FeatureTable.decode([], format: format, path: "t")
      #expect(table.activity.isEmpty && table.latestTime == nil)
    }
    #expect(
      throws: FeatureTableError(
        path: "t", line: 0, reason: "not a Parquet file (no PAR1 magic)")
    ) {
      _ = try FeatureTable.decode([], format: .parquet, path: "t")
    }
  }

  @Test("Detecting on the table gives the findings of detecting on the events")
  func sameFindings() throws {
    var stream = StreamBuilder()
    stream.officeWorker("alice", days: 14)
    stream.add("alice", day: 14, hour: 2, count: 900, address: "203.0.113.9")
    var accumulator = ActivityAccumulator()
    for event in stream.events { accumulator.add(event) }
    let table = try FeatureTable.decode(
      FeatureTable(activity: accumulator.finish()).encoded(as: .csv),
      format: .csv, path: "t")
    let start = ActivityAccumulator.hour(of: StreamBuilder.start)
    let fromTable = Detector(settings: DetectionSettings()).detect(
      table.activity, window: (start + 14 * 24)..<(start + 15 * 24),
      dataStart: start)
    let fromEvents = stream.detect(windowDay: 14)
    #expect(!fromEvents.isEmpty)
    #expect(fromTable == fromEvents)
  }

  @Test("Restricting to hours recomputes when things were first seen")
  func restricted() throws {
    let activity = Self.activity()
    let alice = try #require(activity["arn:aws:iam::111122223333:user/alice"])
    let cut = alice.hours[alice.hours.count / 2].hour
    let table = FeatureTable(activity: activity).restricted(to: cut..<Int.max)
    let kept = try #require(table.activity[alice.principal])
    #expect(kept.hours.allSatisfy { $0.hour >= cut })
    #expect(kept.operationFirstHour["GetObject"] == kept.hours.first?.hour)
    #expect(table.activity["role \"etl\""] == nil)
  }
}
