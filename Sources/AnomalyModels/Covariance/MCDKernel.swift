import Foundation

/// Building blocks of FastMCD on a contiguous row-major working matrix.
enum MCDKernel {
  /// Location, covariance and the Cholesky factor of the ridged
  /// covariance, with the support that produced them.
  struct Estimate {
    var location: [Double]
    var covariance: [Double]
    var precision: [Double]
    var logDeterminant: Double
    var support: [Int]
  }

  /// Mean and biased covariance (divisor `count`) of the selected rows.
  ///
  /// The rows are gathered column-major and centred, then each entry is a
  /// SIMD dot product of two columns.
  static func meanAndCovariance(
    _ data: UnsafeBufferPointer<Double>, p: Int, rows: [Int]
  ) -> (mean: [Double], covariance: [Double]) {
    let m = rows.count
    var mean = [Double](repeating: 0, count: p)
    var covariance = [Double](repeating: 0, count: p * p)
    let columns = UnsafeMutablePointer<Double>.allocate(capacity: m * p)
    defer { columns.deallocate() }
    let base = data.baseAddress!
    for (t, r) in rows.enumerated() {
      let x = base + r * p
      for j in 0..<p { columns[j * m + t] = x[j] }
    }
    for j in 0..<p {
      let column = columns + j * m
      let average = sum(column, m) / Double(m)
      mean[j] = average
      for t in 0..<m { column[t] -= average }
    }
    for i in 0..<p {
      for j in i..<p {
        let v = dot(columns + i * m, columns + j * m, m) / Double(m)
        covariance[i * p + j] = v
        covariance[j * p + i] = v
      }
    }
    return (mean, covariance)
  }

  /// Sum of `count` values with SIMD partial sums.
  static func sum(_ a: UnsafePointer<Double>, _ count: Int) -> Double {
    var accumulator = SIMD8<Double>(repeating: 0)
    var t = 0
    let raw = UnsafeRawPointer(a)
    while t + 8 <= count {
      accumulator += raw.loadUnaligned(
        fromByteOffset: t * 8, as: SIMD8<Double>.self)
      t += 8
    }
    var total = accumulator.sum()
    while t < count {
      total += a[t]
      t += 1
    }
    return total
  }

  /// Dot product of two `count`-vectors with SIMD partial sums.
  static func dot(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int
  ) -> Double {
    var accumulator = SIMD8<Double>(repeating: 0)
    var t = 0
    let rawA = UnsafeRawPointer(a)
    let rawB = UnsafeRawPointer(b)
    while t + 8 <= count {
      accumulator +=
        rawA.loadUnaligned(fromByteOffset: t * 8, as: SIMD8<Double>.self)
        * rawB.loadUnaligned(fromByteOffset: t * 8, as: SIMD8<Double>.self)
      t += 8
    }
    var total = accumulator.sum()
    while t < count {
      total += a[t] * b[t]
      t += 1
    }
    return total
  }

  /// Ridge added to the diagonal before factorizing, relative to the
  /// average variance: keeps exact fits (constant or collinear columns in
  /// the support) finite while changing well-conditioned determinants by
  /// about 1e-12 relative.
  static let relativeRidge = 1e-12

  /// Estimate from the selected rows, or `nil` when even the ridged
  /// covariance cannot be factorized.
  static func estimate(
    _ data: UnsafeBufferPointer<Double>, p: Int, rows: [Int]
  ) -> Estimate? {
    let (mean, covariance) = meanAndCovariance(data, p: p, rows: rows)
    var trace = 0.0
    for i in 0..<p { trace += covariance[i * p + i] }
    let ridge = relativeRidge * max(trace / Double(p), 1e-300)
    var ridged = covariance
    for i in 0..<p { ridged[i * p + i] += ridge }
    guard let factor = LAPACK.cholesky(ridged, n: p),
      let precision = LAPACK.inverseFromCholesky(factor, n: p)
    else { return nil }
    var logDet = 0.0
    for i in 0..<p { logDet += 2 * Foundation.log(factor[i * p + i]) }
    return Estimate(
      location: mean, covariance: covariance, precision: precision,
      logDeterminant: logDet, support: rows)
  }

  /// Whether the plain covariance of the rows is numerically singular.
  static func isSingular(_ covariance: [Double], p: Int) -> Bool {
    guard let factor = LAPACK.cholesky(covariance, n: p) else { return true }
    for i in 0..<p {
      let pivot = factor[i * p + i]
      if !(pivot * pivot > 1e-12 * covariance[i * p + i]) { return true }
    }
    return false
  }

  /// Squared distances of rows `0..<count` under the estimate.
  static func distances(
    _ data: UnsafeBufferPointer<Double>, p: Int, count: Int,
    _ estimate: Estimate
  ) -> [Double] {
    MahalanobisModel.quadraticForms(
      data, rows: count, p: p, location: estimate.location,
      precision: estimate.precision)
  }

