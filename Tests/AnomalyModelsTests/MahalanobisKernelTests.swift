import Foundation
import Testing

@testable import AnomalyModels

// Every kernel path against plain loops on seeded random data. Tolerance:
// |fast − reference| ≤ 1e-12 · Σ_ij |P_ij z_i z_j|, which bounds the
// rounding of either evaluation order (a few p · ε of that sum) with a
// wide margin; the portable path must equal the packed scalar loop (the
// previous implementation) bit for bit where the C compiler does not fuse
// multiply-adds (x86-64 without AVX2).
@Suite("Mahalanobis kernel")
struct MahalanobisKernelTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let p: Int
    let rows: Int
    let seed: UInt64
    var testDescription: String { "p=\(p) rows=\(rows) seed=\(seed)" }
  }

  // p = 1, odd p, p not a multiple of 2 or 4, the largest unrolled p
  // (16) and the rolled path (17, 23); row counts that leave partial
  // blocks of every size.
  static let cases: [Case] = [
    Case(p: 1, rows: 7, seed: 11), Case(p: 2, rows: 5, seed: 12),
    Case(p: 3, rows: 9, seed: 13), Case(p: 5, rows: 1, seed: 14),
    Case(p: 7, rows: 31, seed: 15), Case(p: 10, rows: 103, seed: 16),
    Case(p: 10, rows: 2, seed: 17), Case(p: 16, rows: 13, seed: 18),
    Case(p: 17, rows: 10, seed: 19), Case(p: 23, rows: 6, seed: 20),
  ]

  struct Problem {
    let p: Int
    let model: MahalanobisModel
    let data: DataMatrix
  }

  /// A random SPD covariance `A Aᵀ + 0.1 I` with correlated features, a
  /// random location and rows around it with a few far ones.
  static func problem(_ c: Case) throws -> Problem {
    print("Mahalanobis kernel \(c.testDescription)")
    var g = SeededGenerator(seed: c.seed)
    let p = c.p
    let a = (0..<(p * p)).map { _ in g.nextNormal() }
    var covariance = [Double](repeating: 0, count: p * p)
    for i in 0..<p {
      for j in 0..<p {
        var s = i == j ? 0.1 : 0
        for k in 0..<p { s += a[i * p + k] * a[j * p + k] }
        covariance[i * p + j] = s
      }
    }
    let location = (0..<p).map { _ in 5 * g.nextNormal() }
    var values = [Double]()
    for r in 0..<c.rows {
      let spread = r % 5 == 0 ? 30.0 : 1.0
      for j in 0..<p { values.append(location[j] + spread * g.nextNormal()) }
    }
    return Problem(
      p: p,
      model: try MahalanobisModel(location: location, covariance: covariance),
      data: DataMatrix(rows: c.rows, columns: p, values: values))
  }

  /// Full-matrix `Σ_ij z_i P_ij z_j` and its absolute counterpart.
  static func reference(_ m: MahalanobisModel, _ x: ArraySlice<Double>)
    -> (value: Double, magnitude: Double)
  {
    let p = m.dimension
    let z = zip(x, m.location).map { $0 - $1 }
    var value = 0.0
    var magnitude = 0.0
    for i in 0..<p {
      for j in 0..<p {
        let t = z[i] * m.precision[i * p + j] * z[j]
        value += t
        magnitude += abs(t)
      }
    }
    return (value, magnitude)
  }

  /// The previous Swift implementation's order: packed upper triangle,
  /// doubled off-diagonals, one scalar chain per row.
  static func packedScalar(_ m: MahalanobisModel, _ x: ArraySlice<Double>)
    -> Double
  {
    let p = m.dimension
    let x = Array(x)
    var total = 0.0
    for i in 0..<p {
      var row = 0.0
      for j in i..<p {
        let q = i == j ? m.precision[i * p + i] : 2 * m.precision[i * p + j]
        row += q * (x[j] - m.location[j])
      }
      total += (x[i] - m.location[i]) * row
    }
    return total
  }

  static func scores(
    _ problem: Problem, _ path: MahalanobisKernel.Path
  ) -> [Double] {
    problem.data.values.withUnsafeBufferPointer {
      problem.model.quadraticForms(
        $0.baseAddress!, rows: problem.data.rows, path: path)
    }
  }

  static func row(_ data: DataMatrix, _ r: Int) -> ArraySlice<Double> {
    data.values[(r * data.columns)..<((r + 1) * data.columns)]
  }

  @Test(arguments: cases)
  func everyPathMatchesReference(c: Case) throws {
    let problem = try Self.problem(c)
    let m = problem.model
    for path in MahalanobisKernel.availablePaths {
      let fast = Self.scores(problem, path)
      #expect(fast.count == c.rows)
      for r in 0..<c.rows {
        let x = Self.row(problem.data, r)
        let (value, magnitude) = Self.reference(m, x)
        #expect(
          abs(fast[r] - value) <= 1e-12 * magnitude,
          "\(path) row \(r): \(fast[r]) vs \(value)")
        let scalar = Self.packedScalar(m, x)
        #expect(
          abs(fast[r] - scalar) <= 1e-12 * magnitude,
          "\(path) row \(r): \(fast[r]) vs packed \(scalar)")
        #if arch(x86_64)
          if path == .portable {
            #expect(fast[r].bitPattern == scalar.bitPattern, "row \(r)")
          }
        #endif
      }
    }
  }

  // The public entry points take the automatic path, and one row scores
  // the same alone as in any batch.
  @Test(arguments: cases)
  func singleRowEqualsBatch(c: Case) throws {
    let problem = try Self.problem(c)
    let m = problem.model
    let automatic = Self.scores(problem, MahalanobisKernel.automaticPath)
    let batch = m.squaredDistances(problem.data)
    #expect(batch == automatic)
    for r in 0..<c.rows {
      let alone = m.squaredDistance(Array(Self.row(problem.data, r)))
      #expect(alone.bitPattern == batch[r].bitPattern, "row \(r)")
    }
  }

  // NaN anywhere in a row makes that row NaN and leaves its neighbours in
  // the same block unchanged; an infinite coordinate gives a non-finite
  // score; no rows give no scores.
  @Test(arguments: [3, 10, 17])
  func nonFiniteRowsStayInTheirLane(p: Int) throws {
    let problem = try Self.problem(Case(p: p, rows: 9, seed: 30 + UInt64(p)))
    for path in MahalanobisKernel.availablePaths {
      let clean = Self.scores(problem, path)
      var values = problem.data.values
      values[4 * p + (p - 1)] = .nan
      values[0] = .nan
      values[7 * p + p / 2] = .infinity
      let dirty = Problem(
        p: p, model: problem.model,
        data: DataMatrix(rows: 9, columns: p, values: values))
      let scores = Self.scores(dirty, path)
      for r in 0..<9 {
        switch r {
        case 0, 4: #expect(scores[r].isNaN, "\(path) row \(r)")
        case 7: #expect(!scores[r].isFinite, "\(path) row \(r)")
        default:
          #expect(
            scores[r].bitPattern == clean[r].bitPattern, "\(path) row \(r)")
        }
      }
    }
    let empty = DataMatrix(rows: 0, columns: p, values: [])
    #expect(problem.model.squaredDistances(empty).isEmpty)
  }

  @Test func pointAtLocationScoresZero() throws {
    let problem = try Self.problem(Case(p: 10, rows: 1, seed: 40))
    #expect(problem.model.squaredDistance(problem.model.location) == 0)
  }

  // The MCD search path (location and precision that are not a model)
  // runs the same kernel.
  @Test func staticFormsMatchModel() throws {
    let problem = try Self.problem(Case(p: 10, rows: 21, seed: 41))
    let m = problem.model
    let forms = problem.data.values.withUnsafeBufferPointer {
      MahalanobisModel.quadraticForms(
        $0, rows: 21, p: 10, location: m.location, precision: m.precision)
    }
    #expect(forms == m.squaredDistances(problem.data))
  }
}
