/// Splits RFC 4180 CSV bytes into records of fields.
///
/// Fields are separated by commas; a field starting with `"` runs to the
/// next lone `"`, with `""` standing for a quote and commas, CR and LF
/// taken as they are. Records end at LF or CRLF. Bytes are decoded as
/// UTF-8, invalid sequences replaced by U+FFFD.
struct CSVRecords {
  /// One record and the line it starts on.
  struct Record {
    var fields: [String]
    var line: Int
  }

  let bytes: [UInt8]
  let path: String
  private var position = 0
  private var line = 1

  init(bytes: [UInt8], path: String) {
    self.bytes = bytes
    self.path = path
  }

  /// The next record, or `nil` at the end.
  ///
  /// - Throws: ``FeatureTableError`` for a quoted field without its
  ///   closing quote, or text between a closing quote and the next comma.
  mutating func next() throws(FeatureTableError) -> Record? {
    guard position < bytes.count else { return nil }
    let startLine = line
    var fields: [String] = []
    var field: [UInt8] = []
    while true {
      if position < bytes.count && bytes[position] == 0x22 {
        position += 1
        while true {
          guard position < bytes.count else {
            throw FeatureTableError(
              path: path, line: startLine,
              reason: "a quoted field has no closing quote")
          }
          let byte = bytes[position]
          position += 1
          if byte == 0x22 {
            if position < bytes.count && bytes[position] == 0x22 {
              field.append(0x22)
              position += 1
              continue
            }
            break
          }
          if byte == 0x0A { line += 1 }
          field.append(byte)
        }
        let next = position < bytes.count ? bytes[position] : 0x0A
        guard next == 0x2C || next == 0x0A || next == 0x0D else {
          throw FeatureTableError(
            path: path, line: line,
            reason: "text after the closing quote of a field")
        }
      } else {
        while position < bytes.count, bytes[position] != 0x2C,
          bytes[position] != 0x0A
        {
          field.append(bytes[position])
          position += 1
        }
        if field.last == 0x0D
          && (position >= bytes.count || bytes[position] == 0x0A)
        {
          field.removeLast()
        }
      }
      fields.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
      if position < bytes.count && bytes[position] == 0x0D {
        position += 1
      }
      if position >= bytes.count {
        return Record(fields: fields, line: startLine)
      }
      let separator = bytes[position]
      position += 1
      if separator == 0x0A {
        line += 1
        return Record(fields: fields, line: startLine)
      }
    }
  }
}
