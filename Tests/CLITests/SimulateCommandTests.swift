import Foundation
import Testing

@Suite("storagewatch simulate and demo arguments")
struct SimulateCommandTests {
  @Test(
    "Values the simulator cannot take are usage errors, not traps",
    arguments: [
      (["simulate", "--days", "7"], "--days"),
      (["simulate", "--days", "3661"], "--days"),
      (["simulate", "--principals", "5"], "--principals"),
      (["simulate", "--seed", "-1"], "--seed"),
      (["demo", "--days", "0"], "--days"),
      (["demo", "--principals", "7"], "--principals"),
      (["demo", "--seed", "x"], "--seed"),
      (["demo", "--hours-back", "0"], "--hours-back"),
      (["demo", "--hours-back", "721"], "--hours-back"),
    ])
  func usageErrors(arguments: [String], option: String) throws {
    guard CLIRunner.isBuilt else { return }
    let output = FileManager.default.temporaryDirectory
      .appendingPathComponent("sw-simulate-usage-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: output) }
    let result = try CLIRunner.run(arguments + ["--output", output])
    #expect(result.status == 64, "\(result.stderr)")
    #expect(result.stderr.contains(option), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: output + "/labels.csv"))
  }
}
