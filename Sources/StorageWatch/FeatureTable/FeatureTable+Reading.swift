import AccessLogs
import Foundation

extension FeatureTable {
  /// Reads a table written by ``encoded(as:)``, by StorageWatch's Spark
  /// job or by its SQL (see the Spark-Features article).
  ///
  /// Columns are found by name in any order; extra columns are ignored.
  /// Counts default to 0 and maps to empty when a JSON Lines row leaves
  /// them out; `principal`, `principal_kind`, `provider`, `hour`,
  /// `first_time_ns` and `last_time_ns` are required. In CSV, a map or
  /// list cell is JSON text, and an empty cell is an empty map or list.
  /// `hour` is RFC 3339 time at a whole hour. In Parquet, columns are
  /// flat BOOLEAN, INT32, INT64 or BYTE_ARRAY (text, and JSON text for
  /// maps and lists), REQUIRED or OPTIONAL, PLAIN or dictionary encoded
  /// in v1 or v2 data pages, uncompressed or Snappy; a null is treated as
  /// an empty CSV cell, and errors give the 1-based row as their line.
  /// Two rows for the same
  /// principal and hour are an error, since distinct counts cannot be
  /// added. A principal's kind and provider are those of its earliest
  /// row, and its accounts the union of its rows'.
  ///
  /// - Parameters:
  ///   - bytes: The file's content.
  ///   - format: Its format.
  ///   - path: The file's name, for errors.
  /// - Returns: The table.
  /// - Throws: ``FeatureTableError`` naming the line and column of the
  ///   first bad value: a missing required column, a number that is not
  ///   an integer (or out of range), invalid JSON, an unknown principal
  ///   kind, provider, or source kind, an hour that is not whole, a
  ///   duplicate row, or an unterminated quoted CSV field; for Parquet,
  ///   also a file that is not Parquet, is truncated or inconsistent
  ///   (every offset and length is checked), or uses what is not
  ///   supported (nested or repeated columns, other types, encodings or
  ///   codecs, encryption), naming the column when one is at fault.
  /// - Complexity: O(*n*) in the size of the file, plus sorting each
  ///   principal's rows.
  public static func decode(
    _ bytes: [UInt8], format: FeatureTableFormat, path: String
  ) throws(FeatureTableError) -> FeatureTable {
    var builder = Builder(path: path)
    switch format {
    case .csv:
      var records = CSVRecords(bytes: bytes, path: path)
      guard let header = try records.next() else {
        return FeatureTable(activity: [:])
      }
      let index = Dictionary(
        header.fields.enumerated().map { ($1, $0) },
        uniquingKeysWith: { first, _ in first })
      while let record = try records.next() {
        if record.fields == [""] { continue }
        try builder.add(
          CSVRow(fields: record.fields, index: index, line: record.line))
      }
    case .jsonl:
      var line = 1
      var start = 0
      while start < bytes.count {
        let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
        let text = bytes[start..<end]
        if text.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
          let object: Any
          do {
            object = try JSONSerialization.jsonObject(with: Data(text))
          } catch {
            throw FeatureTableError(
              path: path, line: line, reason: "not a JSON object")
          }
          guard let fields = object as? [String: Any] else {
            throw FeatureTableError(
              path: path, line: line, reason: "not a JSON object")
          }
          try builder.add(JSONRow(fields: fields, line: line))
        }
        start = end + 1
        line += 1
      }
    case .parquet:
      for row in try parquetRows(bytes, path: path) {
        try builder.add(row)
      }
    }
    return builder.finish()
  }

  /// Accumulates rows into activity.
  private struct Builder {
    var path: String
    var activity: [String: PrincipalActivity] = [:]
    var seen = Set<PrincipalHour>()

    struct PrincipalHour: Hashable {
      var principal: String
      var hour: Int
    }

    init(path: String) { self.path = path }

    mutating func add(_ row: some FeatureRow) throws(FeatureTableError) {
      func fail(_ column: String?, _ reason: String) -> FeatureTableError {
        FeatureTableError(
          path: path, line: row.line, column: column, reason: reason)
      }
      func value<T>(
        _ column: String, _ body: (String) throws -> T
      ) throws(FeatureTableError) -> T {
        do {
          return try body(column)
        } catch let reason as RowProblem {
          throw fail(column, reason.text)
        } catch {
          throw fail(column, "\(error)")
        }
      }
      let principal = try value("principal") { try row.text($0) }
      let kindName = try value("principal_kind") { try row.text($0) }
      guard let kind = PrincipalKind(rawValue: kindName) else {
        throw fail("principal_kind", "unknown principal kind '\(kindName)'")
      }
      let providerName = try value("provider") { try row.text($0) }
      guard let provider = Provider(rawValue: providerName) else {
        throw fail("provider", "unknown provider '\(providerName)'")
      }
      let hourText = try value("hour") { try row.text($0) }
      guard let start = Timestamp.parseISO8601(hourText),
        start.nanosecondsSinceEpoch % 3_600_000_000_000 == 0
      else {
        throw fail("hour", "'\(hourText)' is not a whole hour in RFC 3339")
      }
      let hour = ActivityAccumulator.hour(of: start)
      guard
        seen.insert(PrincipalHour(principal: principal, hour: hour)).inserted
      else {
        throw fail(nil, "a second row for \(principal) at \(hourText)")
      }

      let first = try value("first_time_ns") { try row.integer($0) }
      let last = try value("last_time_ns") { try row.integer($0) }
      var stats = HourStats(
        hour: hour, time: Timestamp(nanosecondsSinceEpoch: first))
      stats.lastTime = Timestamp(nanosecondsSinceEpoch: last)
      func count(_ column: String) throws(FeatureTableError) -> Int {
        let n = try value(column) { try row.integer($0, default: 0) }
        guard n >= 0 else { throw fail(column, "negative count \(n)") }
        return Int(n)
      }
      stats.events = try count("events")
      for action in ActionCategory.allCases {
        let n = try count(action.columnName)
        if n > 0 { stats.actions[action] = n }
      }
      stats.denied = try count("denied")
      stats.errors = try count("errors")
      stats.bytesOut = Int64(try count("bytes_out"))
      stats.bytesIn = Int64(try count("bytes_in"))
      stats.hasByteCounts = try value("has_byte_counts") { try row.boolean($0) }
      stats.distinctObjects = try count("distinct_objects")
      stats.distinctObjectsRead = try count("distinct_objects_read")
      stats.buckets = try value("buckets") { try row.counts($0) }
      for (text, n) in try value("sources", { try row.counts($0) }) {
        guard let key = FeatureTable.sourceKey(text) else {
          throw fail("sources", "'\(text)' is not kind:value")
        }
        stats.sources[key] = n
      }
      stats.userAgents = try value("user_agents") { try row.counts($0) }
      stats.operations = try value("operations") { try row.counts($0) }
      stats.sampleObjects =
        try value("sample_objects") { try row.texts($0) }.sorted()
      stats.sampleEventIDs =
        try value("sample_event_ids") { try row.texts($0) }.sorted()
      let accounts = try value("accounts") { try row.texts($0) }

      var p =
        activity[principal]
        ?? PrincipalActivity(
          principal: principal, kind: kind, provider: provider)
      if let earliest = p.hours.first, hour < earliest.hour {
        p.kind = kind
        p.provider = provider
      }
      p.accounts.formUnion(accounts)
      p.hours.append(stats)
      activity[principal] = p
    }

    func finish() -> FeatureTable {
      var result = activity
      for name in result.keys {
        result[name]!.hours.sort { $0.hour < $1.hour }
        result[name]!.deriveFirstSeen()
      }
      return FeatureTable(activity: result)
    }
  }

  /// The source key of `kind:value` text, with the network of a public
  /// address derived again.
  static func sourceKey(_ text: String) -> SourceKey? {
    guard let colon = text.firstIndex(of: ":"),
      let kind = SourceKey.Kind(rawValue: String(text[..<colon]))
    else { return nil }
    let value = String(text[text.index(after: colon)...])
    var network: String?
    if kind == .publicAddress, let address = IPAddress(value) {
      network = SourceKey.network(of: address)
    }
    return SourceKey(kind: kind, value: value, network: network)
  }
}

