import Testing

@testable import AnomalyModels

// `MCDKernel.smallest` (a histogram of the keys' top 16 bits, one bucket
// searched) against the definition: sort the non-NaN values, take the
// h-th smallest as threshold, then the rows strictly below it by index
// followed by the rows equal to it by index. Exact: indices must match.
@Suite("MCD row selection")
struct MCDSelectionTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    let values: [Double]
    let h: Int
    var testDescription: String { "\(name), n=\(values.count), h=\(h)" }
  }

  /// The selection by sorting.
  static func reference(_ values: [Double], h: Int) -> [Int] {
    if h >= values.count { return Array(values.indices) }
    let ordered = values.filter { !$0.isNaN }.sorted()
    guard h - 1 < ordered.count else { return [] }
    let threshold = ordered[h - 1]
    let below = values.indices.filter { values[$0] < threshold }
    let tied = values.indices.filter { values[$0] == threshold }
    return below + tied.prefix(h - below.count)
  }

  static func random(
    _ n: Int, seed: UInt64,
    _ draw: (inout SeededGenerator)
      -> Double
  ) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    return (0..<n).map { _ in draw(&generator) }
  }

  static let cases: [Case] = [
    Case(
      name: "chi-square-like, seed 31",
      values: random(20_000, seed: 31) { g in
        (0..<10).reduce(0) { s, _ in
          let z = g.nextNormal()
          return s + z * z
        }
      }, h: 10_006),
    Case(
      name: "integers with many ties, seed 32",
      values: random(5_000, seed: 32) { g in
        Double(g.nextInt(below: 7))
      }, h: 2_501),
    Case(
      name: "all equal", values: Array(repeating: 3.5, count: 1_000),
      h: 400),
    Case(
      name: "signed zeros and negatives",
      values: [0, -0.0, 1e-300, -1e-17, 0, -0.0, 5, -2, 0], h: 4),
    Case(name: "h = 1", values: [4, 2, 9, 2, 7], h: 1),
    Case(name: "h = n - 1", values: [4, 2, 9, 2, 7], h: 4),
    Case(name: "h = n", values: [4, 2, 9], h: 3),
    Case(
      name: "infinities", values: [.infinity, 1, -.infinity, 2, 3],
      h: 3),
    Case(
      name: "NaN never chosen", values: [.nan, 1, 0.5, .nan, 2, 3],
      h: 3),
    Case(
      name: "threshold NaN: fewer than h", values: [.nan, 1, .nan, .nan],
      h: 3),
  ]

  @Test("Same indices as selection by sorting", arguments: cases)
  func matchesSorting(_ c: Case) {
    let expected = Self.reference(c.values, h: c.h)
    #expect(MCDKernel.smallest(c.values, h: c.h) == expected)
  }

  @Test("Every rank's order statistic, bit for bit")
  func orderStatistics() {
    let values: [Double] = [
      3, -1, 2, 2, 0, -0.0, 7, .leastNonzeroMagnitude, 5e300, -.infinity,
    ]
    let sorted = values.sorted {
      MCDKernel.orderKey($0) < MCDKernel.orderKey($1)
    }
    for k in values.indices {
      let found = MCDKernel.orderStatistic(values, k)
      #expect(found.bitPattern == sorted[k].bitPattern, "rank \(k)")
    }
  }
}
