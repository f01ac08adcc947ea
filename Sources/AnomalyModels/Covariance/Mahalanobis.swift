import Foundation

/// Errors for a location and covariance that cannot define a distance.
public enum MahalanobisError: Error, Sendable, Hashable {
  /// Location length and covariance order differ.
  case dimensionMismatch(location: Int, covariance: Int)
  /// The covariance is not numerically positive definite (LAPACK `dpotrf`
  /// failed) or holds non-finite values.
  case notPositiveDefinite(dimension: Int)
}

/// Mahalanobis distance from a fixed location and covariance.
///
/// `d²(x) = (x − μ)ᵀ Σ⁻¹ (x − μ)`. The precision `Σ⁻¹` is precomputed at
/// construction (Cholesky `dpotrf`, then `dpotri`) and kept as its packed
/// upper triangle; scoring evaluates the quadratic form on that triangle,
/// `p(p+3)/2` multiply-adds per point, in the C kernel described at
/// `MahalanobisKernel` (AVX2 + FMA when the CPU has them, chosen at run
/// time, else portable; results of the two agree to
/// `1e-12 · Σ_ij |Σ⁻¹_ij z_i z_j|`).
///
/// Per-feature attribution uses the exact additive decomposition
/// `d² = Σ_j c_j` with `c_j = z_j · (Σ⁻¹ z)_j`, `z = x − μ`: the parts sum
/// to `d²` up to rounding, a feature uncorrelated with the others
/// contributes `z_j² / σ_jj`, and a part can be negative when a deviation
/// is partly explained by correlated features.
///
/// Memory: `2p² + p` doubles (covariance, precision, location) plus the
/// packed triangle, `p(p+1)/2`.
public struct MahalanobisModel: Sendable, Hashable, Codable, SchemaVersioned {
  /// The encoded layout version this build reads and writes.
  static let currentSchemaVersion = 1
  /// Version of the encoded layout; decoding refuses any other with
  /// `ModelDecodingError.unsupportedSchemaVersion`.
  @CheckedSchemaVersion<MahalanobisModel>
  public private(set) var schemaVersion = MahalanobisModel.currentSchemaVersion
  /// Number of features `p`.
  public let dimension: Int
  /// Location `μ`.
  public let location: [Double]
  /// Covariance `Σ`, row-major `p × p`.
  public let covariance: [Double]
  /// Precision `Σ⁻¹`, row-major `p × p`.
  public let precision: [Double]
  /// `log det Σ`.
  public let logDeterminant: Double
  /// `precision` packed for the kernel (derived; not encoded).
  let packedPrecision: [Double]

  private enum CodingKeys: String, CodingKey {
    case schemaVersion, dimension, location, covariance, precision
    case logDeterminant
  }

  /// Precomputes the precision of `covariance`.
  ///
  /// - Parameters:
  ///   - location: `μ`, length `p ≥ 1`.
  ///   - covariance: `Σ`, row-major `p × p`, symmetric positive definite.
  /// - Throws: `MahalanobisError.dimensionMismatch` or
  ///   `.notPositiveDefinite` (LAPACK `dpotrf` fails).
  /// - Complexity: O(p³).
  public init(location: [Double], covariance: [Double])
    throws(MahalanobisError)
  {
    let p = location.count
    guard covariance.count == p * p, p >= 1 else {
      throw .dimensionMismatch(
        location: p, covariance: Int(Double(covariance.count).squareRoot()))
    }
    guard let factor = LAPACK.cholesky(covariance, n: p),
      let precision = LAPACK.inverseFromCholesky(factor, n: p)
    else { throw .notPositiveDefinite(dimension: p) }
    var logDet = 0.0
    for i in 0..<p { logDet += 2 * Foundation.log(factor[i * p + i]) }
    self.dimension = p
    self.location = location
    self.covariance = covariance
    self.precision = precision
    self.logDeterminant = logDet
    self.packedPrecision = MahalanobisKernel.packUpperTriangle(
      precision, p: p)
  }

