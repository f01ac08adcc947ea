import AccessLogs

extension FeatureTable {
  /// The table as the bytes of a file in a format.
  ///
  /// Rows are sorted by principal, then hour; map keys and list values
  /// are sorted, so equal tables give equal bytes. An empty table is a
  /// CSV header alone, no lines in JSON Lines, or a Parquet file with its
  /// schema and no row groups.
  ///
  /// Parquet is written flat and uncompressed: integers INT64, booleans
  /// BOOLEAN, text and JSON text BYTE_ARRAY with the STRING logical
  /// type, every column REQUIRED, PLAIN encoding in v1 data pages, one
  /// row group per 65,536 rows, `created_by` `storagewatch`.
  ///
  /// - Parameter format: CSV, JSON Lines or Parquet.
  /// - Returns: UTF-8 text with lines ending in `\n`, or Parquet bytes.
  /// - Complexity: O(*r* · *k* log *k*) for *r* rows of *k* map entries.
  public func encoded(as format: FeatureTableFormat) -> [UInt8] {
    if format == .parquet { return parquetFile() }
    var out: [UInt8] = []
    if format == .csv {
      for (i, name) in FeatureTable.columns.enumerated() {
        if i > 0 { out.append(0x2C) }
        out.append(contentsOf: name.utf8)
      }
      out.append(0x0A)
    }
    for name in activity.keys.sorted() {
      let principal = activity[name]!
      let accounts = FeatureTable.jsonArray(principal.accounts.sorted())
      for hour in principal.hours {
        let cells = FeatureTable.cells(principal, hour, accounts: accounts)
        if format == .csv {
          FeatureTable.appendCSV(cells, to: &out)
        } else {
          FeatureTable.appendJSON(cells, to: &out)
        }
      }
    }
    return out
  }

  /// One value of a row.
  enum Cell {
    case text(String)
    case integer(Int64)
    case boolean(Bool)
    case json(String)
  }

  static func cells(
    _ p: PrincipalActivity, _ h: HourStats, accounts: String
  ) -> [Cell] {
    var cells: [Cell] = [
      .text(p.principal), .text(p.kind.rawValue), .text(p.provider.rawValue),
      .text(hourText(h.hour)), .integer(Int64(h.events)),
    ]
    for action in ActionCategory.allCases {
      cells.append(.integer(Int64(h.count(action))))
    }
    cells += [
      .integer(Int64(h.denied)), .integer(Int64(h.errors)),
      .integer(h.bytesOut), .integer(h.bytesIn), .boolean(h.hasByteCounts),
      .integer(Int64(h.distinctObjects)),
      .integer(Int64(h.distinctObjectsRead)),
      .integer(h.firstTime.nanosecondsSinceEpoch),
      .integer(h.lastTime.nanosecondsSinceEpoch),
      .json(accounts), .json(jsonObject(h.buckets)),
      .json(
        jsonObject(
          Dictionary(
            uniqueKeysWithValues: h.sources.map {
              (sourceText($0.key), $0.value)
            }
          ))),
      .json(jsonObject(h.userAgents)), .json(jsonObject(h.operations)),
      .json(jsonArray(h.sampleObjects.sorted())),
      .json(jsonArray(h.sampleEventIDs.sorted())),
    ]
    return cells
  }

  /// `YYYY-MM-DDTHH:00:00Z` for an hour since the epoch.
  static func hourText(_ hour: Int) -> String {
    Timestamp(secondsSinceEpoch: Int64(hour) * 3600).iso8601
  }

  /// A source as `kind:value`.
  static func sourceText(_ key: SourceKey) -> String {
    key.kind.rawValue + ":" + key.value
  }

  static func jsonArray(_ values: [String]) -> String {
    var out: [UInt8] = [0x5B]
    for (i, value) in values.enumerated() {
      if i > 0 { out.append(0x2C) }
      JSONObjectWriter.appendString(value, to: &out)
    }
    out.append(0x5D)
    return String(decoding: out, as: UTF8.self)
  }

  static func jsonObject(_ values: [String: Int]) -> String {
    var out: [UInt8] = [0x7B]
    for (i, key) in values.keys.sorted().enumerated() {
      if i > 0 { out.append(0x2C) }
      JSONObjectWriter.appendString(key, to: &out)
      out.append(0x3A)
      out.append(contentsOf: String(values[key]!).utf8)
    }
    out.append(0x7D)
    return String(decoding: out, as: UTF8.self)
  }

  private static func appendCSV(_ cells: [Cell], to out: inout [UInt8]) {
    for (i, cell) in cells.enumerated() {
      if i > 0 { out.append(0x2C) }
      switch cell {
      case .integer(let value): out.append(contentsOf: String(value).utf8)
      case .boolean(let value):
        out.append(contentsOf: (value ? "true" : "false").utf8)
      case .text(let text), .json(let text): appendCSVField(text, to: &out)
      }
    }
    out.append(0x0A)
  }

  /// A field, quoted when it holds a comma, quote, CR or LF, or is empty
  /// (so that an empty text differs from a missing value).
  private static func appendCSVField(_ text: String, to out: inout [UInt8]) {
    let needsQuotes =
      text.isEmpty
      || text.utf8.contains {
        $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D
      }
    guard needsQuotes else {
      out.append(contentsOf: text.utf8)
      return
    }
    out.append(0x22)
    for byte in text.utf8 {
      if byte == 0x22 { out.append(0x22) }
      out.append(byte)
    }
    out.append(0x22)
  }

  private static func appendJSON(_ cells: [Cell], to out: inout [UInt8]) {
    out.append(0x7B)
    for (i, cell) in cells.enumerated() {
      if i > 0 { out.append(0x2C) }
      JSONObjectWriter.appendString(columns[i], to: &out)
      out.append(0x3A)
      switch cell {
      case .integer(let value): out.append(contentsOf: String(value).utf8)
      case .boolean(let value):
        out.append(contentsOf: (value ? "true" : "false").utf8)
      case .text(let text): JSONObjectWriter.appendString(text, to: &out)
      case .json(let text): out.append(contentsOf: text.utf8)
      }
    }
    out.append(contentsOf: [0x7D, 0x0A])
  }
}
