import Foundation
import Testing

/// `storagewatch detect s3://...` against moto on loopback gives the same
/// findings as on a local copy of the same files, listing only the date
/// folders the window and history need and downloading nothing on a
/// second run.
@Suite(.enabled(if: RemoteTestServers.state != nil))
struct RemoteDetectTests {
  static var state: String? { RemoteTestServers.state }

  static func s3Port() throws -> Int {
    let data = try #require(
      FileManager.default.contents(atPath: state! + "/ports.json"))
    let object = try #require(
      try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return try #require(object["s3"] as? Int)
  }

  static func findings(_ path: String) throws -> NSArray {
    let data = try #require(FileManager.default.contents(atPath: path))
    let object = try #require(
      try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return try #require(object["findings"] as? NSArray)
  }

  @Test func sameFindingsAsALocalCopy() throws {
    let work = FileManager.default.temporaryDirectory
      .appendingPathComponent("sw-remote-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: work) }
    let simulated = try CLIRunner.run([
      "simulate", "--output", work + "/logs", "--days", "10",
      "--principals", "8", "--seed", "2",
    ])
    #expect(simulated.status == 0)

    let bucket = "sw-trail-\(UInt32.random(in: 0...UInt32.max))"
    let endpoint = "http://127.0.0.1:\(try Self.s3Port())"
    let python =
      ProcessInfo.processInfo.environment["STORAGEWATCH_TEST_PYTHON"]
      ?? "python3"
    let seed = Process()
    seed.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    seed.arguments = [
      python,
      CLIRunner.repository.appendingPathComponent(
        "Tests/RemoteServers/seed.py"
      ).path, "s3", endpoint, bucket, work + "/logs/AWSLogs", "AWSLogs/",
    ]
    try seed.run()
    seed.waitUntilExit()
    #expect(seed.terminationStatus == 0)

    // The window is 2026-10-12 (simulated days run 2026-10-05 to -14);
    // three days of history: the folders of 2026-10-09 to -13 are needed.
    let common = [
      "--now", "2026-10-13T00:00:00Z", "--hours-back", "24",
      "--history-days", "3", "--format", "json",
    ]
    let environment = [
      "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "testsecret",
      "AWS_ENDPOINT_URL_S3": endpoint, "AWS_PROFILE": "",
      "HOME": work,
    ]
    let remote = try CLIRunner.run(
      ["detect", "s3://\(bucket)/AWSLogs/", "--cache", work + "/cache", "-v"]
        + common + ["-o", work + "/remote.json"],
      environment: environment)
    #expect(remote.status == 0, "\(remote.stderr)")
    #expect(remote.stderr.contains("credentials from environment variables"))
    #expect(!remote.stderr.contains("testsecret"))
    let local = try CLIRunner.run(
      ["detect", work + "/logs/AWSLogs"] + common
        + ["-o", work + "/local.json"])
    #expect(local.status == 0)
    let localFindings = try Self.findings(work + "/local.json")
    #expect(localFindings.count > 0)
    #expect(try Self.findings(work + "/remote.json") == localFindings)

    // Listing: AWSLogs/, the account, CloudTrail/, each region, then each
    // region's five day folders; never the other days.
    let regionRoot = work + "/logs/AWSLogs/"
    let account = try #require(
      try FileManager.default.contentsOfDirectory(atPath: regionRoot).first)
    let regions = try FileManager.default.contentsOfDirectory(
      atPath: regionRoot + account + "/CloudTrail")
    let log = try String(
      contentsOfFile: Self.state! + "/requests.log", encoding: .utf8)
    let requests = log.split(separator: "\n").filter {
      $0.hasPrefix("s3 GET /\(bucket)")
    }
    let lists = requests.filter { $0.contains("list-type=2") }
    #expect(lists.count == 3 + regions.count + 5 * regions.count)
    var needed = 0
    var total = 0
    for region in regions {
      let root = regionRoot + account + "/CloudTrail/" + region + "/2026/10/"
      for day in try FileManager.default.contentsOfDirectory(atPath: root) {
        let files = try FileManager.default.contentsOfDirectory(
          atPath: root + day
        ).count
        total += files
        if (9...13).contains(Int(day)!) { needed += files }
      }
    }
    #expect(requests.count - lists.count == needed)
    #expect(needed < total)

    let again = try CLIRunner.run(
      ["detect", "s3://\(bucket)/AWSLogs/", "--cache", work + "/cache"]
        + common + ["-o", work + "/again.json"],
      environment: environment)
    #expect(again.status == 0)
    #expect(again.stderr.contains("\(needed) objects, 0 downloaded"))
    #expect(try Self.findings(work + "/again.json") == localFindings)
  }
}

/// The loopback servers `make remote-test` starts, when it has.
enum RemoteTestServers {
  /// The servers' state directory (`STORAGEWATCH_TEST_SERVERS`).
  static let state: String? = {
    let environment = ProcessInfo.processInfo.environment
    guard let path = environment["STORAGEWATCH_TEST_SERVERS"],
      FileManager.default.fileExists(atPath: path + "/ports.json")
    else {
      print(
        "NOTICE: loopback object-store servers not running (make "
          + "remote-test starts them); remote detect tests are skipped")
      return nil
    }
    return path
  }()
}
