import Foundation
import Testing

@Suite(
  "storagewatch features, detect --features and calibrate --features",
  .enabled(if: CLIRunner.isBuilt, "storagewatch executable not built"))
struct FeaturesCommandTests {
  @Test(
    "detect and calibrate on the table give what they give on the logs",
    arguments: ["csv", "jsonl"])
  func sameResults(_ format: String) throws {
    let history = try DetectHistory()
    defer { history.remove() }
    let trail = history.path + "/trail.jsonl"
    let table = history.path + "/features." + format
    let made = try CLIRunner.run(["features", trail, "--output", table])
    #expect(made.status == 0, "\(made.stderr)")
    #expect(made.stderr.contains("rows for 2 principals"))

    let fromLogs = try CLIRunner.run(["detect", trail, "--format", "json"])
    let fromTable = try CLIRunner.run([
      "detect", "--features", table, "--format", "json",
    ])
    #expect(fromTable.status == 0, "\(fromTable.stderr)")
    let expected = try CalibrateCommandTests.findings(fromLogs.stdout)
    #expect(!expected.isEmpty)
    #expect(try CalibrateCommandTests.findings(fromTable.stdout) == expected)

    let modelA = history.path + "/a.model"
    let modelB = history.path + "/b.model"
    _ = try CLIRunner.run(["calibrate", trail, "--output", modelA])
    let calibrated = try CLIRunner.run([
      "calibrate", "--features", table, "--output", modelB,
    ])
    #expect(calibrated.status == 0, "\(calibrated.stderr)")
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: modelA))
        == Data(contentsOf: URL(fileURLWithPath: modelB)))
  }

  @Test("Usage and data errors: both inputs, neither, Parquet, a bad row")
  func errors() throws {
    let history = try DetectHistory()
    defer { history.remove() }
    let trail = history.path + "/trail.jsonl"
    let both = try CLIRunner.run(["detect", trail, "--features", trail])
    #expect(both.status == 64)
    #expect(both.stderr.contains("not both"))
    let neither = try CLIRunner.run(["detect"])
    #expect(neither.status == 64)
    let parquet = try CLIRunner.run([
      "features", trail, "--output", history.path + "/f.parquet",
    ])
    #expect(parquet.status == 64)
    #expect(parquet.stderr.contains("Parquet"))

    let bad = history.path + "/bad.csv"
    try "principal,principal_kind,provider,hour,first_time_ns,last_time_ns\n"
      .appending("alice,user,aws,2026-10-05T09:00:00Z,x,1\n")
      .write(toFile: bad, atomically: true, encoding: .utf8)
    let refused = try CLIRunner.run(["detect", "--features", bad])
    #expect(refused.status == 1)
    #expect(
      refused.stderr.contains(
        bad + ":2: column 'first_time_ns': 'x' is not a 64-bit integer"))
  }
}
