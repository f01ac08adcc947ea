import Foundation
import Testing

@testable import AccessLogs

/// Replays the fuzz targets' committed inputs: the hand-written seeds in
/// `Fuzz/Seeds/<target>` and every input that once crashed a target, kept
/// in `Fuzz/Regressions/<target>`. A target traps on any broken invariant,
/// so passing means none of them crashes again. A seeded mutation pass
/// then gives every target a few hundred inputs even without libFuzzer.
@Suite("Fuzz targets: committed inputs and seeded mutations")
struct FuzzRegressionTests {
  /// The repository's `Fuzz/` folder, found from this file's path.
  static let fuzzDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fuzz")

  /// The files of `Fuzz/<kind>/<target>`, sorted by name.
  static func inputs(_ kind: String, _ target: FuzzTarget) -> [URL] {
    let folder = fuzzDirectory.appendingPathComponent(kind)
      .appendingPathComponent(target.rawValue)
    let names =
      (try? FileManager.default.contentsOfDirectory(atPath: folder.path))
      ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted().map {
      folder.appendingPathComponent($0)
    }
  }

  static func run(_ target: FuzzTarget, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { target.run($0) }
  }

  @Test(
    "Every committed seed and regression input passes",
    arguments:
      FuzzTarget.allCases)
  func committedInputs(_ target: FuzzTarget) throws {
    let seeds = Self.inputs("Seeds", target)
    #expect(!seeds.isEmpty, "no seeds for \(target.rawValue)")
    for url in seeds + Self.inputs("Regressions", target) {
      Self.run(target, [UInt8](try Data(contentsOf: url)))
    }
  }

  @Test("Seeded mutations of the seeds pass", arguments: FuzzTarget.allCases)
  func mutations(_ target: FuzzTarget) throws {
    let seed: UInt64 = 0x5EED_0000 + UInt64(target.rawValue.utf8.count)
    print("FuzzRegressionTests.mutations \(target.rawValue): seed \(seed)")
    var random = LineFuzzRandom(seed: seed)
    for url in Self.inputs("Seeds", target) {
      let original = [UInt8](try Data(contentsOf: url))
      for _ in 0..<150 {
        Self.run(target, Mutator.mutate(original, &random))
      }
    }
  }
}

/// The adapters' fuzz-style generator, usable with the standard library's
/// random APIs.
extension LineFuzzRandom: RandomNumberGenerator {}

/// Byte-level mutations in the spirit of libFuzzer's: flips, cuts,
/// insertions of bytes that parsers treat specially, and repeats.
enum Mutator {
  static let tokens: [[UInt8]] = [
    Array("\"".utf8), Array("\\".utf8), Array("\\u".utf8), Array("{".utf8),
    Array("}".utf8), Array("[".utf8), Array("]".utf8), Array(",".utf8),
    Array("\n".utf8), Array(" ".utf8), Array("\"-\"".utf8), [0], [0xFF],
    [0xC3], [0x1F, 0x8B], Array("\\ud800".utf8), Array("1e999".utf8),
    Array("-9223372036854775809".utf8), Array("9999-99-99T99:99:99Z".utf8),
  ]

  static func mutate(
    _ input: [UInt8], _ random: inout LineFuzzRandom
  ) -> [UInt8] {
    var bytes = input
    for _ in 0..<Int.random(in: 1...4, using: &random) {
      let at =
        bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
      switch Int.random(in: 0..<5, using: &random) {
      case 0 where !bytes.isEmpty:
        bytes[at] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
      case 1:
        bytes = Array(bytes.prefix(at))
      case 2:
        bytes.insert(
          contentsOf: tokens.randomElement(using: &random)!, at: at)
      case 3 where !bytes.isEmpty:
        let end = min(bytes.count, at + Int.random(in: 1...64, using: &random))
        bytes.insert(contentsOf: bytes[at..<end], at: at)
      default:
        if !bytes.isEmpty { bytes.remove(at: at) }
      }
    }
    return bytes
  }
}