/// A value that cannot be read, with why.
struct RowProblem: Error {
  var text: String
  init(_ text: String) { self.text = text }
}

/// One row of a table, as CSV text, a JSON object or Parquet columns.
protocol FeatureRow {
  var line: Int { get }
  func text(_ column: String) throws -> String
  func integer(_ column: String, default: Int64?) throws -> Int64
  func boolean(_ column: String) throws -> Bool
  func counts(_ column: String) throws -> [String: Int]
  func texts(_ column: String) throws -> [String]
}

extension FeatureRow {
  func integer(_ column: String) throws -> Int64 {
    try integer(column, default: nil)
  }
}

/// Converts parsed JSON into counts or texts.
enum JSONCell {
  static func counts(_ value: Any?) throws -> [String: Int] {
    guard let value, !(value is NSNull) else { return [:] }
    guard let object = value as? [String: Any] else {
      throw RowProblem("expected a JSON object of counts")
    }
    var result: [String: Int] = [:]
    for (key, n) in object {
      guard let n = integer(n), n >= 0, n <= Int64(Int.max) else {
        throw RowProblem("the count of '\(key)' is not a non-negative integer")
      }
      result[key] = Int(n)
    }
    return result
  }

  static func texts(_ value: Any?) throws -> [String] {
    guard let value, !(value is NSNull) else { return [] }
    guard let array = value as? [Any] else {
      throw RowProblem("expected a JSON array of strings")
    }
    return try array.map {
      guard let text = $0 as? String else {
        throw RowProblem("expected a JSON array of strings")
      }
      return text
    }
  }

