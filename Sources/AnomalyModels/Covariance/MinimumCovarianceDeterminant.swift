import Foundation

/// Errors from fitting a minimum covariance determinant model.
public enum MCDError: Error, Sendable, Hashable {
  /// Fewer rows than the fit needs (`required = p + 2`).
  case tooFewSamples(n: Int, p: Int, required: Int)
  /// A NaN or infinite value at `row`, `column`.
  case nonFiniteValue(row: Int, column: Int)
  /// No candidate subset could be factorized even with the ridge, which
  /// only happens for data with values near `Double.greatestFiniteMagnitude`.
  case noValidSubset(n: Int, p: Int)
}

/// Configuration of the FastMCD robust location and covariance estimator
/// (Rousseeuw & Van Driessen 1999), following scikit-learn 1.9's
/// `MinCovDet` for the estimate it returns.
///
/// Steps:
/// 1. Columns are centred by their median and divided by their
///    `RobustScale` (MAD × 1.482602218505602 with its fallbacks), an
///    affine change that the MCD is equivariant to and that makes the
///    ridge and eigenvalue floor below scale-free.
/// 2. `h = min(⌈(n + p + 1)/2⌉, n)`, or `⌊supportFraction · n⌋`.
/// 3. For `p = 1` the exact shortest-half solution (as scikit-learn).
///    For `n ≤ 500`, `trials` random (p+1)-subsets (grown while singular)
///    with two C-steps each; for `n > 500`, up to 1500 random rows split
///    into `k = min(5, ⌊m/300⌋)` disjoint subsets, `trials/k` starts per
///    subset with two C-steps, the 10 best of each carried to the merged
///    rows for two C-steps. Finally the 10 best get two C-steps (one when
///    n > 5000) on all rows, and the best 10 (n ≤ 5000) or 3 of those are
///    iterated until the determinant stops decreasing (at most 30 steps);
///    the lowest determinant is the raw estimate.
/// 4. Consistency (scikit-learn 1.9 `correct_covariance`): distances are
///    divided by `c(α) = α / F_{χ²_{p+2}}(χ²_p⁻¹(α))`, `α = h/n`
///    (Croux & Haesbroeck 1999). `rawCovariance` is stored uncorrected, as
///    scikit-learn's `raw_covariance_`.
/// 5. Reweighting: rows with corrected `d² < χ²_p⁻¹(0.975)` give the final
///    mean and biased covariance, multiplied by `c(0.975)`.
///
/// Rank deficiency (constant or collinear columns, tied count data): every
/// subset covariance gets a ridge of 1e-12 × its mean variance before
/// `dpotrf`, so exact fits have a very small but finite determinant
/// instead of failing; the raw and final covariances are then eigen-
/// decomposed (`dsyevr`, standardized units) and eigenvalues below
/// `eigenvalueFloor` are raised to it, which `MCDModel.regularization`
/// reports.
public struct MinimumCovarianceDeterminant: Sendable, Hashable, Codable {
  /// Fraction of rows in the raw support; `nil` for the maximal breakdown
  /// choice `⌈(n + p + 1)/2⌉ / n`.
  public var supportFraction: Double?
  /// Seed of the `SeededGenerator` that draws subsets.
  public var seed: UInt64
  /// Number of random starts (500 in the paper).
  public var trials: Int
  /// Smallest eigenvalue kept in standardized units (each column divided
  /// by its robust scale).
  public var eigenvalueFloor: Double
  /// Probability of the reweighting cut-off (0.975).
  public var reweightingQuantile: Double

