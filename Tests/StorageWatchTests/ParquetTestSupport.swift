import Foundation
import Testing

@testable import StorageWatch

/// Where the Parquet tests find their inputs.
enum ParquetFixtures {
  /// The bytes of a file under `Fixtures/parquet/`.
  static func bytes(_ name: String) throws -> [UInt8] {
    let url = try #require(
      Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    return [UInt8](
      try Data(
        contentsOf: url.appendingPathComponent("parquet")
          .appendingPathComponent(name)))
  }

  /// The repository's root, from this file's path.
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The table written as Parquet and read back.
  static func decode(
    _ bytes: [UInt8]
  ) throws(FeatureTableError) -> FeatureTable {
    try FeatureTable.decode(bytes, format: .parquet, path: "t.parquet")
  }
}
