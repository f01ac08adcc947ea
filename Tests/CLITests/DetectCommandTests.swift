import Foundation
import Testing

/// A CloudTrail history written to a temporary directory: two office
/// workers for 14 days, then a 900-read burst by alice at 02:00 on the
/// last day from a new address, with a hostile user agent, and a few
/// late reads by bob.
struct DetectHistory {
  static let start = Date(timeIntervalSince1970: 1_791_158_400)  // 2026-10-05
  static let hostileAgent = "\"><img src=x onerror=alert(1)>"
  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("sw-detect-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: directory, withIntermediateDirectories: true)
    var lines: [String] = []
    var serial = 0
    func add(
      _ user: String, day: Int, hour: Int, count: Int,
      address: String = "198.51.100.7", agent: String = "aws-cli/2.17.60"
    ) {
      for i in 0..<count {
        serial += 1
        let seconds = day * 86_400 + hour * 3600 + i * 3600 / max(count, 1)
        let time = DetectHistory.start.addingTimeInterval(Double(seconds))
        let record: [String: Any] = [
          "eventVersion": "1.09",
          "eventTime": ISO8601DateFormatter().string(from: time),
          "eventSource": "s3.amazonaws.com", "eventName": "GetObject",
          "awsRegion": "eu-west-1", "sourceIPAddress": address,
          "userAgent": agent,
          "userIdentity": [
            "type": "IAMUser", "accountId": "111122223333",
            "arn": "arn:aws:iam::111122223333:user/\(user)",
          ],
          "requestParameters": [
            "bucketName": "finance-data", "key": "reports/\(day)-\(i).pdf",
          ],
          "additionalEventData": ["bytesTransferredOut": 40_000],
          "eventID": "evt-\(serial)", "recipientAccountId": "111122223333",
          "eventType": "AwsApiCall",
        ]
        let data = try! JSONSerialization.data(
          withJSONObject: record, options: [.sortedKeys])
        lines.append(String(decoding: data, as: UTF8.self))
      }
    }
    for day in 0..<14 where day % 7 < 5 {
      for hour in 9..<17 {
        add("alice", day: day, hour: hour, count: 5 + (day * 7 + hour * 3) % 9)
        add("bob", day: day, hour: hour, count: 4 + (day * 5 + hour) % 7)
      }
    }
    add(
      "alice", day: 14, hour: 2, count: 900, address: "203.0.113.50",
      agent: DetectHistory.hostileAgent)
    add("bob", day: 13, hour: 21, count: 6)
    try lines.joined(separator: "\n").write(
      to: directory.appendingPathComponent("trail.jsonl"), atomically: true,
      encoding: .utf8)
  }

  var path: String { directory.path }

  func remove() { try? FileManager.default.removeItem(at: directory) }
}

@Suite(
  "storagewatch detect, end to end",
  .enabled(if: CLIRunner.isBuilt, "storagewatch executable not built"))
struct DetectCommandTests {
  @Test("The table lists the burst as a bulk download by alice")
  func table() throws {
    let history = try DetectHistory()
    defer { history.remove() }
    let result = try CLIRunner.run(["detect", history.path])
    #expect(result.status == 0)
    let row = result.lines.first { $0.contains("alice") }
    #expect(row?.contains("bulk-download") == true)
    #expect(result.stdout.contains("203.0.113.50"))
    #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x1B })
  }