  /// Creates a configuration.
  ///
  /// - Parameters:
  ///   - supportFraction: in (0, 1], or `nil` (default).
  ///   - seed: generator seed (default 0).
  ///   - trials: random starts, ≥ 1 (default 500).
  ///   - eigenvalueFloor: > 0 (default 1e-8).
  ///   - reweightingQuantile: in (0, 1) (default 0.975).
  /// - Complexity: O(1).
  public init(
    supportFraction: Double? = nil, seed: UInt64 = 0, trials: Int = 500,
    eigenvalueFloor: Double = 1e-8, reweightingQuantile: Double = 0.975
  ) {
    if let supportFraction {
      precondition(
        supportFraction > 0 && supportFraction <= 1,
        "MCD: supportFraction must be in (0, 1]")
    }
    precondition(trials >= 1, "MCD: trials must be >= 1")
    precondition(eigenvalueFloor > 0, "MCD: eigenvalueFloor must be > 0")
    precondition(
      reweightingQuantile > 0 && reweightingQuantile < 1,
      "MCD: reweightingQuantile must be in (0, 1)")
    self.supportFraction = supportFraction
    self.seed = seed
    self.trials = trials
    self.eigenvalueFloor = eigenvalueFloor
    self.reweightingQuantile = reweightingQuantile
  }

  /// Fits the robust location and covariance of the rows of `data`.
  ///
  /// - Parameter data: `n × p` finite observations, `n ≥ p + 2`.
  /// - Returns: the model plus the raw and final supports and the final
  ///   squared distances of the training rows.
  /// - Throws: `MCDError.tooFewSamples`, `.nonFiniteValue`, or
  ///   `.noValidSubset`.
  /// - Complexity: O(trials · min(n, 1500) · p² + n p² · steps), about
  ///   0.2 s for 100 000 × 10 in release on two cores.
  public func fit(_ data: DataMatrix) throws(MCDError) -> MCDFit {
    try fit(data, rawSupport: nil)
  }

