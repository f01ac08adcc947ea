import Foundation
import Testing

@testable import AnomalyModels

// Reference values: scipy.stats.poisson.sf(k − 1, μ) and
// nbinom.sf(k − 1, r, r/(r+μ)), and for the log10 tail mpmath at 50 digits
// (Fixtures/tails.json), since scipy's sf underflows to 0 beyond 1e-308.
@Suite("Count tail scores")
struct CountTailTests {
  struct PoissonCase: Decodable {
    var k: Double
    var mu: Double
    var sf: Double
    var log10sf: Double
  }
  struct NegativeBinomialCase: Decodable {
    var k: Double
    var r: Double
    var mu: Double
    var sf: Double
    var log10sf: Double
  }
  struct File: Decodable {
    var poisson: [PoissonCase]
    var negativeBinomial: [NegativeBinomialCase]
  }

  let file: File

  init() throws {
    file = try Fixture.load("tails", as: File.self)
  }

  // p within 1e-11 relative of scipy where scipy does not underflow;
  // log10 p within 1e-11 relative (1e-14 absolute near 0) of mpmath.
  @Test func poissonMatchesScipyAndMpmath() {
    for c in file.poisson {
      let score = CountTail.poisson(observed: c.k, expected: c.mu)
      if c.sf > 1e-300 {
        #expect(
          isClose(score.pValue, c.sf, relative: 1e-11), "k=\(c.k) μ=\(c.mu)")
      }
      #expect(
        isClose(score.log10PValue, c.log10sf, relative: 1e-11, floor: 1e-3),
        "log10 k=\(c.k) μ=\(c.mu)")
      #expect(
        score.surprise == min(-c.log10sf, CountTail.maximumSurprise)
          || isClose(score.surprise, -c.log10sf, relative: 1e-11, floor: 1e-3))
    }
  }

  // Same tolerances as the Poisson cases.
  @Test func negativeBinomialMatchesScipyAndMpmath() {
    for c in file.negativeBinomial {
      let score = CountTail.negativeBinomial(
        observed: c.k, expected: c.mu, size: c.r)
      if c.sf > 1e-300 {
        #expect(
          isClose(score.pValue, c.sf, relative: 1e-11),
          "k=\(c.k) r=\(c.r) μ=\(c.mu)")
      }
      #expect(
        isClose(score.log10PValue, c.log10sf, relative: 1e-11, floor: 1e-3),
        "log10 k=\(c.k) r=\(c.r) μ=\(c.mu)")
    }
  }

  @Test func edgeCases() {
    #expect(CountTail.poisson(observed: 0, expected: 3).surprise == 0)
    #expect(
      CountTail.poisson(observed: 4, expected: 0).surprise
        == CountTail.maximumSurprise)
    #expect(
      CountTail.poisson(observed: 10_000, expected: 1).surprise
        == CountTail.maximumSurprise)
    #expect(CountTail.poisson(observed: .nan, expected: 1).surprise == 0)
    #expect(CountTail.momentSize(mean: 2, variance: 1.5) == nil)
    #expect(CountTail.momentSize(mean: 2, variance: 6) == 1)
  }

  @Test func surpriseGrowsWithCount() {
    var previous = -1.0
    for k in stride(from: 0.0, through: 60, by: 3) {
      let s = CountTail.negativeBinomial(observed: k, expected: 5, size: 2)
      #expect(s.surprise >= previous)
      previous = s.surprise
    }
  }
}