  @Test("--format json is the versioned report")
  func json() throws {
    let history = try DetectHistory()
    defer { history.remove() }
    let result = try CLIRunner.run([
      "detect", history.path, "--format", "json",
    ])
    #expect(result.status == 0)
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        as? [String: Any])
    #expect(report["schemaVersion"] as? Int == 1)
    let window = try #require(report["window"] as? [String: Any])
    #expect(window["start"] as? String == "2026-10-18T03:00:00Z")
    #expect(window["end"] as? String == "2026-10-19T03:00:00Z")
    let findings = try #require(report["findings"] as? [[String: Any]])
    let first = try #require(findings.first)
    #expect((first["principal"] as? String)?.contains("alice") == true)
    #expect(first["start"] as? String == "2026-10-19T02:00:00Z")
    #expect(first["end"] as? String == "2026-10-19T03:00:00Z")
    #expect(["high", "critical"].contains(first["severity"] as? String))
    #expect((first["score"] as? Int ?? 0) >= 60)
    #expect(first["detection"] as? String == "bulk-download")
    let timeline = try #require(first["timeline"] as? [[String: Any]])
    #expect(!timeline.isEmpty)
  }

  @Test(
    "--output infers the format from the extension",
    arguments: [
      ("r.html", "<!DOCTYPE html>"), ("r.csv", "id,score,severity"),
      ("r.md", "# StorageWatch findings"), ("r.json", "{"),
      ("r.ocsf", "{\"activity_id\":1"),
    ])
  func outputFile(name: String, prefix: String) throws {
    let history = try DetectHistory()
    defer { history.remove() }
    let output = history.directory.appendingPathComponent(name).path
    let result = try CLIRunner.run([
      "detect", history.path + "/trail.jsonl", "--output", output,
    ])
    #expect(result.status == 0)
    #expect(result.stdout.isEmpty)
    let text = try String(contentsOfFile: output, encoding: .utf8)
    #expect(text.hasPrefix(prefix))
    if name.hasSuffix(".html") {
      #expect(text.contains("<svg"))
      #expect(!text.contains("<img"))
      #expect(text.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }
    let names = try FileManager.default.contentsOfDirectory(
      atPath: history.path)
    #expect(names.sorted() == [name, "trail.jsonl"].sorted())
  }

  @Test("--fail-on exits 2 when a finding reaches the severity")
  func failOn() throws {
    let history = try DetectHistory()
    defer { history.remove() }
    let hit = try CLIRunner.run([
      "detect", history.path, "--fail-on", "medium", "--format", "jsonl",
    ])
    #expect(hit.status == 2)
    #expect(!hit.lines.isEmpty)
    let quiet = try CLIRunner.run([
      "detect", history.path, "--fail-on", "critical", "--min-severity",
      "critical", "--format", "jsonl",
    ])
    #expect(quiet.status == (quiet.lines.isEmpty ? 0 : 2))
  }

  @Test("--min-severity leaves out lower findings")
  func minimumSeverity() throws {
    let history = try DetectHistory()
    defer { history.remove() }
    func severities(_ extra: [String]) throws -> [String] {
      let result = try CLIRunner.run(
        ["detect", history.path, "--format", "jsonl"] + extra)
      #expect(result.status == 0)
      return try result.lines.map {
        let object = try JSONSerialization.jsonObject(with: Data($0.utf8))
        return (object as? [String: Any])?["severity"] as? String ?? ""
      }
    }
    let all = try severities(["--min-severity", "info"])
    let critical = try severities(["--min-severity", "critical"])
    #expect(all.count > critical.count)
    #expect(critical.allSatisfy { $0 == "critical" })
    #expect(all.count(where: { $0 == "critical" }) == critical.count)
  }

  @Test(
    "Usage errors exit 64",
    arguments: [
      (["--business-hours", "25-3"], "--business-hours"),
      (["--timezone", "Mars/Base"], "--timezone"),
      (["--since", "2026-10-18T00:00:00Z"], "--since"),
      (["--hours-back", "0"], "--hours-back"),
      (["--format", "pdf"], "--format"),
      (["--min-severity", "urgent"], "--min-severity"),
    ])
  func usageErrors(arguments: [String], message: String) throws {
    let result = try CLIRunner.run(["detect", "/nonexistent"] + arguments)
    #expect(result.status == 64)
    #expect(result.stderr.contains(message))
    #expect(result.stdout.isEmpty)
  }

  // 14 days of history: no warning. --hours-back 300 leaves about 1.5
  // days before the window, short of the 5 active days habits need.
  @Test(
    "Too little history before the window is a warning",
    arguments: [
      ([String](), false), (["--hours-back", "300"], true),
    ])
  func shortHistory(_ extra: [String], warns: Bool) throws {
    let history = try DetectHistory()
    defer { history.remove() }
    let result = try CLIRunner.run(["detect", history.path] + extra)
    #expect(result.status == 0)
    let warned = result.stderr.contains(
      "days of history before the window (first event 2026-10-05T09:00:00Z)")
    #expect(warned == warns, "stderr: \(result.stderr)")
  }

  @Test("A missing input exits 1")
  func missingInput() throws {
    let result = try CLIRunner.run(["detect", "/nonexistent/trail.json"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("/nonexistent/trail.json"))
  }
}
