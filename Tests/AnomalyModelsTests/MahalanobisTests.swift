import Foundation
import Testing

@testable import AnomalyModels

@Suite("Mahalanobis distance")
struct MahalanobisTests {
  static let covariance: [Double] = [4, 1.2, 0.4, 1.2, 2, -0.3, 0.4, -0.3, 1]
  static let location: [Double] = [1, -1, 0.5]

  // Direct check against a hand-solved system: tolerance 1e-12 relative.
  @Test(arguments: [[1.0, -1, 0.5], [3, 2, -1], [-4, 0.1, 7]])
  func distanceAndAttribution(point: [Double]) throws {
    let m = try MahalanobisModel(
      location: Self.location, covariance: Self.covariance)
    let z = zip(point, Self.location).map { $0 - $1 }
    // Σ⁻¹ z by Gaussian elimination on the 3 × 3 system.
    var a = Self.covariance
    var b = z
    for i in 0..<3 {
      for r in (i + 1)..<3 {
        let f = a[r * 3 + i] / a[i * 3 + i]
        for c in i..<3 { a[r * 3 + c] -= f * a[i * 3 + c] }
        b[r] -= f * b[i]
      }
    }
    var y = [0.0, 0, 0]
    for i in stride(from: 2, through: 0, by: -1) {
      var s = b[i]
      for c in (i + 1)..<3 { s -= a[i * 3 + c] * y[c] }
      y[i] = s / a[i * 3 + i]
    }
    let expected = zip(z, y).map { $0 * $1 }.reduce(0, +)
    let d2 = m.squaredDistance(point)
    #expect(isClose(d2, expected, relative: 1e-12, floor: 1e-12))
    let parts = m.attribution(point)
    #expect(isClose(parts.reduce(0, +), d2, relative: 1e-12, floor: 1e-12))
    #expect(
      isClose(
        m.pValue(squaredDistance: d2),
        SpecialFunctions.chiSquareSF(d2, degreesOfFreedom: 3), relative: 0))
  }

  @Test func diagonalAttributionIsStandardizedSquare() throws {
    let m = try MahalanobisModel(location: [0, 0], covariance: [4, 0, 0, 9])
    #expect(m.attribution([2, 3]) == [1, 1])
    let batch = m.squaredDistances(
      DataMatrix(rows: 2, columns: 2, values: [2, 3, 0, 0]))
    #expect(batch == [2, 0])
  }

  @Test func rejectsSingularCovariance() {
    #expect(throws: MahalanobisError.notPositiveDefinite(dimension: 2)) {
      try MahalanobisModel(location: [0, 0], covariance: [1, 1, 1, 1])
    }
    #expect(throws: MahalanobisError.self) {
      try MahalanobisModel(location: [0], covariance: [1, 0, 0, 1])
    }
  }

  @Test func codableRoundTripIsExact() throws {
    let m = try MahalanobisModel(
      location: Self.location, covariance: Self.covariance)
    let decoded = try roundTrip(m)
    #expect(decoded == m)
    #expect(
      zip(decoded.precision, m.precision).allSatisfy {
        $0.bitPattern == $1.bitPattern
      })
  }
}
