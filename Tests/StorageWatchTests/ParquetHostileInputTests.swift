import AnomalyModels
import Foundation
import Testing

@testable import StorageWatch

@Suite("Parquet reader: truncated and bit-flipped files throw, never crash")
struct ParquetHostileInputTests {
  /// A small table written by StorageWatch.
  static func small() -> [UInt8] {
    var activity = FeatureTableTests.activity()
    for (name, principal) in activity {
      var kept = principal
      kept.hours = Array(principal.hours.prefix(2))
      kept.deriveFirstSeen()
      activity[name] = kept
    }
    return FeatureTable(activity: activity).encoded(as: .parquet)
  }

  static let files = [
    "storagewatch", "pyarrow-v2-snappy.parquet",
    "pyarrow-dictionary-snappy.parquet",
  ]

  static func file(_ name: String) throws -> [UInt8] {
    name == "storagewatch" ? small() : try ParquetFixtures.bytes(name)
  }

  @Test("Every truncation is refused", arguments: files)
  func truncations(_ name: String) throws {
    let bytes = try Self.file(name)
    _ = try ParquetFixtures.decode(bytes)
    for length in 0..<bytes.count {
      #expect(throws: FeatureTableError.self, "cut at \(length)") {
        _ = try ParquetFixtures.decode(Array(bytes[..<length]))
      }
    }
  }

  @Test("Every cut of the pages, with the footer kept, is refused")
  func cutPages() throws {
    let bytes = Self.small()
    let length = (0..<4).reduce(0) {
      $0 | Int(bytes[bytes.count - 8 + $1]) << (8 * $1)
    }
    let footer = 8 + length
    let pagesEnd = bytes.count - footer
    for length in stride(from: 4, to: pagesEnd, by: 7) {
      let cut = Array(bytes[..<length]) + Array(bytes[pagesEnd...])
      #expect(throws: FeatureTableError.self, "cut at \(length)") {
        _ = try ParquetFixtures.decode(cut)
      }
    }
  }

  /// Seeded by `PARQUET_FLIP_SEED` or at random, the seed printed;
  /// `PARQUET_FLIP_TRIALS` damaged copies of each file (default 600).
  @Test("Random bit flips give a table or an error", arguments: files)
  func bitFlips(_ name: String) throws {
    let bytes = try Self.file(name)
    let seed =
      UInt64(
        ProcessInfo.processInfo.environment["PARQUET_FLIP_SEED"] ?? "")
      ?? UInt64.random(in: 0..<1_000_000)
    print("ParquetHostileInputTests.bitFlips(\(name)): seed \(seed)")
    var random = SeededGenerator(seed: seed)
    var refused = 0
    let trials =
      Int(ProcessInfo.processInfo.environment["PARQUET_FLIP_TRIALS"] ?? "")
      ?? 600
    for _ in 0..<trials {
      var damaged = bytes
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        let bit = Int.random(in: 0..<(bytes.count * 8), using: &random)
        damaged[bit / 8] ^= 1 << UInt8(bit % 8)
      }
      do {
        _ = try ParquetFixtures.decode(damaged)
      } catch {
        refused += 1
        #expect(!error.reason.isEmpty)
      }
    }
    #expect(refused > 0, "seed \(seed)")
  }
}
