import Foundation
import Testing

@Suite(
  "storagewatch features, detect --features and calibrate --features",
  .enabled(if: CLIRunner.isBuilt, "storagewatch executable not built"))
struct FeaturesCommandTests {
  @Test(
    "detect and calibrate on the table give what they give on the logs",
    arguments: ["csv", "jsonl", "parquet"])
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

  @Test("Usage and data errors: both inputs, neither, a bad row or file")
  func errors() throws {
    let history = try DetectHistory()
    defer { history.remove() }
    let trail = history.path + "/trail.jsonl"
    let both = try CLIRunner.run(["detect", trail, "--features", trail])
    #expect(both.status == 64)
    #expect(both.stderr.contains("not both"))
    let neither = try CLIRunner.run(["detect"])
    #expect(neither.status == 64)
    let notParquet = history.path + "/f.parquet"
    try "principal\n".write(
      toFile: notParquet, atomically: true, encoding: .utf8)
    let refusedParquet = try CLIRunner.run([
      "detect", "--features", notParquet,
    ])
    #expect(refusedParquet.status == 1)
    #expect(
      refusedParquet.stderr.contains(
        notParquet + ": not a Parquet file (no PAR1 magic)"))

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

  @Test("Parquet by --format in a file of another name is found and read")
  func parquetSniffed() throws {
    let history = try DetectHistory()
    defer { history.remove() }
    let trail = history.path + "/trail.jsonl"
    let csv = history.path + "/features.csv"
    let named = history.path + "/features.table"
    _ = try CLIRunner.run(["features", trail, "--output", csv])
    let made = try CLIRunner.run([
      "features", trail, "--format", "parquet", "--output", named,
    ])
    #expect(made.status == 0, "\(made.stderr)")
    #expect(made.stderr.contains("written as parquet"))
    let bytes = try Data(contentsOf: URL(fileURLWithPath: named))
    #expect(bytes.prefix(4) == Data("PAR1".utf8))
    #expect(bytes.suffix(4) == Data("PAR1".utf8))
    let fromCSV = try CLIRunner.run([
      "detect", "--features", csv, "--format", "json",
    ])
    let fromNamed = try CLIRunner.run([
      "detect", "--features", named, "--format", "json",
    ])
    #expect(fromNamed.status == 0, "\(fromNamed.stderr)")
    #expect(
      try CalibrateCommandTests.findings(fromNamed.stdout)
        == CalibrateCommandTests.findings(fromCSV.stdout))
  }
}
