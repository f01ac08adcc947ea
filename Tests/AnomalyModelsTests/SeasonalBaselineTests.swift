import Foundation
import Testing

@testable import AnomalyModels

@Suite("Seasonal baseline")
struct SeasonalBaselineTests {
  static func zone(_ id: String) -> TimeZone { TimeZone(identifier: id)! }

  static func date(_ iso: String) -> Date {
    try! Date(iso, strategy: .iso8601)
  }

  // Hour of week (Monday 00 = 0; Sunday = 144...167) by local wall-clock
  // time around the 2024 DST changes.
  @Test(arguments: [
    ("America/New_York", "2024-03-10T06:30:00Z", 145),  // 01:30 EST
    ("America/New_York", "2024-03-10T07:30:00Z", 147),  // 03:30 EDT
    ("America/New_York", "2024-11-03T05:30:00Z", 145),  // 01:30 EDT
    ("America/New_York", "2024-11-03T06:30:00Z", 145),  // 01:30 EST again
    ("Europe/Berlin", "2024-03-31T00:30:00Z", 145),  // 01:30 CET
    ("Europe/Berlin", "2024-03-31T01:30:00Z", 147),  // 03:30 CEST
    ("Europe/Berlin", "2024-10-27T00:30:00Z", 146),  // 02:30 CEST
    ("Europe/Berlin", "2024-10-27T01:30:00Z", 146),  // 02:30 CET again
    ("UTC", "2024-01-01T00:00:00Z", 0),  // Monday
    ("Asia/Kolkata", "2024-01-01T00:00:00Z", 5),  // 05:30 Monday
  ])
  func hourOfWeekFollowsWallClock(zone: String, iso: String, expected: Int) {
    let b = SeasonalBaseline(configuration: .init(timeZone: Self.zone(zone)))
    let d = Self.date(iso)
    #expect(b.hourOfWeek(d) == expected)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = Self.zone(zone)
    let parts = calendar.dateComponents([.weekday, .hour], from: d)
    let mondayBased = (parts.weekday! + 5) % 7
    #expect(mondayBased * 24 + parts.hour! == expected)
  }

  // Recording every UTC hour of the fall-back week gives the repeated
  // local hour two hours of exposure and the others one.
  @Test func exposureAcrossFallBack() {
    var b = SeasonalBaseline(
      configuration: .init(
        timeZone: Self.zone("America/New_York"), halfLife: 1e12))
    let start = Self.date("2024-10-28T04:00:00Z")  // Monday 00:00 EDT
    for h in 0..<(7 * 24 + 1) {
      b.observe(count: 1, hourStarting: start + Double(h) * 3600)
    }
    let (_, exposure) = b.decayedSlots()
    // Tolerance 1e-5: a 1e12 s half-life still decays by ~4e-7 a week.
    #expect(abs(exposure[145] - 2) < 1e-5)
    #expect(abs(exposure[146] - 1) < 1e-5)
    #expect(abs(exposure[147] - 1) < 1e-5)
    #expect(abs(exposure.reduce(0, +) - 169) < 1e-4)
  }

  static let weekdayPeer = SeasonalProfile(
    ratesPerHour: (0..<168).map { h in
      (h / 24 >= 5 ? 1.0 : 4.0) + (h % 24 >= 9 && h % 24 < 18 ? 6 : 0)
    })

