/// The time zones of the simulated staff, with their daylight-saving rules
/// (as in the IANA database for 2007 onwards in the US and 1996 onwards in
/// the EU), so that a person's 09:00 moves in UTC when clocks change.
enum TimeZoneRule: CaseIterable, Sendable {
  case newYork
  case losAngeles
  case berlin
  case london
  case kolkata

  /// The IANA name.
  var identifier: String {
    switch self {
    case .newYork: return "America/New_York"
    case .losAngeles: return "America/Los_Angeles"
    case .berlin: return "Europe/Berlin"
    case .london: return "Europe/London"
    case .kolkata: return "Asia/Kolkata"
    }
  }

  /// Seconds to add to UTC to get local time at an instant.
  func offset(atUTCSeconds t: Int64) -> Int64 {
    let year = CivilDate(days: floorDiv(t, 86_400)).year
    switch self {
    case .newYork, .losAngeles:
      let standard: Int64 = self == .newYork ? -5 * 3600 : -8 * 3600
      // Second Sunday of March to first Sunday of November, 02:00 local.
      let start =
        CivilDate.nthSunday(year: year, month: 3, n: 2) * 86_400
        + 7200 - standard
      let end =
        CivilDate.nthSunday(year: year, month: 11, n: 1) * 86_400
        + 7200 - (standard + 3600)
      return t >= start && t < end ? standard + 3600 : standard
    case .berlin, .london:
      let standard: Int64 = self == .berlin ? 3600 : 0
      // Last Sunday of March to last Sunday of October, 01:00 UTC.
      let start = CivilDate.lastSunday(year: year, month: 3) * 86_400 + 3600
      let end = CivilDate.lastSunday(year: year, month: 10) * 86_400 + 3600
      return t >= start && t < end ? standard + 3600 : standard
    case .kolkata:
      return 5 * 3600 + 1800
    }
  }
}

/// A proleptic Gregorian date, for path names and calendar rules.
struct CivilDate: Hashable, Sendable {
  var year: Int
  var month: Int
  var day: Int

  init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// The date of a day count from 1970-01-01.
  init(days: Int64) {
    let z = Int(days) + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    day = doy - (153 * mp + 2) / 5 + 1
    month = mp < 10 ? mp + 3 : mp - 9
    year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  }

  /// Days from 1970-01-01.
  var days: Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return Int64(era * 146_097 + doe - 719_468)
  }

  /// Day of the week, 0 = Monday ... 6 = Sunday.
  static func weekday(days: Int64) -> Int {
    Int(((days % 7) + 7 + 3) % 7)
  }

  static func nthSunday(year: Int, month: Int, n: Int) -> Int64 {
    let first = CivilDate(year: year, month: month, day: 1).days
    let toSunday = Int64((6 - weekday(days: first) + 7) % 7)
    return first + toSunday + Int64(7 * (n - 1))
  }

  static func lastSunday(year: Int, month: Int) -> Int64 {
    let next =
      month == 12
      ? CivilDate(year: year + 1, month: 1, day: 1).days
      : CivilDate(year: year, month: month + 1, day: 1).days
    let last = next - 1
    return last - Int64((weekday(days: last) + 1) % 7)
  }

  static let monthNames = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
    "Nov", "Dec",
  ]
  static let weekdayNames = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday",
  ]
}

/// Integer division rounding toward negative infinity.
func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
  let q = a / b
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
