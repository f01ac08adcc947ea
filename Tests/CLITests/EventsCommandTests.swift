import Foundation
import Testing

@Suite(
  "storagewatch events, end to end",
  .enabled(if: CLIRunner.isBuilt, "storagewatch executable not built"))
struct EventsCommandTests {
  @Test("Writes one JSON object per event and a summary on stderr")
  func fixture() throws {
    let result = try CLIRunner.run([
      "events", CLIRunner.fixture("cloudtrail/delivery-quirks.json"),
    ])
    #expect(result.status == 0)
    #expect(result.lines.count == 6)
    for line in result.lines {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
      #expect(object is [String: Any])
    }
    #expect(result.stderr.contains("6 events written"))
    #expect(result.stderr.contains("duplicate: 1"))
    #expect(result.stderr.contains("bad-timestamp"))
  }

  @Test("invictus-ir samples: 271 events, 2,629 non-S3 records skipped")
  func invictus() throws {
    let samples = try #require(
      CLIRunner.samples, "real samples absent: skipped")
    let result = try CLIRunner.run([
      "events", samples + "/invictus-ir-aws_dataset/CloudTrail",
    ])
    #expect(result.status == 0)
    #expect(result.lines.count == 271)
    #expect(result.stderr.contains("not-storage-service: 2,629"))
  }

  @Test("Reads standard input when given '-'")
  func standardInput() throws {
    let data = try Data(
      contentsOf: URL(
        fileURLWithPath: CLIRunner.fixture("cloudtrail/siem-export.jsonl")))
    let result = try CLIRunner.run(["events", "-"], stdin: data)
    #expect(result.status == 0)
    #expect(result.lines.count == 3)
    #expect(result.stderr.contains("-:4: malformed-json"))
  }

  @Test("--output writes the file whole and leaves no temporary file")
  func outputFile() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("sw-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = directory.appendingPathComponent("events.jsonl").path
    let result = try CLIRunner.run([
      "events", CLIRunner.fixture("cloudtrail/delivery.json.gz"),
      "--output", output, "--quiet",
    ])
    #expect(result.status == 0)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.isEmpty)
    let text = try String(contentsOfFile: output, encoding: .utf8)
    #expect(text.split(separator: "\n").count == 2)
    let names = try FileManager.default.contentsOfDirectory(
      atPath: directory.path)
    #expect(names == ["events.jsonl"])
  }

  @Test("Filters by bucket and time")
  func filters() throws {
    let result = try CLIRunner.run([
      "events", CLIRunner.fixture("cloudtrail/delivery-quirks.json"),
      "--bucket", "finance-reports", "--since", "2024-03-04T10:16:00Z",
      "--until", "2024-03-05",
    ])
    #expect(result.status == 0)
    #expect(result.lines.count == 3)
  }

  @Test(
    "Usage errors exit 64 with a clear message",
    arguments: [
      (["events", "--bukcet", "x", "f"], "Did you mean '--bucket'?"),
      (["events", "--since", "yesterday", "f"], "--since"),
      (["events", "--provider", "syslog", "f"], "--provider"),
      (["events"], "path"),
      (["frobnicate"], "frobnicate"),
    ])
  func usageErrors(arguments: [String], message: String) throws {
    let result = try CLIRunner.run(arguments)
    #expect(result.status == 64)
    #expect(result.stderr.contains(message))
    #expect(result.stdout.isEmpty)
  }

  @Test("--help describes the command and exits 0")
  func help() throws {
    let result = try CLIRunner.run(["events", "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("USAGE:"))
    #expect(result.stdout.contains("--bucket"))
  }

  @Test("A missing input fails; --strict stops at a damaged record")
  func failures() throws {
    let missing = try CLIRunner.run(["events", "/nonexistent/trail.json"])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("/nonexistent/trail.json"))
    let strict = try CLIRunner.run([
      "events", "--strict", CLIRunner.fixture("cloudtrail/siem-export.jsonl"),
    ])
    #expect(strict.status == 1)
    #expect(strict.stderr.contains("siem-export.jsonl:4"))
  }
}

@Suite(
  "storagewatch output files",
  .enabled(if: CLIRunner.isBuilt, "storagewatch executable not built"))
struct OutputFileTests {
  @Test("--output /dev/null writes in place and leaves the device alone")
  func deviceOutput() throws {
    let result = try CLIRunner.run([
      "events", CLIRunner.fixture("cloudtrail/delivery.json.gz"),
      "--output", "/dev/null",
    ])
    #expect(result.status == 0)
    var info = stat()
    #expect(stat("/dev/null", &info) == 0)
    #expect(info.st_mode & S_IFMT == S_IFCHR)
  }
}