  /// `fit`, or with a given raw support (`rawSupport` row indices) the
  /// deterministic remainder only: C-steps from that support to
  /// convergence, correction and reweighting.
  func fit(_ data: DataMatrix, rawSupport forced: [Int]?) throws(MCDError)
    -> MCDFit
  {
    let n = data.rows
    let p = data.columns
    guard n >= p + 2 else {
      throw .tooFewSamples(n: n, p: p, required: p + 2)
    }
    for (index, value) in data.values.enumerated() where !value.isFinite {
      throw .nonFiniteValue(row: index / p, column: index % p)
    }

    // 1. Standardize by column medians and robust scales.
    var centers = [Double](repeating: 0, count: p)
    var scales = [Double](repeating: 1, count: p)
    for j in 0..<p {
      let robust = RobustScale.fromUnsorted(
        (0..<n).map { data.values[$0 * p + j] })
      centers[j] = robust.median
      scales[j] = robust.scale
    }
    var z = data.values
    for i in 0..<n {
      for j in 0..<p { z[i * p + j] = (z[i * p + j] - centers[j]) / scales[j] }
    }

    // 2. Support size.
    let h: Int
    if let supportFraction {
      h = max(min(Int(supportFraction * Double(n)), n), p + 1)
    } else {
      h = min(Int((Double(n + p + 1) / 2).rounded(.up)), n)
    }

    // 3. Raw estimate.
    var generator = SeededGenerator(seed: seed)
    let raw: MCDKernel.Estimate
    if let forced {
      let found = z.withUnsafeBufferPointer { buffer in
        MCDKernel.estimate(buffer, p: p, rows: forced).map {
          MCDKernel.refine(
            buffer, p: p, count: n, h: h, $0,
            maximumSteps: MCDKernel.convergenceSteps)
        }
      }
      guard let found else { throw .noValidSubset(n: n, p: p) }
      raw = found
    } else if p == 1 {
      raw = Self.univariate(z, h: h)
    } else {
      let found = z.withUnsafeBufferPointer { buffer in
        rawEstimate(buffer, n: n, p: p, h: h, generator: &generator)
      }
      guard let found else { throw .noValidSubset(n: n, p: p) }
      raw = found
    }

    // 4. Consistency correction of the raw distances.
    var rawSupport = [Bool](repeating: false, count: n)
    for r in raw.support { rawSupport[r] = true }
    let rawFloored = Self.floorEigenvalues(
      raw.covariance, p: p, floor: eigenvalueFloor)
    let rawModel = Self.model(
      location: raw.location, covariance: rawFloored.matrix)
    let zMatrix = DataMatrix(rows: n, columns: p, values: z)
    let rawFactor = Self.consistencyFactor(
      p: p, alpha: Double(h) / Double(n))
    let rawDistances = rawModel.squaredDistances(zMatrix).map {
      $0 / rawFactor
    }

    // 5. Reweighting.
    let cutoff = SpecialFunctions.chiSquareQuantile(
      reweightingQuantile, degreesOfFreedom: Double(p))
    var kept = (0..<n).filter { rawDistances[$0] < cutoff }
    if kept.count < p + 1 { kept = raw.support }
    let (mean, biased) = z.withUnsafeBufferPointer {
      MCDKernel.meanAndCovariance($0, p: p, rows: kept)
    }
    let finalFactor = Self.consistencyFactor(p: p, alpha: reweightingQuantile)
    let floored = Self.floorEigenvalues(
      biased.map { $0 * finalFactor }, p: p, floor: eigenvalueFloor)
    let finalStandardized = Self.model(
      location: mean, covariance: floored.matrix)
    let distances = finalStandardized.squaredDistances(zMatrix)
    var support = [Bool](repeating: false, count: n)
    for r in kept { support[r] = true }

    // Back to the original units.
    func unscaleLocation(_ v: [Double]) -> [Double] {
      (0..<p).map { centers[$0] + scales[$0] * v[$0] }
    }
    func unscaleCovariance(_ m: [Double]) -> [Double] {
      (0..<(p * p)).map { m[$0] * scales[$0 / p] * scales[$0 % p] }
    }
    let regularization: MCDModel.Regularization =
      floored.raised == 0 && rawFloored.raised == 0
      ? .none
      : .eigenvalueFloor(
        floor: eigenvalueFloor, raisedRaw: rawFloored.raised,
        raisedFinal: floored.raised)
    let final = Self.model(
      location: unscaleLocation(mean),
      covariance: unscaleCovariance(floored.matrix))
    let model = MCDModel(
      configuration: self, sampleCount: n, supportSize: h,
      rawLocation: unscaleLocation(raw.location),
      rawCovariance: unscaleCovariance(raw.covariance),
      rawLogDeterminant: raw.logDeterminant
        + 2 * scales.reduce(0) { $0 + Foundation.log($1) },
      rawConsistencyFactor: rawFactor, reweightedConsistencyFactor: finalFactor,
      cutoff: cutoff, regularization: regularization, distance: final)
    return MCDFit(
      model: model, rawSupport: rawSupport, support: support,
      distances: distances)
  }

  /// `c(α) = α / F_{χ²_{p+2}}(χ²_p⁻¹(α))`; 1 for `α ≥ 1`.
  static func consistencyFactor(p: Int, alpha: Double) -> Double {
    if alpha >= 1 { return 1 }
    let q = SpecialFunctions.chiSquareQuantile(
      alpha, degreesOfFreedom: Double(p))
    return alpha
      / SpecialFunctions.chiSquareCDF(q, degreesOfFreedom: Double(p + 2))
  }

  /// Raises eigenvalues below `floor` (LAPACK `dsyevr`); returns the
  /// matrix and how many were raised.
  static func floorEigenvalues(
    _ matrix: [Double], p: Int, floor: Double
  ) -> (matrix: [Double], raised: Int) {
    guard let (values, vectors) = LAPACK.symmetricEigen(matrix, n: p) else {
      var ridged = matrix
      for i in 0..<p { ridged[i * p + i] += floor }
      return (ridged, p)
    }
    let raised = values.filter { $0 < floor }.count
    if raised == 0 { return (matrix, 0) }
    let clipped = values.map { max($0, floor) }
    var result = [Double](repeating: 0, count: p * p)
    for i in 0..<p {
      for j in i..<p {
        var s = 0.0
        for k in 0..<p {
          s += vectors[i * p + k] * clipped[k] * vectors[j * p + k]
        }
        result[i * p + j] = s
        result[j * p + i] = s
      }
    }
    return (result, raised)
  }

