import CMahalanobis

/// Batch evaluation of the Mahalanobis quadratic form
/// `(x_r − μ)ᵀ P (x_r − μ)` in the C target `CMahalanobis`.
///
/// This is the only file that imports `CMahalanobis`.
///
/// Kernel: rows are scored in blocks of 4 (AVX2) or 2 (portable), one
/// vector lane per row, after centring and transposing the block (a
/// structure of arrays; with AVX2, four columns at a time by a 4 × 4
/// register transpose of four row loads); the form runs on the packed upper triangle of
/// `P` with doubled off-diagonals, `Σ_i z_i (Σ_{j ≥ i} q_ij z_j)`, which
/// is `p(p+1)/2 + p` multiply-adds per row. For `p ≤ 16` the loops are
/// fully unrolled for that `p` and the block stays in registers. Every
/// row goes through the same operations in the same order whatever its
/// neighbours and position, so a row's score does not depend on the batch
/// it is in, and NaN in a row reaches only that row's score.
///
/// Dispatch: the C file compiles the kernel twice, once for the build's
/// baseline instruction set and once under
/// `__attribute__((target("avx2,fma")))`, and picks the AVX2 one at run
/// time when `__builtin_cpu_supports` reports AVX2 and FMA. No compiler
/// flags are needed, so the package stays usable as a dependency (where
/// `unsafeFlags` are refused).
///
/// Tolerance: the AVX2 path rounds once per fused multiply-add where the
/// portable path rounds twice, so the two differ (from each other and from
/// a plain scalar loop in the same order) by at most a few units of
/// `p · ε · Σ_ij |P_ij z_i z_j|`; the tests allow
/// `1e-12 · Σ_ij |P_ij z_i z_j|`. Results are reproducible on one machine
/// and may differ in the last bits between machines with and without
/// AVX2.
enum MahalanobisKernel {
  /// An implementation of the kernel.
  enum Path: Sendable, CaseIterable {
    /// AVX2 + FMA when this CPU has them, else portable.
    case automatic
    /// The build's baseline instruction set, no fused multiply-add.
    case portable
    /// AVX2 with fused multiply-add (x86-64 only).
    case avx2FMA
  }

  /// Whether `.avx2FMA` can run on this CPU.
  static let hasAVX2FMA = cmahalanobis_has_avx2_fma() != 0

  /// The path `.automatic` takes on this CPU.
  static var automaticPath: Path { hasAVX2FMA ? .avx2FMA : .portable }

  /// The paths that can run here.
  static var availablePaths: [Path] {
    hasAVX2FMA ? [.automatic, .portable, .avx2FMA] : [.automatic, .portable]
  }

  /// Packed upper triangle of a symmetric row-major `p × p` matrix, row by
  /// row, off-diagonal entries doubled: `p(p+1)/2` values.
  ///
  /// - Complexity: O(p²).
  static func packUpperTriangle(_ matrix: [Double], p: Int) -> [Double] {
    precondition(matrix.count == p * p, "packUpperTriangle: not p × p")
    var packed = [Double]()
    packed.reserveCapacity(p * (p + 1) / 2)
    for i in 0..<p {
      packed.append(matrix[i * p + i])
      for j in (i + 1)..<max(i + 1, p) {
        packed.append(2 * matrix[i * p + j])
      }
    }
    return packed
  }

  /// Writes `(x_r − μ)ᵀ P (x_r − μ)` of the first `rows` rows of a
  /// row-major buffer with `p` columns into `out[0..<rows]`.
  ///
  /// - Parameters:
  ///   - data: at least `rows · p` values.
  ///   - location: `μ`, `p` values.
  ///   - packed: `packUpperTriangle(P, p:)`.
  ///   - path: implementation; `.avx2FMA` only where `hasAVX2FMA`.
  ///   - out: at least `rows` values.
  /// - Complexity: O(rows · p²); allocates only for `p > 16` (one scratch
  ///   block of `8p` doubles per call).
  static func quadraticForms(
    _ data: UnsafePointer<Double>, rows: Int, p: Int,
    location: UnsafePointer<Double>, packed: UnsafePointer<Double>,
    path: Path = .automatic, into out: UnsafeMutablePointer<Double>
  ) {
    precondition(
      path != .avx2FMA || hasAVX2FMA, "quadraticForms: no AVX2 + FMA here")
    if rows == 0 { return }
    let variant: CMahalanobisVariant =
      switch path {
      case .automatic: CMahalanobisVariantAutomatic
      case .portable: CMahalanobisVariantPortable
      case .avx2FMA: CMahalanobisVariantAVX2FMA
      }
    if p <= 16 {
      cmahalanobis_quadratic_forms(
        data, rows, p, location, packed, nil, out, variant)
      return
    }
    let scratch = UnsafeMutableRawPointer.allocate(
      byteCount: 8 * p * MemoryLayout<Double>.stride, alignment: 64)
    defer { scratch.deallocate() }
    cmahalanobis_quadratic_forms(
      data, rows, p, location, packed,
      scratch.bindMemory(to: Double.self, capacity: 8 * p), out, variant)
  }
}
