import AccessLogs
import AnomalyModels
import Foundation

/// What a principal's history says is normal, learned from the hours
/// before the detection window.
struct PrincipalHistory {
  /// Metrics with a seasonal count baseline.
  enum Metric: CaseIterable {
    case events, reads, enumerations, denied, deletes

    func value(_ s: HourStats) -> Double {
      switch self {
      case .events: return Double(s.events)
      case .reads: return Double(s.reads)
      case .enumerations: return Double(s.enumerations)
      case .denied: return Double(s.denied)
      case .deletes: return Double(s.deletes)
      }
    }
  }

  let activity: PrincipalActivity
  let historyStart: Int
  let windowStart: Int
  var baselines: [Metric: SeasonalBaseline] = [:]
  /// Distinct UTC days with activity in the history.
  var activeDays = 0
  /// Days of history observed (exposure).
  var observedDays = 0
  /// For each local hour of day, the days active in it.
  var activeDaysByLocalHour = [Int](repeating: 0, count: 24)
  /// Days with any activity outside business hours.
  var offHoursDays = 0
  /// Days on which a public address was first used (after the first
  /// active day).
  var newAddressDays = 0
  /// History hours, oldest first.
  let hours: ArraySlice<HourStats>
  /// Hours added to the configured zone's local time to get the
  /// principal's working time.
  var inferredOffset = 0

  /// The shift, in whole hours from -11 to +12, that puts the most of a
  /// principal's active days inside business hours, when it beats no
  /// shift by half again; otherwise 0. People who work in another zone
  /// than the configured one are then judged by their own day.
  static func inferOffset(
    _ hours: ArraySlice<HourStats>, zone: TimeZone,
    settings: DetectionSettings
  ) -> Int {
    var dayHours = Set<Int>()
    var perHour = [Int](repeating: 0, count: 24)
    for s in hours where dayHours.insert(s.hour).inserted {
      perHour[LocalTime(hour: s.hour, zone: zone).hourOfDay] += 1
    }
    func inside(_ offset: Int) -> Int {
      var total = 0
      for h in 0..<24 {
        let shifted = ((h + offset) % 24 + 24) % 24
        if shifted >= settings.businessStart && shifted < settings.businessEnd {
          total += perHour[h]
        }
      }
      return total
    }
    let none = inside(0)
    var best = 0
    var bestScore = none
    for offset in -11...12 where offset != 0 {
      let score = inside(offset)
      if score > bestScore || (score == bestScore && abs(offset) < abs(best)) {
        best = offset
        bestScore = score
      }
    }
    return Double(bestScore) >= 1.5 * Double(max(none, 1)) ? best : 0
  }

