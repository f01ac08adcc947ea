import Foundation
import Testing

@testable import AnomalyModels

@Suite("MCD properties")
struct MCDPropertyTests {
  static func gaussian(
    rows: Int, columns: Int, seed: UInt64, mixing: [Double]? = nil
  ) -> [Double] {
    var g = SeededGenerator(seed: seed)
    var values: [Double] = []
    for _ in 0..<rows {
      let z = (0..<columns).map { _ in g.nextNormal() }
      for i in 0..<columns {
        if let mixing {
          var s = 0.0
          for j in 0...i { s += mixing[i * columns + j] * z[j] }
          values.append(s)
        } else {
          values.append(z[i])
        }
      }
    }
    return values
  }

  // x ↦ A x + b maps location to A μ + b and covariance to A Σ Aᵀ; same
  // seed, so the same index subsets. Tolerance 1e-7 relative to the
  // largest entry (only the 1e-12 ridge and rounding differ).
  @Test func affineEquivariance() throws {
    let seed: UInt64 = 3
    print("affineEquivariance seed \(seed)")
    let n = 400
    let p = 3
    var x = Self.gaussian(rows: n, columns: p, seed: seed)
    for i in 0..<40 { x[i * p] += 12 }  // 10% shifted rows
    let a: [Double] = [2, 0.5, 0, -1, 1, 0.3, 0.2, 0, 3]
    let b: [Double] = [10, -4, 0.5]
    var y = [Double](repeating: 0, count: n * p)
    for r in 0..<n {
      for i in 0..<p {
        var s = b[i]
        for j in 0..<p { s += a[i * p + j] * x[r * p + j] }
        y[r * p + i] = s
      }
    }
    let mcd = MinimumCovarianceDeterminant(seed: 9)
    let fx = try mcd.fit(DataMatrix(rows: n, columns: p, values: x))
    let fy = try mcd.fit(DataMatrix(rows: n, columns: p, values: y))
    #expect(fx.rawSupport == fy.rawSupport)
    let mu = fx.model.location
    let sigma = fx.model.covariance
    let expectedLocation = (0..<p).map { i in
      b[i] + (0..<p).reduce(0) { $0 + a[i * p + $1] * mu[$1] }
    }
    var expectedCovariance = [Double](repeating: 0, count: p * p)
    for i in 0..<p {
      for j in 0..<p {
        var s = 0.0
        for k in 0..<p {
          for l in 0..<p { s += a[i * p + k] * sigma[k * p + l] * a[j * p + l] }
        }
        expectedCovariance[i * p + j] = s
      }
    }
    let scale = expectedCovariance.map(abs).max()!
    for i in 0..<p {
      #expect(abs(fy.model.location[i] - expectedLocation[i]) < 1e-7 * scale)
    }
    for i in 0..<(p * p) {
      #expect(
        abs(fy.model.covariance[i] - expectedCovariance[i]) < 1e-7 * scale)
    }
  }

  // Up to 40% of the rows replaced by a far cluster N(10·1, I): the
  // location stays within 0.25 and the covariance diagonal within 30% of
  // the identity (n = 500 clean-sample noise is about 10%). A much tighter
  // cluster is not used: at 40% its h-subset can have a genuinely smaller
  // determinant, which is the MCD answer rather than a breakdown.
  @Test(arguments: [0.2, 0.3, 0.4])
  func breakdown(fraction: Double) throws {
    let seed: UInt64 = 17
    print("breakdown \(fraction) seed \(seed)")
    let n = 500
    let p = 3
    var x = Self.gaussian(rows: n, columns: p, seed: seed)
    var g = SeededGenerator(seed: seed + 1)
    let bad = Int(fraction * Double(n))
    for r in 0..<bad {
      for j in 0..<p { x[r * p + j] = 10 + g.nextNormal() }
    }
    let fit = try MinimumCovarianceDeterminant(seed: 1).fit(
      DataMatrix(rows: n, columns: p, values: x))
    for j in 0..<p {
      #expect(abs(fit.model.location[j]) < 0.25)
      #expect(abs(fit.model.covariance[j * p + j] - 1) < 0.3)
    }
    #expect((0..<bad).allSatisfy { !fit.support[$0] })
  }

  static func countData(_ kind: String) -> DataMatrix {
    print("countData \(kind) seed 21")
    var g = SeededGenerator(seed: 21)
    let n = 600
    var values: [Double] = []
    for _ in 0..<n {
      let a = g.nextNormal()
      let b = g.nextNormal()
      switch kind {
      case "constant":
        values += [a, 5, b]
      case "collinear":
        values += [a, b, a + 2 * b]
      default:
        // Sparse tied counts: mostly zeros, as for rare actions.
        values += [
          g.nextUnit() < 0.9 ? 0 : 1, g.nextUnit() < 0.95 ? 0 : 2,
          Double(g.nextInt(below: 3)),
        ]
      }
    }
    return DataMatrix(rows: n, columns: 3, values: values)
  }

  // Rank-deficient data does not throw: the eigenvalue floor is reported
  // and every distance is finite.
  @Test(arguments: ["constant", "collinear", "sparse-counts"])
  func rankDeficientDataIsRegularized(kind: String) throws {
    let fit = try MinimumCovarianceDeterminant(trials: 100).fit(
      Self.countData(kind))
    guard
      case .eigenvalueFloor(_, _, let raisedFinal) =
        fit.model.regularization
    else {
      Issue.record("expected an eigenvalue floor")
      return
    }
    #expect(raisedFinal >= 1)
    #expect(fit.distances.allSatisfy { $0.isFinite && $0 >= 0 })
    #expect(fit.model.squaredDistance([0, 5, 0]).isFinite)
  }

  @Test func typedErrors() {
    #expect(throws: MCDError.tooFewSamples(n: 3, p: 2, required: 4)) {
      try MinimumCovarianceDeterminant().fit(
        DataMatrix(rows: 3, columns: 2, values: [1, 2, 3, 4, 5, 6]))
    }
    print("typedErrors seed 1")
    var values = Self.gaussian(rows: 10, columns: 2, seed: 1)
    values[7] = .nan
    #expect(throws: MCDError.nonFiniteValue(row: 3, column: 1)) {
      try MinimumCovarianceDeterminant().fit(
        DataMatrix(rows: 10, columns: 2, values: values))
    }
  }

  // Univariate: the shortest-half location ignores 30% outliers.
  @Test func univariate() throws {
    print("univariate seed 4")
    var x = Self.gaussian(rows: 200, columns: 1, seed: 4)
    for i in 0..<60 { x[i] = 50 + Double(i) }
    let fit = try MinimumCovarianceDeterminant().fit(
      DataMatrix(rows: 200, columns: 1, values: x))
    #expect(abs(fit.model.location[0]) < 0.3)
    #expect(fit.model.isOutlier([40]))
  }

  // n > 1500 uses the 1500-row merged set and 5 subsets of 300; n ≥ 4000
  // also takes the concurrent final stage.
  @Test func largeSampleNestedPath() throws {
    let seed: UInt64 = 8
    print("largeSampleNestedPath seed \(seed)")
    let n = 4000
    var x = Self.gaussian(rows: n, columns: 2, seed: seed)
    for r in 0..<800 { x[r * 2] += 20 }
    let data = DataMatrix(rows: n, columns: 2, values: x)
    let fit = try MinimumCovarianceDeterminant(seed: seed).fit(data)
    #expect(abs(fit.model.location[0]) < 0.1)
    // The final stage runs candidates concurrently from 4000 rows on; the
    // result must not depend on scheduling.
    #expect(try MinimumCovarianceDeterminant(seed: seed).fit(data) == fit)
    #expect((0..<800).allSatisfy { fit.distances[$0] > fit.model.cutoff })
  }

  @Test func deterministicAndCodable() throws {
    print("deterministicAndCodable data seed 2, fit seed 5")
    let data = DataMatrix(
      rows: 300, columns: 4,
      values: Self.gaussian(rows: 300, columns: 4, seed: 2))
    let first = try MinimumCovarianceDeterminant(seed: 5, trials: 100).fit(data)
    let second = try MinimumCovarianceDeterminant(seed: 5, trials: 100).fit(
      data)
    #expect(first == second)
    let decoded = try roundTrip(first.model)
    #expect(decoded == first.model)
    #expect(
      zip(decoded.covariance, first.model.covariance).allSatisfy {
        $0.bitPattern == $1.bitPattern
      })
  }
}