  /// An integer from JSON: a whole number that fits in 64 bits.
  static func integer(_ value: Any) -> Int64? {
    guard let number = value as? NSNumber else { return nil }
    return Int64(number.stringValue)
  }

  static func parse(_ text: String) throws -> Any {
    do {
      return try JSONSerialization.jsonObject(
        with: Data(text.utf8), options: .fragmentsAllowed)
    } catch {
      throw RowProblem("invalid JSON")
    }
  }
}

/// A CSV row: every value is text; map and list cells are JSON text.
struct CSVRow: FeatureRow {
  var fields: [String]
  var index: [String: Int]
  var line: Int

  private func cell(_ column: String) -> String? {
    index[column].flatMap { $0 < fields.count ? fields[$0] : nil }
  }

  func text(_ column: String) throws -> String {
    guard let value = cell(column) else { throw RowProblem("missing") }
    return value
  }

  func integer(_ column: String, default fallback: Int64?) throws -> Int64 {
    guard let value = cell(column), !value.isEmpty else {
      if let fallback { return fallback }
      throw RowProblem("missing")
    }
    guard let n = Int64(value) else {
      throw RowProblem("'\(value)' is not a 64-bit integer")
    }
    return n
  }

  func boolean(_ column: String) throws -> Bool {
    switch cell(column)?.lowercased() {
    case nil, "", "false", "0": return false
    case "true", "1": return true
    case let other?: throw RowProblem("'\(other)' is not true or false")
    }
  }

  func counts(_ column: String) throws -> [String: Int] {
    guard let value = cell(column), !value.isEmpty else { return [:] }
    return try JSONCell.counts(JSONCell.parse(value))
  }

  func texts(_ column: String) throws -> [String] {
    guard let value = cell(column), !value.isEmpty else { return [] }
    return try JSONCell.texts(JSONCell.parse(value))
  }
}

/// A JSON Lines row: numbers are numbers, maps objects, lists arrays; a
/// map or list given as JSON text is accepted too.
struct JSONRow: FeatureRow {
  var fields: [String: Any]
  var line: Int

  func text(_ column: String) throws -> String {
    guard let value = fields[column] else { throw RowProblem("missing") }
    guard let text = value as? String else {
      throw RowProblem("expected a string")
    }
    return text
  }

  func integer(_ column: String, default fallback: Int64?) throws -> Int64 {
    guard let value = fields[column], !(value is NSNull) else {
      if let fallback { return fallback }
      throw RowProblem("missing")
    }
    if let text = value as? String, let n = Int64(text) { return n }
    guard let n = JSONCell.integer(value) else {
      throw RowProblem("expected a 64-bit integer")
    }
    return n
  }

  func boolean(_ column: String) throws -> Bool {
    guard let value = fields[column], !(value is NSNull) else { return false }
    if let flag = value as? Bool { return flag }
    throw RowProblem("expected true or false")
  }

  private func structured(_ column: String) throws -> Any? {
    let value = fields[column]
    if let text = value as? String { return try JSONCell.parse(text) }
    return value
  }

  func counts(_ column: String) throws -> [String: Int] {
    try JSONCell.counts(structured(column))
  }

  func texts(_ column: String) throws -> [String] {
    try JSONCell.texts(structured(column))
  }
}
