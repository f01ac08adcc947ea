import Foundation
import Testing

@Suite(
  "storagewatch calibrate and detect --model, end to end",
  .enabled(if: CLIRunner.isBuilt, "storagewatch executable not built"))
struct CalibrateCommandTests {
  /// The detect history, a model of its first 14 days, and a file with
  /// only the last day's events (alice's burst).
  static func calibrated() throws -> (
    DetectHistory, trail: String, model: String, lastDay: String
  ) {
    let history = try DetectHistory()
    let trail = history.path + "/trail.jsonl"
    let model = history.path + "/model.json"
    let lastDay = history.path + "/last-day.jsonl"
    let lines = try String(contentsOfFile: trail, encoding: .utf8)
      .split(separator: "\n").filter { $0.contains("2026-10-19T") }
    try lines.joined(separator: "\n").write(
      toFile: lastDay, atomically: true, encoding: .utf8)
    let result = try CLIRunner.run([
      "calibrate", trail, "--until", "2026-10-19", "--output", model,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    return (history, trail, model, lastDay)
  }

  /// The findings of a JSON report, without the inputs section.
  static func findings(_ stdout: String) throws -> [[String: String]] {
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        as? [String: Any])
    let findings = try #require(json["findings"] as? [[String: Any]])
    return findings.map { finding in
      finding.compactMapValues { value in
        value is [Any] || value is [String: Any] ? nil : "\(value)"
      }
    }
  }

  @Test("calibrate writes a versioned model and says what it holds")
  func calibrateWritesAModel() throws {
    let (history, _, model, _) = try Self.calibrated()
    defer { history.remove() }
    let text = try String(contentsOfFile: model, encoding: .utf8)
    let header = try #require(text.split(separator: "\n").first)
    #expect(header.contains("\"format\":\"storagewatch-model\""))
    #expect(header.contains("\"version\":1"))
    #expect(header.contains("\"checksum\":\"fnv1a64:"))
    let again = try CLIRunner.run([
      "calibrate", history.path + "/trail.jsonl", "--until", "2026-10-19",
      "--output", model,
    ])
    #expect(again.stdout.contains("model: 2 principals"))
    #expect(again.stdout.contains("2 with their own baselines"))
    #expect(try String(contentsOfFile: model, encoding: .utf8) == text)
  }

  @Test("detect --model on the new day equals detect on all the logs")
  func modelMatchesFullInput() throws {
    let (history, trail, model, lastDay) = try Self.calibrated()
    defer { history.remove() }
    let full = try CLIRunner.run(["detect", trail, "--format", "json"])
    let fromModel = try CLIRunner.run([
      "detect", lastDay, "--model", model, "--format", "json",
    ])
    #expect(full.status == 0)
    #expect(fromModel.status == 0, "\(fromModel.stderr)")
    let expected = try Self.findings(full.stdout)
    #expect(!expected.isEmpty)
    #expect(try Self.findings(fromModel.stdout) == expected)
    #expect(fromModel.stderr.contains("model: 2 principals"))
  }

  @Test("--update-model twice on the same day gives the state of once")
  func updateIsIdempotent() throws {
    let (history, _, model, lastDay) = try Self.calibrated()
    defer { history.remove() }
    let before = try Data(contentsOf: URL(fileURLWithPath: model))
    let arguments = [
      "detect", lastDay, "--model", model, "--update-model", "-q",
    ]
    #expect(try CLIRunner.run(arguments).status == 0)
    let once = try Data(contentsOf: URL(fileURLWithPath: model))
    #expect(try CLIRunner.run(arguments).status == 0)
    let twice = try Data(contentsOf: URL(fileURLWithPath: model))
    #expect(once != before)
    #expect(once == twice)
    #expect(String(decoding: once, as: UTF8.self).contains("203.0.113.50"))
  }

  @Test(
    "--update-model with overlapping days equals one run over their union"
  )
  func overlappingUpdates() throws {
    let (history, trail, model, lastDay) = try Self.calibrated()
    defer { history.remove() }
    // Yesterday's file given again with today's, as a daily job that
    // re-reads the previous folder does.
    let twoDays = history.path + "/two-days.jsonl"
    let lines = try String(contentsOfFile: trail, encoding: .utf8)
      .split(separator: "\n").filter {
        $0.contains("2026-10-18T") || $0.contains("2026-10-19T")
      }
    try lines.joined(separator: "\n").write(
      toFile: twoDays, atomically: true, encoding: .utf8)
    let copy = history.path + "/copy.json"
    try FileManager.default.copyItem(atPath: model, toPath: copy)
    for (path, inputs) in [(model, [lastDay, twoDays]), (copy, [twoDays])] {
      for input in inputs {
        let result = try CLIRunner.run([
          "detect", input, "--model", path, "--update-model", "-q",
        ])
        #expect(result.status == 0, "\(result.stderr)")
      }
    }
    let stepwise = try Data(contentsOf: URL(fileURLWithPath: model))
    let once = try Data(contentsOf: URL(fileURLWithPath: copy))
    #expect(stepwise == once)
  }

  /// Damage to a model file, and words the refusal must contain.
  @Test(
    "A damaged or foreign model is refused with exit 1",
    arguments: [
      ("truncated", "truncated"), ("edited", "checksum"),
      ("newer", "newer StorageWatch"), ("report", "not a StorageWatch model"),
    ])
  func damagedModel(damage: String, message: String) throws {
    let (history, _, model, lastDay) = try Self.calibrated()
    defer { history.remove() }
    var text = try String(contentsOfFile: model, encoding: .utf8)
    switch damage {
    case "truncated": text.removeLast(20)
    case "edited":
      text = text.replacingOccurrences(of: "alice", with: "alicf")
    case "newer":
      text = text.replacingOccurrences(
        of: "\"version\":1", with: "\"version\":7")
    default: text = "{\"findings\":[]}\n"
    }
    try text.write(toFile: model, atomically: true, encoding: .utf8)
    let result = try CLIRunner.run(["detect", lastDay, "--model", model])
    #expect(result.status == 1)
    #expect(result.stderr.contains(model))
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }

  @Test("--update-model without --model is a usage error")
  func updateNeedsModel() throws {
    let history = try DetectHistory()
    defer { history.remove() }
    let result = try CLIRunner.run([
      "detect", history.path + "/trail.jsonl", "--update-model",
    ])
    #expect(result.status == 64)
    #expect(result.stderr.contains("--model"))
  }

  @Test("calibrate needs an output file")
  func calibrateNeedsOutput() throws {
    let history = try DetectHistory()
    defer { history.remove() }
    let result = try CLIRunner.run([
      "calibrate", history.path + "/trail.jsonl",
    ])
    #expect(result.status == 64)
    #expect(result.stderr.contains("--output"))
  }

  @Test("tune --model judges the new days against the model's history")
  func tuneWithModel() throws {
    let (history, _, model, lastDay) = try Self.calibrated()
    defer { history.remove() }
    let labels = history.path + "/labels.csv"
    try """
    principal,start,end,kind
    alice,2026-10-19T02:00:00Z,2026-10-19T02:59:59Z,stolen laptop
    """.write(toFile: labels, atomically: true, encoding: .utf8)
    let result = try CLIRunner.run([
      "tune", lastDay, "--model", model, "--labels", labels, "--days", "1",
      "--output", "-",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Overall, chosen:   caught 1/1"))
  }
}
