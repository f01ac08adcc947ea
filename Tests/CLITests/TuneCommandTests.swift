import Foundation
import Testing

@Suite(
  "storagewatch tune, end to end",
  .enabled(if: CLIRunner.isBuilt, "storagewatch executable not built"))
struct TuneCommandTests {
  /// The detect history with alice's burst labelled.
  static func labelled(
    _ rows: [String] = [
      "alice,2026-10-19T02:00:00Z,2026-10-19T02:59:59Z,bulk-exfiltration"
    ]
  ) throws -> (DetectHistory, trail: String, labels: String) {
    let history = try DetectHistory()
    let labels = history.directory.appendingPathComponent("labels.csv").path
    try (["principal,start,end,kind"] + rows).joined(separator: "\n")
      .write(toFile: labels, atomically: true, encoding: .utf8)
    return (history, history.path + "/trail.jsonl", labels)
  }

  @Test("The tables mark chosen rows and detect reads the thresholds")
  func tableAndRoundTrip() throws {
    let (history, trail, labels) = try Self.labelled()
    defer { history.remove() }
    let output = history.directory.appendingPathComponent("t.json").path
    let result = try CLIRunner.run([
      "tune", trail, "--labels", labels, "--days", "3", "--output", output,
    ])
    #expect(result.status == 0)
    #expect(result.stdout.contains("Judged 3 days, 1 labelled incident."))
    #expect(result.stdout.contains("bulk-download (default 6)"))
    #expect(result.stdout.contains("threshold  caught  false alarms/day"))
    #expect(result.lines.filter { $0.hasPrefix("  *") }.count == 7)
    let bulk = try #require(
      result.lines.drop { !$0.hasPrefix("bulk-download") }.dropFirst(2)
        .first { $0.hasPrefix("  *") })
    #expect(bulk.contains("1/1"))
    #expect(result.stdout.contains("Chosen thresholds: after-hours"))
    #expect(result.stdout.contains("Overall, chosen:   caught 1/1"))

    let data = try Data(contentsOf: URL(fileURLWithPath: output))
    let json = try #require(
      try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let thresholds = try #require(json["thresholds"] as? [String: Double])
    #expect(thresholds.count == 7)
    #expect(thresholds["bulk-download"] != nil)

    let detect = try CLIRunner.run([
      "detect", trail, "--thresholds", output, "--format", "json",
    ])
    #expect(detect.status == 0)
    #expect(detect.stdout.contains("alice"))
  }

  @Test("--alert-budget chooses thresholds within the budget")
  func alertBudget() throws {
    let (history, trail, labels) = try Self.labelled()
    defer { history.remove() }
    let result = try CLIRunner.run([
      "tune", trail, "--labels", labels, "--days", "3", "--alert-budget",
      "0", "--output", "-",
    ])
    #expect(result.status == 0)
    #expect(result.stdout.contains("0.00 false alarms/day"))
    #expect(result.stdout.contains("\"thresholds\""))
  }

  @Test("A malformed label row exits 1 naming its line")
  func badRow() throws {
    let (history, trail, labels) = try Self.labelled([
      "alice,2026-10-19T02:00:00Z,2026-10-19T02:59:59Z,bulk-exfiltration",
      "bob,not-a-time,2026-10-19T02:59:59Z,after-hours",
    ])
    defer { history.remove() }
    let output = history.directory.appendingPathComponent("t.json").path
    let result = try CLIRunner.run([
      "tune", trail, "--labels", labels, "--output", output,
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("line 3"))
    #expect(result.stderr.contains("not-a-time"))
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test(
    "Usage errors exit 64",
    arguments: [
      (["--labels", "/nonexistent/labels.csv", "-o", "t.json"], "--labels"),
      (["-o", "t.json"], "--labels"),
      (["--labels", "x.csv"], "--output"),
      (["--days", "0", "--labels", "x.csv", "-o", "t.json"], "--days"),
      (
        ["--objective", "f1", "--alert-budget", "1", "--labels", "x.csv"],
        "--objective"
      ),
      (["--objective", "recall"], "--objective"),
    ])
  func usageErrors(arguments: [String], message: String) throws {
    let result = try CLIRunner.run(["tune", "/nonexistent"] + arguments)
    #expect(result.status == 64)
    #expect(result.stderr.contains(message))
    #expect(result.stdout.isEmpty)
  }
}