  @Test func noHistoryGivesPeerProfile() throws {
    let b = SeasonalBaseline()
    #expect(
      b.state == .insufficientHistory(observedHours: 0, requiredHours: 24))
    let d = Self.date("2024-05-15T10:30:00Z")  // Wednesday 10 UTC
    guard case .expected(let e) = b.expectation(at: d, peer: Self.weekdayPeer)
    else {
      Issue.record("expected an estimate")
      return
    }
    #expect(isClose(e.ratePerHour, 10, relative: 1e-12))
    #expect(
      b.expectation(at: d)
        == .insufficientHistory(
          observedHours: 0, requiredHours: 24))
    #expect(b.tailScore(observed: 3, at: d) == nil)
  }

  // 12 weeks of seeded Poisson counts with a business-hours pattern and a
  // far-off peer profile (flat 100/h): the 168-slot posterior stays within
  // 10% of the entity's own slot rate, the prior weight is under 2%, and
  // the own rate is within 4 Poisson standard errors of the truth.
  @Test func longHistoryGivesOwnRates() throws {
    let seed: UInt64 = 11
    print("longHistoryGivesOwnRates seed \(seed)")
    var generator = SeededGenerator(seed: seed)
    var b = SeasonalBaseline(configuration: .init(halfLife: 1e12))
    let start = Self.date("2024-01-01T00:00:00Z")
    func truth(_ h: Int) -> Double { h % 24 >= 9 && h % 24 < 18 ? 20 : 2 }
    for hour in 0..<(12 * 168) {
      let mu = truth(hour % 168)
      b.observe(
        count: Self.poisson(mu, &generator),
        hourStarting: start + Double(hour) * 3600)
    }
    #expect(b.layout == .hourOfWeek)
    let peer = SeasonalProfile(constant: 100)
    for h in stride(from: 0, to: 168, by: 7) {
      guard
        case .expected(let e) = b.expectation(
          at: start + Double(h) * 3600, peer: peer)
      else {
        Issue.record("expected an estimate")
        return
      }
      let (counts, exposure) = b.decayedSlots()
      let own = counts[h] / exposure[h]
      #expect(abs(e.ratePerHour / own - 1) < 0.1, "hour \(h)")
      #expect(e.priorWeight < 0.02)
      #expect(abs(own - truth(h)) < 4 * (truth(h) / 12).squareRoot())
    }
  }

  @Test func shortHistoryUsesFortyEightSlots() {
    var b = SeasonalBaseline()
    let start = Self.date("2024-01-01T00:00:00Z")
    for h in 0..<100 {
      b.observe(count: 3, hourStarting: start + Double(h) * 3600)
    }
    #expect(b.state == .ready(.hourOfDayByDayType))
    guard case .expected(let e) = b.expectation(at: start + 200 * 3600)
    else {
      Issue.record("expected an estimate")
      return
    }
    #expect(e.layout == .hourOfDayByDayType)
    #expect(isClose(e.ratePerHour, 3, relative: 1e-9))
    #expect(e.negativeBinomialSize == nil)
  }

  // Rate 10/h for 8 weeks then 1/h for 8 weeks with a 14-day half-life:
  // the old level keeps weight 2^-4, so the estimate is below 2.
  @Test func oldBehaviourFades() {
    var b = SeasonalBaseline()
    let start = Self.date("2024-01-01T00:00:00Z")
    for h in 0..<(16 * 168) {
      b.observe(
        count: h < 8 * 168 ? 10 : 1, hourStarting: start + Double(h) * 3600)
    }
    guard case .expected(let e) = b.expectation(at: start + 3600)
    else {
      Issue.record("expected an estimate")
      return
    }
    #expect(e.ratePerHour < 2 && e.ratePerHour > 1)
  }

  @Test func tailScoreSeparatesSpikes() throws {
    let seed: UInt64 = 5
    print("tailScoreSeparatesSpikes seed \(seed)")
    var generator = SeededGenerator(seed: seed)
    var b = SeasonalBaseline()
    let start = Self.date("2024-01-01T00:00:00Z")
    for h in 0..<(6 * 168) {
      b.observe(
        count: Self.poisson(5, &generator),
        hourStarting: start + Double(h) * 3600)
    }
    let at = start + Double(6 * 168) * 3600
    let normal = try #require(b.tailScore(observed: 6, at: at))
    let spike = try #require(b.tailScore(observed: 60, at: at))
    #expect(normal.surprise < 1)
    #expect(spike.surprise > 20)
  }

  @Test func codableRoundTripIsExact() throws {
    var b = SeasonalBaseline(
      configuration: .init(timeZone: Self.zone("Europe/Berlin")))
    let start = Self.date("2024-03-25T00:00:00Z")
    for h in 0..<500 {
      b.observe(count: Double(h % 5), hourStarting: start + Double(h) * 3600)
    }
    let decoded = try roundTrip(b)
    #expect(decoded == b)
    #expect(
      decoded.expectation(at: start) == b.expectation(at: start))
    let profile = b.profile()
    #expect(try roundTrip(profile) == profile)
  }

  @Test func pooledPeerProfile() {
    var a = SeasonalBaseline(configuration: .init(halfLife: 1e12))
    var c = a
    let start = Self.date("2024-01-01T00:00:00Z")
    for h in 0..<168 {
      a.observe(count: 2, hourStarting: start + Double(h) * 3600)
      c.observe(count: 4, hourStarting: start + Double(h) * 3600)
    }
    let pooled = SeasonalProfile(pooling: [a, c])
    #expect(pooled.ratesPerHour.allSatisfy { abs($0 - 3) < 1e-9 })
  }

  /// Coarse slots pool counts over exposure: Monday 09:00 seen 3 times
  /// at 10 events and Tuesday 09:00 once at 2 give the weekday 09:00 slot
  /// (30 + 2) / 4 = 8; a bare profile of the same rates takes the plain
  /// mean of the five weekday 09:00 rates. Tolerance 1e-5: the 1e12 s
  /// half-life still decays three weeks by about 1e-6 relative.
  @Test func coarseSlotsWeightHoursByExposure() {
    var monday = SeasonalBaseline(configuration: .init(halfLife: 1e12))
    var tuesday = monday
    let start = Self.date("2024-01-01T09:00:00Z")  // a Monday, UTC
    for week in 0..<3 {
      monday.observe(
        count: 10, hourStarting: start + Double(week * 168) * 3600)
    }
    tuesday.observe(count: 2, hourStarting: start + 24 * 3600)
    let pooled = SeasonalProfile(pooling: [monday, tuesday])
    let slot = SlotLayout.hourOfDayByDayType.slot(hourOfWeek: 9)
    #expect(
      abs(pooled.rate(slot: slot, layout: .hourOfDayByDayType) - 8) < 1e-5)
    let bare = SeasonalProfile(ratesPerHour: pooled.ratesPerHour)
    let plain = (0..<5).map { bare.ratesPerHour[$0 * 24 + 9] }
    #expect(
      abs(
        bare.rate(slot: slot, layout: .hourOfDayByDayType)
          - plain.reduce(0, +) / 5) < 1e-9)
  }

  /// Knuth's Poisson sampler (small means).
  static func poisson(_ mu: Double, _ g: inout SeededGenerator) -> Double {
    let limit = Foundation.exp(-mu)
    var product = g.nextUnit()
    var k = 0.0
    while product > limit {
      product *= g.nextUnit()
      k += 1
    }
    return k
  }
}