  /// Decodes a model encoded by `encode(to:)`.
  ///
  /// - Parameter decoder: holds `schemaVersion`, `dimension`, `location`,
  ///   `covariance`, `precision` and `logDeterminant`.
  /// - Throws: `ModelDecodingError.unsupportedSchemaVersion` for a version
  ///   other than 1; `DecodingError.dataCorrupted` when the array lengths
  ///   do not match `dimension`; the decoder's errors otherwise.
  /// - Complexity: O(p²).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    _schemaVersion = try container.decode(
      CheckedSchemaVersion<MahalanobisModel>.self, forKey: .schemaVersion)
    let p = try container.decode(Int.self, forKey: .dimension)
    location = try container.decode([Double].self, forKey: .location)
    covariance = try container.decode([Double].self, forKey: .covariance)
    precision = try container.decode([Double].self, forKey: .precision)
    logDeterminant = try container.decode(
      Double.self, forKey: .logDeterminant)
    guard p >= 1, location.count == p, covariance.count == p * p,
      precision.count == p * p
    else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: decoder.codingPath,
          debugDescription:
            "MahalanobisModel: dimension \(p) with \(location.count) "
            + "location, \(covariance.count) covariance and "
            + "\(precision.count) precision values"))
    }
    dimension = p
    packedPrecision = MahalanobisKernel.packUpperTriangle(precision, p: p)
  }

  /// Name of the scoring kernel this CPU runs: `"avx2+fma"` or
  /// `"portable"` (chosen once per process from the CPU's features).
  public static var scoringKernel: String {
    MahalanobisKernel.automaticPath == .avx2FMA ? "avx2+fma" : "portable"
  }

  /// Squared distance `d²(x)`.
  ///
  /// - Parameter point: `p` values; a NaN coordinate gives NaN, an
  ///   infinite one `+∞` or NaN.
  /// - Returns: `d² ≥ 0` up to rounding (a point at `μ` gives exactly 0);
  ///   bit-for-bit the value `squaredDistances` gives for the same row.
  /// - Complexity: O(p²); no allocation for `p ≤ 16`.
  public func squaredDistance(_ point: [Double]) -> Double {
    precondition(point.count == dimension, "squaredDistance: wrong length")
    return point.withUnsafeBufferPointer { squaredDistance($0.baseAddress!) }
  }

  /// Squared distances of every row of `data`.
  ///
  /// - Parameter data: `n × p` observations; a row with a NaN gets NaN,
  ///   the other rows are unaffected.
  /// - Returns: `n` squared distances, each as `squaredDistance` of the
  ///   row.
  /// - Complexity: O(n p²); about 3–10 ns per row at `p = 10` (see
  ///   `storagewatch-bench models`).
  public func squaredDistances(_ data: DataMatrix) -> [Double] {
    precondition(data.columns == dimension, "squaredDistances: wrong width")
    return data.values.withUnsafeBufferPointer {
      quadraticForms($0.baseAddress!, rows: data.rows)
    }
  }

  /// Chi-square upper-tail probability of a squared distance with `p`
  /// degrees of freedom (exact for Gaussian data with known parameters).
  ///
  /// - Parameter squaredDistance: `d² ≥ 0`.
  /// - Returns: `Pr(χ²_p > d²)`.
  /// - Complexity: as `SpecialFunctions.chiSquareSF`.
  public func pValue(squaredDistance: Double) -> Double {
    SpecialFunctions.chiSquareSF(
      squaredDistance, degreesOfFreedom: Double(dimension))
  }

  /// Per-feature parts `c_j = z_j (Σ⁻¹ z)_j` that sum to `d²(x)`.
  ///
  /// - Parameter point: `p` values.
  /// - Returns: `p` contributions; their sum equals `squaredDistance`.
  /// - Complexity: O(p²).
  public func attribution(_ point: [Double]) -> [Double] {
    precondition(point.count == dimension, "attribution: wrong length")
    let p = dimension
    let z = (0..<p).map { point[$0] - location[$0] }
    return (0..<p).map { j in
      var sum = 0.0
      for k in 0..<p { sum += precision[j * p + k] * z[k] }
      return z[j] * sum
    }
  }

  func squaredDistance(_ x: UnsafePointer<Double>) -> Double {
    var result = 0.0
    location.withUnsafeBufferPointer { mu in
      packedPrecision.withUnsafeBufferPointer { q in
        MahalanobisKernel.quadraticForms(
          x, rows: 1, p: dimension, location: mu.baseAddress!,
          packed: q.baseAddress!, into: &result)
      }
    }
    return result
  }

  /// Squared distances of the first `rows` rows of a row-major buffer of
  /// width `dimension`.
  func quadraticForms(
    _ x: UnsafePointer<Double>, rows: Int,
    path: MahalanobisKernel.Path = .automatic
  ) -> [Double] {
    if rows == 0 { return [] }
    return [Double](unsafeUninitializedCapacity: rows) { out, initialized in
      location.withUnsafeBufferPointer { mu in
        packedPrecision.withUnsafeBufferPointer { q in
          MahalanobisKernel.quadraticForms(
            x, rows: rows, p: dimension, location: mu.baseAddress!,
            packed: q.baseAddress!, path: path, into: out.baseAddress!)
        }
      }
      initialized = rows
    }
  }

  /// `(x_r − μ)ᵀ P (x_r − μ)` for the first `rows` rows of a row-major
  /// buffer, for a location and precision that are not a model (the MCD
  /// search).
  static func quadraticForms(
    _ data: UnsafeBufferPointer<Double>, rows: Int, p: Int,
    location: [Double], precision: [Double]
  ) -> [Double] {
    precondition(data.count >= rows * p, "quadraticForms: short buffer")
    if rows == 0 { return [] }
    let packed = MahalanobisKernel.packUpperTriangle(precision, p: p)
    return [Double](unsafeUninitializedCapacity: rows) { out, initialized in
      location.withUnsafeBufferPointer { mu in
        packed.withUnsafeBufferPointer { q in
          MahalanobisKernel.quadraticForms(
            data.baseAddress!, rows: rows, p: p, location: mu.baseAddress!,
            packed: q.baseAddress!, into: out.baseAddress!)
        }
      }
      initialized = rows
    }
  }
}