  /// A distance model for a floored (hence positive definite) covariance.
  static func model(location: [Double], covariance: [Double])
    -> MahalanobisModel
  {
    do {
      return try MahalanobisModel(location: location, covariance: covariance)
    } catch {
      // The eigenvalue floor makes the matrix positive definite; this
      // only fails for overflowing input.
      var ridged = covariance
      let p = location.count
      for i in 0..<p { ridged[i * p + i] += 1e-6 * max(ridged[i * p + i], 1) }
      return try! MahalanobisModel(location: location, covariance: ridged)
    }
  }

  /// scikit-learn's exact univariate MCD: the shortest window of `h`
  /// sorted values, location the mean of the tied windows' midpoints as
  /// scikit-learn computes it, support the `h` values closest to it.
  static func univariate(_ values: [Double], h: Int) -> MCDKernel.Estimate {
    let n = values.count
    var location: Double
    if h < n {
      let sorted = values.sorted()
      var best = Double.infinity
      var starts: [Int] = []
      for i in 0..<(n - h) {
        let width = sorted[i + h] - sorted[i]
        if width < best {
          best = width
          starts = [i]
        } else if width == best {
          starts.append(i)
        }
      }
      location = 0
      for i in starts { location += sorted[h + i] + sorted[i] }
      location = 0.5 * location / Double(starts.count)
    } else {
      location = values.reduce(0, +) / Double(n)
    }
    let order = (0..<n).sorted {
      (abs(values[$0] - location), $0) < (abs(values[$1] - location), $1)
    }
    let support = h < n ? Array(order.prefix(h)) : Array(0..<n)
    let variance: Double = {
      let m = support.reduce(0) { $0 + values[$1] } / Double(support.count)
      return support.reduce(0) { $0 + (values[$1] - m) * (values[$1] - m) }
        / Double(support.count)
    }()
    return MCDKernel.Estimate(
      location: [location], covariance: [variance],
      precision: [variance > 0 ? 1 / variance : 0],
      logDeterminant: Foundation.log(variance), support: support)
  }

  /// Steps 3 of FastMCD for `p ≥ 2`.
  func rawEstimate(
    _ z: UnsafeBufferPointer<Double>, n: Int, p: Int, h: Int,
    generator: inout SeededGenerator
  ) -> MCDKernel.Estimate? {
    let keep = 10
    var candidates: [MCDKernel.Estimate]
    if n <= 500 {
      candidates = MCDKernel.bestOfRandomStarts(
        z, p: p, count: n, h: h, trials: trials, steps: 2, keep: keep,
        generator: &generator)
    } else {
      // Merged set: up to 1500 random rows, split into k subsets.
      let merged = min(1500, n)
      var permutation = Array(0..<n)
      for i in 0..<merged {
        let j = i + generator.nextInt(below: n - i)
        permutation.swapAt(i, j)
      }
      let mergedRows = Array(permutation.prefix(merged))
      let mergedData = mergedRows.flatMap { r in
        (0..<p).map { z[r * p + $0] }
      }
      let k = max(1, min(5, merged / 300))
      let subsetSize = merged / k
      let fraction = Double(h) / Double(n)
      let hSubset = max(
        Int((Double(subsetSize) * fraction).rounded(.up)), p + 1)
      let hMerged = max(Int((Double(merged) * fraction).rounded(.up)), p + 1)
      var pooled: [MCDKernel.Estimate] = []
      for s in 0..<k {
        let slice = Array(
          mergedData[(s * subsetSize * p)..<((s + 1) * subsetSize * p)])
        let best = slice.withUnsafeBufferPointer { buffer in
          MCDKernel.bestOfRandomStarts(
            buffer, p: p, count: subsetSize, h: hSubset,
            trials: max(1, trials / k), steps: 2, keep: keep,
            generator: &generator)
        }
        pooled.append(contentsOf: best)
      }
      candidates = mergedData.withUnsafeBufferPointer { buffer in
        MCDKernel.best(
          MCDKernel.restart(
            buffer, p: p, count: merged, h: hMerged, from: pooled, steps: 2),
          keep: keep)
      }
    }
    // Every candidate is carried to convergence on all rows (at most 30
    // C-steps, as in the paper and scikit-learn's `select_candidates`);
    // the lowest determinant wins.
    let converged = MCDKernel.restart(
      z, p: p, count: n, h: h, from: candidates,
      steps: MCDKernel.convergenceSteps - 1)
    return MCDKernel.best(converged, keep: 1).first
  }
}

