import Foundation
import Testing

@testable import AnomalyModels

// Reference values: numpy.median and
// scipy.stats.median_abs_deviation(scale='normal'), batch and over the
// preceding 21 values of a stream (Fixtures/mad.json).
@Suite("Robust z-score")
struct RobustScaleTests {
  struct Case: Decodable {
    var values: [Double]
    var median: Double
    var scale: Double
  }
  struct Sliding: Decodable {
    var window: Int
    var values: [Double]
    var scores: [Double?]
  }
  struct File: Decodable {
    var constant: Double
    var cases: [Case]
    var sliding: Sliding
  }

  static let file = try! Fixture.load("mad", as: File.self)

  @Test func constantMatchesScipy() {
    #expect(
      isClose(RobustScale.madToSigma, Self.file.constant, relative: 1e-15))
  }

  // Tolerance 1e-14 relative.
  @Test(arguments: 0..<5)
  func batchMatchesScipy(index: Int) throws {
    let c = Self.file.cases[index]
    let scale = try RobustScale(fitting: c.values)
    #expect(isClose(scale.median, c.median, relative: 1e-14, floor: 1e-12))
    #expect(isClose(scale.scale, c.scale, relative: 1e-14))
    #expect(scale.method == .medianAbsoluteDeviation)
  }

  // Tolerance 1e-12 relative.
  @Test func slidingMatchesScipy() {
    let s = Self.file.sliding
    var window = SlidingRobustZScore(capacity: s.window)
    window.push(s.values[0])
    for i in 1..<s.values.count {
      let score = window.scoreAndPush(s.values[i])
      guard let expected = s.scores[i - 1] else {
        // scipy's MAD is 0 (a single value): our fallback must be finite.
        #expect(score?.isFinite == true)
        continue
      }
      #expect(
        isClose(score ?? .nan, expected, relative: 1e-12, floor: 1e-12),
        "score[\(i)]")
    }
  }

  @Test(arguments: [
    ([0.0, 0, 0, 0, 0, 0, 3], RobustScale.Method.meanAbsoluteDeviation),
    ([5.0, 5, 5, 5], .poisson),
    ([0.0, 0, 0], .poisson),
  ])
  func zeroMADFallbacks(values: [Double], method: RobustScale.Method) throws {
    let scale = try RobustScale(fitting: values)
    #expect(scale.method == method)
    #expect(scale.scale > 0 && scale.scale.isFinite)
    if method == .meanAbsoluteDeviation {
      #expect(
        isClose(scale.scale, 1.2533141373155003 * 3 / 7, relative: 1e-15))
    } else {
      #expect(scale.scale == max(scale.median, 1).squareRoot())
    }
  }

  @Test func emptyAndNaN() throws {
    #expect(throws: RobustScaleError.noFiniteValues(count: 0)) {
      try RobustScale(fitting: [Double.nan, .infinity])
    }
    let scale = try RobustScale(fitting: [1, .nan, 2, 3])
    #expect(scale.median == 2 && scale.count == 3)
  }

  // The O(n) selection path used by the MCD equals the sorted path
  // exactly, including ties and even counts.
  @Test(arguments: [1, 2, 7, 100, 1001])
  func selectionMatchesSorting(count: Int) {
    let seed = UInt64(count)
    print("selectionMatchesSorting seed \(seed)")
    var g = SeededGenerator(seed: seed)
    let values = (0..<count).map { _ in Double(g.nextInt(below: 6)) }
    #expect(
      RobustScale.fromUnsorted(values)
        == RobustScale.fromSorted(values.sorted()))
    let continuous = (0..<count).map { _ in g.nextNormal() }
    #expect(
      RobustScale.fromUnsorted(continuous)
        == RobustScale.fromSorted(continuous.sorted()))
  }

  @Test func codableRoundTripIsExact() throws {
    var window = SlidingRobustZScore(capacity: 5)
    for v in [1.5, 2.25, 9, 0.1, 3, 3, 7] { window.push(v) }
    #expect(try roundTrip(window) == window)
    let scale = try RobustScale(fitting: [0.1, 0.7, 1.3, 2.9])
    #expect(try roundTrip(scale) == scale)
  }
}