  /// One C-step: the `h` rows closest under `current` and their estimate.
  static func cStep(
    _ data: UnsafeBufferPointer<Double>, p: Int, count: Int, h: Int,
    _ current: Estimate
  ) -> Estimate? {
    let d = distances(data, p: p, count: count, current)
    return estimate(data, p: p, rows: smallest(d, h: h))
  }

  /// C-steps while the determinant strictly decreases, at most
  /// `maximumSteps`; returns the best estimate seen.
  static func refine(
    _ data: UnsafeBufferPointer<Double>, p: Int, count: Int, h: Int,
    _ start: Estimate, maximumSteps: Int
  ) -> Estimate {
    var best = start
    for _ in 0..<maximumSteps {
      guard let next = cStep(data, p: p, count: count, h: h, best) else {
        break
      }
      if next.logDeterminant < best.logDeterminant {
        best = next
      } else {
        if next.logDeterminant == best.logDeterminant { best = next }
        break
      }
    }
    return best
  }

  /// Start from a random (p+1)-subset, grown by random rows (doubling)
  /// while its covariance is singular (Rousseeuw & Van Driessen 1999,
  /// step 1), then one C-step to an h-subset.
  static func randomStart(
    _ data: UnsafeBufferPointer<Double>, p: Int, count: Int, h: Int,
    generator: inout SeededGenerator
  ) -> Estimate? {
    var chosen: [Int] = []
    var taken = Set<Int>()
    func addRandom() {
      while true {
        let r = generator.nextInt(below: count)
        if taken.insert(r).inserted {
          chosen.append(r)
          return
        }
      }
    }
    for _ in 0...p { addRandom() }
    // The paper adds one row at a time; doubling keeps tied data (many
    // singular subsets) at O(h) work per start instead of O(h²).
    while chosen.count < h {
      let (_, covariance) = meanAndCovariance(data, p: p, rows: chosen)
      if !isSingular(covariance, p: p) { break }
      let target = min(2 * chosen.count, h)
      while chosen.count < target { addRandom() }
    }
    guard let initial = estimate(data, p: p, rows: chosen) else { return nil }
    return cStep(data, p: p, count: count, h: h, initial)
  }

  /// Runs `trials` random starts with `steps` C-steps each and keeps the
  /// `keep` lowest determinants.
  static func bestOfRandomStarts(
    _ data: UnsafeBufferPointer<Double>, p: Int, count: Int, h: Int,
    trials: Int, steps: Int, keep: Int, generator: inout SeededGenerator
  ) -> [Estimate] {
    var results: [Estimate] = []
    for _ in 0..<trials {
      guard
        let start = randomStart(
          data, p: p, count: count, h: h, generator: &generator)
      else { continue }
      results.append(
        refine(data, p: p, count: count, h: h, start, maximumSteps: steps))
    }
    return best(results, keep: keep)
  }

  /// The `keep` estimates with the lowest log-determinant (stable order).
  static func best(_ estimates: [Estimate], keep: Int) -> [Estimate] {
    let order = estimates.indices.sorted {
      (estimates[$0].logDeterminant, $0) < (estimates[$1].logDeterminant, $1)
    }
    return order.prefix(keep).map { estimates[$0] }
  }

  /// Re-runs C-steps from given locations and covariances on other data.
  ///
  /// Candidates are independent, so for large data they run concurrently
  /// (`DispatchQueue.concurrentPerform`); results keep the input order, so
  /// the outcome does not depend on scheduling.
  static func restart(
    _ data: UnsafeBufferPointer<Double>, p: Int, count: Int, h: Int,
    from candidates: [Estimate], steps: Int
  ) -> [Estimate] {
    parallelMap(candidates, parallel: count >= 4000) { candidate in
      guard let start = cStep(data, p: p, count: count, h: h, candidate)
      else { return nil }
      return refine(data, p: p, count: count, h: h, start, maximumSteps: steps)
    }.compactMap { $0 }
  }

  /// C-steps after which refinement stops even if the determinant still
  /// falls (scikit-learn's `n_iter`).
  static let convergenceSteps = 30

  /// `map` that writes each result to its own slot, optionally from
  /// concurrent workers; the read-only inputs are shared without copies.
  static func parallelMap(
    _ inputs: [Estimate], parallel: Bool,
    _ transform: (Estimate) -> Estimate?
  ) -> [Estimate?] {
    if !parallel || inputs.count < 2 { return inputs.map(transform) }
    let results = UnsafeMutableBufferPointer<Estimate?>.allocate(
      capacity: inputs.count)
    results.initialize(repeating: nil)
    defer {
      results.deinitialize()
      results.deallocate()
    }
    withoutActuallyEscaping(transform) { body in
      nonisolated(unsafe) let work = body
      nonisolated(unsafe) let output = results
      DispatchQueue.concurrentPerform(iterations: inputs.count) { i in
        output[i] = work(inputs[i])
      }
    }
    return Array(results)
  }
}