/// A fitted minimum covariance determinant model.
///
/// Memory: about `3p² + 3p` doubles plus the configuration (under 3 KB at
/// p = 10); the per-row supports and distances live in `MCDFit` only.
public struct MCDModel: Sendable, Hashable, Codable, SchemaVersioned {
  /// How a rank-deficient covariance was made usable.
  public enum Regularization: Sendable, Hashable, Codable {
    /// Nothing was needed.
    case none
    /// Eigenvalues below `floor` (standardized units, LAPACK `dsyevr`)
    /// were raised to it: `raisedRaw` in the raw and `raisedFinal` in the
    /// reweighted covariance.
    case eigenvalueFloor(floor: Double, raisedRaw: Int, raisedFinal: Int)
  }

  /// The encoded layout version this build reads and writes.
  static let currentSchemaVersion = 1
  /// Version of the encoded layout; decoding refuses any other with
  /// `ModelDecodingError.unsupportedSchemaVersion`.
  @CheckedSchemaVersion<MCDModel>
  public private(set) var schemaVersion = MCDModel.currentSchemaVersion
  /// The configuration that produced the model (seed included).
  public let configuration: MinimumCovarianceDeterminant
  /// Number of training rows `n`.
  public let sampleCount: Int
  /// Raw support size `h`.
  public let supportSize: Int
  /// Mean of the raw (determinant-minimizing) support.
  public let rawLocation: [Double]
  /// Biased covariance of the raw support, uncorrected (scikit-learn's
  /// `raw_covariance_`).
  public let rawCovariance: [Double]
  /// `log det` of the raw covariance (with the 1e-12 relative ridge).
  public let rawLogDeterminant: Double
  /// `c(h/n)` dividing the raw distances before reweighting.
  public let rawConsistencyFactor: Double
  /// `c(0.975)` multiplying the reweighted covariance.
  public let reweightedConsistencyFactor: Double
  /// `χ²_p⁻¹(reweightingQuantile)`, the reweighting and flagging cut-off.
  public let cutoff: Double
  /// What was done about rank deficiency.
  public let regularization: Regularization
  /// Final (reweighted) location and covariance with its precision.
  public let distance: MahalanobisModel

  /// Final location (scikit-learn's `location_`).
  public var location: [Double] { distance.location }
  /// Final covariance (scikit-learn's `covariance_`), row-major.
  public var covariance: [Double] { distance.covariance }

  /// Squared Mahalanobis distance of a point from the final estimate.
  ///
  /// - Parameter point: `p` values.
  /// - Returns: `d²`.
  /// - Complexity: O(p²).
  public func squaredDistance(_ point: [Double]) -> Double {
    distance.squaredDistance(point)
  }

  /// Whether a point lies beyond `cutoff`.
  ///
  /// - Parameter point: `p` values.
  /// - Returns: `d² > cutoff`.
  /// - Complexity: O(p²).
  public func isOutlier(_ point: [Double]) -> Bool {
    distance.squaredDistance(point) > cutoff
  }
}

/// The result of `MinimumCovarianceDeterminant.fit`: the model and per-row
/// training results.
public struct MCDFit: Sendable, Hashable {
  /// The fitted model.
  public let model: MCDModel
  /// Rows in the raw `h`-subset.
  public let rawSupport: [Bool]
  /// Rows kept by reweighting.
  public let support: [Bool]
  /// Final squared distances of the training rows (scikit-learn's
  /// `dist_`).
  public let distances: [Double]
}