  init(
    _ activity: PrincipalActivity, historyStart: Int, windowStart: Int,
    settings: DetectionSettings
  ) {
    self.activity = activity
    self.historyStart = historyStart
    self.windowStart = windowStart
    self.hours = activity.hours(from: historyStart, to: windowStart)
    let zone = settings.timeZone
    let configuration = SeasonalBaseline.Configuration(
      timeZone: zone, halfLife: 1e12, fullLayoutMinimumHours: 672,
      minimumHours: 24, peerStrengthHours: 168)

    // Seasonal baselines over every hour of the history, zeros included.
    // Each hour's count is capped at three times the principal's 90th
    // percentile active hour (at least 10), so that an incident inside
    // the history does not teach the baseline that incidents are normal.
    var caps = [Metric: Double]()
    for metric in Metric.allCases {
      let values = hours.map(metric.value).sorted()
      let q90 = values.isEmpty ? 0 : values[(values.count - 1) * 9 / 10]
      caps[metric] = max(10, 3 * q90)
    }
    var baselines = [Metric: SeasonalBaseline]()
    for metric in Metric.allCases {
      baselines[metric] = SeasonalBaseline(configuration: configuration)
    }
    var index = hours.startIndex
    for hour in historyStart..<windowStart {
      let stats: HourStats?
      if index < hours.endIndex, hours[index].hour == hour {
        stats = hours[index]
        index += 1
      } else {
        stats = nil
      }
      let date = Date(timeIntervalSince1970: Double(hour) * 3600)
      for metric in Metric.allCases {
        baselines[metric]!.observe(
          count: min(stats.map(metric.value) ?? 0, caps[metric]!),
          hourStarting: date)
      }
    }
    self.baselines = baselines

    // Daily habits, in the principal's working time: the configured zone
    // shifted by the whole hours that best fit its activity into business
    // hours (see `inferredOffset`).
    observedDays = max(1, (windowStart - historyStart + 23) / 24)
    inferredOffset =
      settings.inferWorkingHours
      ? PrincipalHistory.inferOffset(hours, zone: zone, settings: settings)
      : 0
    var days = Set<Int>()
    var hourDays = [Set<Int>](repeating: [], count: 24)
    var offDays = Set<Int>()
    for s in hours {
      let day = s.hour.floorDivided(by: 24)
      days.insert(day)
      let local = LocalTime(hour: s.hour + inferredOffset, zone: zone)
      hourDays[local.hourOfDay].insert(day)
      if !local.isBusinessHour(settings) { offDays.insert(day) }
    }
    activeDays = days.count
    activeDaysByLocalHour = hourDays.map(\.count)
    offHoursDays = offDays.count
    if let firstDay = days.min() {
      var newDays = Set<Int>()
      for (source, first) in activity.sourceFirstHour
      where source.kind == .publicAddress && first < windowStart
        && first >= historyStart
      {
        let day = first.floorDivided(by: 24)
        if day > firstDay { newDays.insert(day) }
      }
      newAddressDays = newDays.count
    }
  }

  /// The count tail score of a metric's value in a window hour.
  ///
  /// The expectation is the largest of the baseline's expectations for
  /// the hour and the hours just before and after it, so that a job whose
  /// start time wanders by an hour is not news.
  func tail(_ metric: Metric, _ s: HourStats, peer: SeasonalProfile?)
    -> CountTail.Score?
  {
    guard let baseline = baselines[metric] else { return nil }
    var best: SeasonalBaseline.Estimate?
    for delta in -1...1 {
      let date = Date(timeIntervalSince1970: Double(s.hour + delta) * 3600)
      if case .expected(let e) = baseline.expectation(at: date, peer: peer),
        e.expectedCount > (best?.expectedCount ?? -1)
      {
        best = e
      }
    }
    guard let best else { return nil }
    return CountTail.score(
      observed: metric.value(s), expected: best.expectedCount,
      size: best.negativeBinomialSize)
  }

  /// The circular distance in hours from a local hour of the day to the
  /// nearest hour in which the principal is usually active (active on at
  /// least a tenth of its active days, and on two days or more).
  func hoursFromUsualDay(_ hourOfDay: Int) -> Int {
    let floor = max(2, activeDays / 10)
    var best = 12
    for h in 0..<24 where activeDaysByLocalHour[h] >= floor {
      let d = abs(h - hourOfDay)
      best = min(best, min(d, 24 - d))
    }
    return best
  }
}

/// An hour in the settings' time zone.
struct LocalTime {
  var hourOfDay: Int
  var weekday: Int  // 0 = Monday

  init(hour: Int, zone: TimeZone) {
    let seconds = hour * 3600
    let offset = zone.secondsFromGMT(
      for: Date(timeIntervalSince1970: Double(seconds)))
    let local = seconds + offset
    hourOfDay = (local.floorDivided(by: 3600)) % 24
    if hourOfDay < 0 { hourOfDay += 24 }
    // 1970-01-01 was a Thursday (weekday 3 counting Monday as 0).
    weekday = (local.floorDivided(by: 86_400) + 3) % 7
    if weekday < 0 { weekday += 7 }
  }

  func isBusinessHour(_ settings: DetectionSettings) -> Bool {
    weekday < 5 && hourOfDay >= settings.businessStart
      && hourOfDay < settings.businessEnd
  }
}

extension Int {
  /// Division rounding toward negative infinity.
  func floorDivided(by divisor: Int) -> Int {
    let (q, r) = quotientAndRemainder(dividingBy: divisor)
    return r < 0 ? q - 1 : q
  }
}
