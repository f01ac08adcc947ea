import Foundation
import Testing

@testable import AnomalyModels

// Reference values: pandas Series.ewm(alpha|span|halflife, adjust,
// ignore_na=True).mean()/.var(bias=) on 60 seeded normal values with a NaN
// and a spike, and for irregular times pandas ewm(halflife=Timedelta,
// times=...).mean() plus the explicit weighted variance (pandas has no
// timed var) (Fixtures/ewma.json).
@Suite("EWMA")
struct EWMATests {
  struct Case: Decodable {
    var decay: String
    var parameter: Double
    var adjust: Bool
    var values: [Double?]
    var mean: [Double?]
    var varianceBiased: [Double?]
    var varianceUnbiased: [Double?]
  }
  struct Timed: Decodable {
    var adjust: Bool
    var times: [Double]
    var values: [Double]
    var halfLifeSeconds: Double
    var mean: [Double?]
    var varianceBiased: [Double?]?
    var varianceUnbiased: [Double?]?
  }
  struct File: Decodable {
    var cases: [Case]
    var timed: [Timed]
  }

  static let file = try! Fixture.load("ewma", as: File.self)

  static func decay(_ c: Case) -> EWMA.Decay {
    switch c.decay {
    case "alpha": return .alpha(c.parameter)
    case "span": return .span(c.parameter)
    default: return .halfLife(c.parameter)
    }
  }

  // Tolerance 1e-12 relative (same recursion, same operation order).
  @Test(arguments: 0..<6)
  func matchesPandas(index: Int) {
    let c = Self.file.cases[index]
    var biased = EWMA(Self.decay(c), adjust: c.adjust, bias: true)
    var unbiased = EWMA(Self.decay(c), adjust: c.adjust, bias: false)
    for (i, value) in c.values.enumerated() {
      biased.update(value ?? .nan)
      unbiased.update(value ?? .nan)
      #expect(
        isClose(biased.mean, c.mean[i], relative: 1e-12),
        "\(c.decay) adjust=\(c.adjust) mean[\(i)]")
      #expect(
        isClose(
          biased.variance, c.varianceBiased[i], relative: 1e-12,
          floor: 1e-12), "var(bias) [\(i)]")
      #expect(
        isClose(
          unbiased.variance, c.varianceUnbiased[i], relative: 1e-12,
          floor: 1e-12), "var [\(i)]")
    }
  }

  // Tolerance 1e-12 relative.
  @Test(arguments: [true, false])
  func irregularTimesMatchPandas(adjust: Bool) throws {
    let c = try #require(Self.file.timed.first { $0.adjust == adjust })
    var biased = EWMA(
      .halfLifeSeconds(c.halfLifeSeconds), adjust: adjust, bias: true)
    var unbiased = EWMA(.halfLifeSeconds(c.halfLifeSeconds), adjust: adjust)
    for i in c.values.indices {
      biased.update(c.values[i], at: c.times[i])
      unbiased.update(c.values[i], at: c.times[i])
      #expect(isClose(biased.mean, c.mean[i], relative: 1e-12), "mean[\(i)]")
      if let vb = c.varianceBiased, let vu = c.varianceUnbiased {
        #expect(
          isClose(biased.variance, vb[i], relative: 1e-10, floor: 1e-12),
          "var(bias) [\(i)]")
        #expect(
          isClose(unbiased.variance, vu[i], relative: 1e-10, floor: 1e-12),
          "var [\(i)]")
      }
    }
  }

  @Test(arguments: [
    (EWMA.Decay.span(9), 0.2), (.halfLife(1), 0.5), (.alpha(0.25), 0.25),
  ])
  func alphaConventions(decay: EWMA.Decay, alpha: Double) {
    #expect(isClose(EWMA(decay).alpha, alpha, relative: 1e-15))
  }

  @Test func warmUp() {
    var e = EWMA(.alpha(0.5))
    #expect(e.mean.isNaN && e.variance.isNaN)
    e.update(.nan)
    #expect(e.count == 0)
    e.update(3)
    #expect(e.mean == 3)
    #expect(e.variance.isNaN)
    var b = EWMA(.alpha(0.5), bias: true)
    b.update(3)
    #expect(b.variance == 0)
  }

  @Test func codableRoundTripIsExact() throws {
    var e = EWMA(.halfLifeSeconds(3600), adjust: true)
    for i in 0..<50 { e.update(Double(i % 7) * 1.1, at: Double(i) * 97.3) }
    let decoded = try roundTrip(e)
    #expect(decoded == e)
    #expect(decoded.mean.bitPattern == e.mean.bitPattern)
    #expect(decoded.variance.bitPattern == e.variance.bitPattern)
  }
}
