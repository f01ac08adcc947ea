import Foundation
import Testing

// Fixtures in Fixtures/*.json are produced by
// Scripts/reference/anomaly_models_reference.py (numpy, pandas, scipy,
// scikit-learn and mpmath at the versions pinned in
// Scripts/reference/requirements.txt and recorded in each file). NaN is
// stored as null.

enum Fixture {
  static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
    let url = try #require(
      Bundle.module.url(
        forResource: name, withExtension: "json", subdirectory: "Fixtures"))
    return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
  }
}

/// `|actual − expected| ≤ tolerance · max(|expected|, floor)`.
func isClose(
  _ actual: Double, _ expected: Double, relative tolerance: Double,
  floor: Double = 1e-300
) -> Bool {
  if actual.isNaN || expected.isNaN { return actual.isNaN && expected.isNaN }
  if actual == expected { return true }
  return abs(actual - expected) <= tolerance * max(abs(expected), floor)
}

/// Same for optional (null = NaN) fixture values.
func isClose(
  _ actual: Double, _ expected: Double?, relative tolerance: Double,
  floor: Double = 1e-300
) -> Bool {
  isClose(actual, expected ?? .nan, relative: tolerance, floor: floor)
}

/// Encodes and decodes a value with JSON.
func roundTrip<T: Codable>(_ value: T) throws -> T {
  let data = try JSONEncoder().encode(value)
  return try JSONDecoder().decode(T.self, from: data)
}
