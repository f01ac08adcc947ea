/// Parses the time of an S3 server access log record.
///
/// The format is strftime `%d/%b/%Y:%H:%M:%S %z`, for example
/// `06/Feb/2019:00:00:38 +0000`, written inside brackets that the tokenizer
/// has already removed. The month is an English abbreviation (any letter
/// case is accepted); the offset is applied, so the result is UTC. Fields
/// are range-checked as in ``Timestamp/parseISO8601(_:)-(C)``.
enum S3AccessLogTime {
  /// Parses the bracketed time's contents.
  ///
  /// - Parameter bytes: `dd/Mon/yyyy:hh:mm:ss ±hhmm`, exactly.
  /// - Returns: The instant, or `nil` when the text is not such a time.
  /// - Complexity: O(1).
  static func parse(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
    guard bytes.count == 26 else { return nil }
    func number(_ at: Int, _ length: Int) -> Int? {
      var v = 0
      for p in at..<(at + length) {
        let d = Int(bytes[p]) &- 0x30
        guard d >= 0 && d <= 9 else { return nil }
        v = v * 10 + d
      }
      return v
    }
    guard bytes[2] == 0x2F, bytes[6] == 0x2F, bytes[11] == 0x3A,
      bytes[14] == 0x3A, bytes[17] == 0x3A, bytes[20] == 0x20,
      bytes[21] == 0x2B || bytes[21] == 0x2D,
      let day = number(0, 2), let month = month(bytes[3], bytes[4], bytes[5]),
      let year = number(7, 4), let hour = number(12, 2),
      let minute = number(15, 2), let second = number(18, 2),
      let offsetHours = number(22, 2), let offsetMinutes = number(24, 2)
    else { return nil }
    guard (1678...2261).contains(year), day >= 1,
      day <= daysInMonth(year: year, month: month), hour <= 23,
      minute <= 59, second <= 60, offsetHours <= 23, offsetMinutes <= 59
    else { return nil }
    let sign = bytes[21] == 0x2B ? 1 : -1
    let offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
    let days = daysFromCivil(year: year, month: month, day: day)
    let seconds =
      Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
      - Int64(offset)
    return Timestamp(nanosecondsSinceEpoch: seconds * nanosPerSecond)
  }

  /// The month number of a three-letter English abbreviation.
  private static func month(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int? {
    let key = UInt32(a | 0x20) << 16 | UInt32(b | 0x20) << 8 | UInt32(c | 0x20)
    switch key {
    case 0x6A_616E: return 1  // jan
    case 0x66_6562: return 2  // feb
    case 0x6D_6172: return 3  // mar
    case 0x61_7072: return 4  // apr
    case 0x6D_6179: return 5  // may
    case 0x6A_756E: return 6  // jun
    case 0x6A_756C: return 7  // jul
    case 0x61_7567: return 8  // aug
    case 0x73_6570: return 9  // sep
    case 0x6F_6374: return 10  // oct
    case 0x6E_6F76: return 11  // nov
    case 0x64_6563: return 12  // dec
    default: return nil
    }
  }
}
