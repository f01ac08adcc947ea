import AccessLogs
import Foundation
import Testing

@testable import StorageWatch

/// Helpers shared by the simulation tests.
enum SimulationTestSupport {
  /// A fresh empty directory under the system's temporary directory.
  static func scratchDirectory(_ name: String) -> String {
    let path =
      NSTemporaryDirectory() + "storagewatch-sim-\(getpid())-\(name)"
    try? FileManager.default.removeItem(atPath: path)
    return path
  }

  static func remove(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Every regular file below a directory with its contents, by relative
  /// path.
  static func contents(of directory: String) -> [String: Data] {
    var out: [String: Data] = [:]
    let manager = FileManager.default
    guard let walker = manager.enumerator(atPath: directory) else {
      return out
    }
    while let relative = walker.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let path = directory + "/" + relative
      if manager.fileExists(atPath: path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        out[relative] = manager.contents(atPath: path)
      }
    }
    return out
  }

  /// A small configuration for fast tests.
  /// A small configuration for fast tests: 8 principals, 10 days, and
  /// only 5 % of the ordinary requests (every incident in full).
  static func small(
    format: LogFormat = .cloudTrail, seed: UInt64 = 7,
    incidents: Set<IncidentKind> = Set(IncidentKind.allCases)
  ) -> SimulationConfig {
    var config = SimulationConfig(
      days: 10, principals: 8, seed: seed, format: format,
      incidents: incidents)
    config.volumeScale = 0.05
    return config
  }

  /// The incidents with few events, for tests that write and read files.
  static let cheapIncidents: Set<IncidentKind> = [
    .enumeration, .afterHours, .stolenCredentials,
  ]
}

@Suite struct SimulationSupportTests {
  @Test func scratchDirectoriesStartEmpty() throws {
    let path = SimulationTestSupport.scratchDirectory("support")
    defer { SimulationTestSupport.remove(path) }
    #expect(SimulationTestSupport.contents(of: path).isEmpty)
  }
}
