import CLAPACK
import Foundation

/// Thin Swift wrappers over the LAPACKE routines this library uses.
///
/// This is the only file that imports `CLAPACK`; every other file calls
/// these wrappers. Matrices are dense, square, symmetric and stored
/// row-major as `[Double]` of length `n * n`. Because the matrices are
/// symmetric, row-major and column-major storage coincide, so the routines
/// are called with `LAPACK_COL_MAJOR` and the lower triangle ("L").
///
/// Before the first routine runs, OpenBLAS is limited to one thread
/// (`openblas_set_num_threads(1)`) unless `OPENBLAS_NUM_THREADS` is set:
/// the matrices here are p × p with p in the tens, where OpenBLAS's
/// threaded `dpotri` only adds hand-offs and spinning workers (about 30%
/// of the CPU time of a 100,000 × 10 FastMCD fit on two cores), and the
/// callers already run independent fits and C-steps in parallel. The
/// setting is process-wide.
enum LAPACK {
  /// Applies the thread setting once; read by every wrapper.
  private static let threadsLimited: Void = {
    if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil {
      openblas_set_num_threads(1)
    }
  }()

  /// Cholesky factor `L` with `A = L Lᵀ` (LAPACK `dpotrf`, lower).
  ///
  /// - Parameters:
  ///   - matrix: symmetric `n × n` matrix, row-major.
  ///   - n: order of the matrix.
  /// - Returns: the lower-triangular factor (row-major, upper part zeroed),
  ///   or `nil` when the matrix is not numerically positive definite
  ///   (`dpotrf` returned `info > 0`) or contains non-finite values.
  /// - Complexity: O(n³).
  static func cholesky(_ matrix: [Double], n: Int) -> [Double]? {
    precondition(matrix.count == n * n, "cholesky: matrix is not n × n")
    _ = threadsLimited
    if n == 0 { return [] }
    for value in matrix where !value.isFinite { return nil }
    // Column-major "U" of the row-major array is the row-major "L".
    var a = matrix
    let info = a.withUnsafeMutableBufferPointer { buffer in
      LAPACKE_dpotrf(
        LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n),
        buffer.baseAddress, Int32(n))
    }
    guard info == 0 else { return nil }
    for row in 0..<n {
      for column in (row + 1)..<max(row + 1, n) {
        a[row * n + column] = 0
      }
    }
    return a
  }

  /// Eigenvalues (ascending) and eigenvectors of a symmetric matrix
  /// (LAPACK `dsyevr`, all eigenpairs).
  ///
  /// - Parameters:
  ///   - matrix: symmetric `n × n` matrix, row-major.
  ///   - n: order of the matrix.
  /// - Returns: `values` ascending and `vectors` row-major with eigenvector
  ///   `k` in column `k`, or `nil` when `dsyevr` fails or the input is not
  ///   finite.
  /// - Complexity: O(n³).
  static func symmetricEigen(
    _ matrix: [Double], n: Int
  ) -> (values: [Double], vectors: [Double])? {
    precondition(matrix.count == n * n, "symmetricEigen: not n × n")
    _ = threadsLimited
    if n == 0 { return ([], []) }
    for value in matrix where !value.isFinite { return nil }
    var a = matrix
    var values = [Double](repeating: 0, count: n)
    var vectorsColumnMajor = [Double](repeating: 0, count: n * n)
    var support = [Int32](repeating: 0, count: 2 * n)
    var found: Int32 = 0
    let info = a.withUnsafeMutableBufferPointer { aBuffer in
      values.withUnsafeMutableBufferPointer { wBuffer in
        vectorsColumnMajor.withUnsafeMutableBufferPointer { zBuffer in
          support.withUnsafeMutableBufferPointer { sBuffer in
            LAPACKE_dsyevr(
              LAPACK_COL_MAJOR, Int8(UInt8(ascii: "V")),
              Int8(UInt8(ascii: "A")), Int8(UInt8(ascii: "L")), Int32(n),
              aBuffer.baseAddress, Int32(n), 0, 0, 0, 0, 0, &found,
              wBuffer.baseAddress, zBuffer.baseAddress, Int32(n),
              sBuffer.baseAddress)
          }
        }
      }
    }
    guard info == 0, found == Int32(n) else { return nil }
    var vectors = [Double](repeating: 0, count: n * n)
    for row in 0..<n {
      for column in 0..<n {
        vectors[row * n + column] = vectorsColumnMajor[column * n + row]
      }
    }
    return (values, vectors)
  }

  /// Inverse of a symmetric positive definite matrix from its Cholesky
  /// factor (LAPACK `dpotri`).
  ///
  /// - Parameters:
  ///   - factor: lower Cholesky factor from `cholesky(_:n:)`, row-major.
  ///   - n: order of the matrix.
  /// - Returns: the full symmetric inverse, row-major, or `nil` when
  ///   `dpotri` reports a zero pivot.
  /// - Complexity: O(n³).
  static func inverseFromCholesky(_ factor: [Double], n: Int) -> [Double]? {
    precondition(factor.count == n * n, "inverseFromCholesky: not n × n")
    _ = threadsLimited
    if n == 0 { return [] }
    var a = factor
    let info = a.withUnsafeMutableBufferPointer { buffer in
      LAPACKE_dpotri(
        LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n),
        buffer.baseAddress, Int32(n))
    }
    guard info == 0 else { return nil }
    for row in 0..<n {
      for column in (row + 1)..<max(row + 1, n) {
        a[row * n + column] = a[column * n + row]
      }
    }
    return a
  }
}
