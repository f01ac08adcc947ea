extension Timestamp {
  /// Parses an ISO 8601 / RFC 3339 date and time from UTF-8 bytes.
  ///
  /// Accepts `YYYY-MM-DDThh:mm:ss`, a space instead of `T`, an optional
  /// fraction of 1 to 9 digits (further digits are read and truncated), and
  /// a zone of `Z`, `z`, `+hh:mm`, `-hh:mm`, `+hhmm` or `+hh`. A time with no
  /// zone is taken as UTC. Fields are range-checked (month 1-12, day within
  /// the month, hour 0-23, minute 0-59, second 0-60 with a leap second
  /// folded into the next minute); years 1678 to 2261 are accepted.
  ///
  /// - Parameter bytes: The text, exactly; no surrounding white space.
  /// - Returns: The instant, or `nil` when the text is not such a time
  ///   (for example `2025-10-21TT00:52:27Z`).
  /// - Complexity: O(*n*) in the length of the text.
  public static func parseISO8601<C: Collection<UInt8>>(
    _ bytes: C
  ) -> Timestamp? where C.Index == Int {
    var p = bytes.startIndex
    let end = bytes.endIndex
    func digits(_ count: Int) -> Int? {
      guard end - p >= count else { return nil }
      var v = 0
      for _ in 0..<count {
        let d = Int(bytes[p]) &- 48
        guard d >= 0 && d <= 9 else { return nil }
        v = v * 10 + d
        p += 1
      }
      return v
    }
    func expect(_ c: UInt8) -> Bool {
      guard p < end, bytes[p] == c else { return false }
      p += 1
      return true
    }

    guard let year = digits(4), expect(0x2D), let month = digits(2),
      expect(0x2D), let day = digits(2)
    else { return nil }
    guard p < end, bytes[p] == 0x54 || bytes[p] == 0x20 || bytes[p] == 0x74
    else { return nil }
    p += 1
    guard let hour = digits(2), expect(0x3A), let minute = digits(2),
      expect(0x3A), let second = digits(2)
    else { return nil }

    var nanos: Int64 = 0
    if p < end && (bytes[p] == 0x2E || bytes[p] == 0x2C) {
      p += 1
      var count = 0
      while p < end, bytes[p] >= 0x30, bytes[p] <= 0x39 {
        if count < 9 { nanos = nanos * 10 + Int64(bytes[p] - 0x30) }
        count += 1
        p += 1
      }
      guard count > 0 else { return nil }
      for _ in min(count, 9)..<9 { nanos *= 10 }
    }

    var offsetSeconds = 0
    if p < end {
      let sign = bytes[p]
      p += 1
      if sign == 0x5A || sign == 0x7A {
        // UTC.
      } else if sign == 0x2B || sign == 0x2D {
        guard let oh = digits(2), oh <= 23 else { return nil }
        var om = 0
        if p < end {
          _ = expect(0x3A)
          guard let m = digits(2), m <= 59 else { return nil }
          om = m
        }
        offsetSeconds = (oh * 3600 + om * 60) * (sign == 0x2B ? 1 : -1)
      } else {
        return nil
      }
    }
    guard p == end else { return nil }

    guard (1678...2261).contains(year), (1...12).contains(month),
      day >= 1, day <= daysInMonth(year: year, month: month),
      hour <= 23, minute <= 59, second <= 60
    else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    let seconds =
      Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
      - Int64(offsetSeconds)
    return Timestamp(nanosecondsSinceEpoch: seconds * nanosPerSecond + nanos)
  }

  /// Parses an ISO 8601 / RFC 3339 date and time from a string.
  ///
  /// - Parameter text: The text, as for ``parseISO8601(_:)-(C)``.
  /// - Returns: The instant, or `nil` when the text is not such a time.
  /// - Complexity: O(*n*) in the length of the text.
  public static func parseISO8601(_ text: String) -> Timestamp? {
    parseISO8601(Array(text.utf8))
  }

  /// The instant as RFC 3339 text in UTC, `YYYY-MM-DDThh:mm:ss[.fff]Z`.
  ///
  /// The fraction is written only when non-zero, with trailing zeros
  /// removed, so whole seconds read `2023-07-10T11:45:02Z` and GCS times
  /// keep all nine digits.
  public var iso8601: String {
    let (civil, secondOfDay, nanos) = civilComponents
    var out = ""
    out.reserveCapacity(30)
    func pad(_ v: Int, _ width: Int) {
      let s = String(v)
      if s.count < width {
        out += String(repeating: "0", count: width - s.count)
      }
      out += s
    }
    pad(civil.year, 4)
    out += "-"
    pad(civil.month, 2)
    out += "-"
    pad(civil.day, 2)
    out += "T"
    pad(secondOfDay / 3600, 2)
    out += ":"
    pad(secondOfDay / 60 % 60, 2)
    out += ":"
    pad(secondOfDay % 60, 2)
    if nanos != 0 {
      var digits = String(nanos)
      digits = String(repeating: "0", count: 9 - digits.count) + digits
      while digits.last == "0" { digits.removeLast() }
      out += "." + digits
    }
    out += "Z"
    return out
  }

  /// The UTC calendar date, second of the day and nanosecond of the second.
  var civilComponents:
    (civil: (year: Int, month: Int, day: Int), second: Int, nanos: Int)
  {
    let seconds = secondsSinceEpoch
    let nanos = Int(nanosecondsSinceEpoch - seconds * nanosPerSecond)
    var days = seconds / 86_400
    var secondOfDay = seconds % 86_400
    if secondOfDay < 0 {
      secondOfDay += 86_400
      days -= 1
    }
    return (civilFromDays(Int(days)), Int(secondOfDay), nanos)
  }
}

/// Days from 1970-01-01 to a proleptic Gregorian date.
func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
  let y = month <= 2 ? year - 1 : year
  let era = (y >= 0 ? y : y - 399) / 400
  let yoe = y - era * 400
  let mp = (month + 9) % 12
  let doy = (153 * mp + 2) / 5 + day - 1
  let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
  return era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count from 1970-01-01.
func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
  let z = days + 719_468
  let era = (z >= 0 ? z : z - 146_096) / 146_097
  let doe = z - era * 146_097
  let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
  let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
  let mp = (5 * doy + 2) / 153
  let day = doy - (153 * mp + 2) / 5 + 1
  let month = mp < 10 ? mp + 3 : mp - 9
  return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
}

/// The number of days in a month of the proleptic Gregorian calendar.
func daysInMonth(year: Int, month: Int) -> Int {
  switch month {
  case 2:
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    return leap ? 29 : 28
  case 4, 6, 9, 11: return 30
  default: return 31
  }
}
