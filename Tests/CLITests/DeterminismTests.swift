import AnomalyModels
import Foundation
import Testing

/// `detect` writes the same JSON report whatever the number of threads
/// and whatever order the files are given in, even when two files hold
/// differing records under one event id.
@Suite struct DeterminismTests {
  @Test func reportDoesNotDependOnThreadsOrFileOrder() throws {
    guard CLIRunner.isBuilt else {
      print("NOTICE: storagewatch not built; determinism test skipped")
      return
    }
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("sw-determinism-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try DeterminismTests.writeDeliveries(to: directory + "/logs")
    // Two deliveries of one event id with different callers: which one
    // is kept must not depend on the order either.
    for (name, user) in [("a-copy", "alice"), ("z-copy", "mallory")] {
      let record = """
        {"Records":[{"eventVersion":"1.09","eventTime":\
        "2026-10-12T10:00:00Z","eventSource":"s3.amazonaws.com",\
        "eventName":"GetObject","userIdentity":{"type":"IAMUser",\
        "arn":"arn:aws:iam::111122223333:user/\(user)"},\
        "eventID":"shared-id","requestParameters":{"bucketName":"b"}}]}
        """
      try record.write(
        toFile: directory + "/logs/\(name).json", atomically: true,
        encoding: .utf8)
    }
    let files = try FileManager.default.subpathsOfDirectory(
      atPath: directory + "/logs"
    ).filter { $0.hasSuffix(".json.gz") || $0.hasSuffix(".json") }
      .map { directory + "/logs/" + $0 }.sorted()
    #expect(files.count > 50)
    let seed: UInt64 = 2024
    print("seed \(seed), \(files.count) files")
    var generator = SeededGenerator(seed: seed)

    func report(_ paths: [String], threads: Int) throws -> String {
      let output = directory + "/report-\(UUID().uuidString).json"
      let result = try CLIRunner.run(
        ["detect"] + paths + [
          "--threads", String(threads), "--format", "json", "-o", output,
          "--quiet",
        ])
      #expect(result.status == 0, "\(result.stderr)")
      return try String(contentsOfFile: output, encoding: .utf8)
    }
    let directoryOne = try report([directory + "/logs"], threads: 1)
    let directoryTwo = try report([directory + "/logs"], threads: 2)
    #expect(directoryOne == directoryTwo)
    #expect(directoryOne.contains("user/carol"))
    let shuffled = try report(files.shuffled(using: &generator), threads: 2)
    let reversed = try report(files.reversed(), threads: 3)
    let sorted = try report(files, threads: 1)
    #expect(shuffled == sorted)
    #expect(reversed == sorted)
    #expect(sorted.contains("\"duplicate\""))
  }

  /// Writes CloudTrail delivery files: three people over ten days in
  /// office hours, one file per hour in day folders, each hour's first
  /// record delivered again in the next file, and a 600-read burst by
  /// carol from a new address at 02:00 on the last day.
  static func writeDeliveries(to root: String) throws {
    var serial = 0
    var previous: [String: Any]?
    func record(
      _ user: String, _ time: Date, address: String = "198.51.100.7"
    ) -> [String: Any] {
      serial += 1
      return [
        "eventVersion": "1.09",
        "eventTime": ISO8601DateFormatter().string(from: time),
        "eventSource": "s3.amazonaws.com", "eventName": "GetObject",
        "sourceIPAddress": address, "userAgent": "aws-cli/2.17.60",
        "userIdentity": [
          "type": "IAMUser", "accountId": "111122223333",
          "arn": "arn:aws:iam::111122223333:user/\(user)",
        ],
        "requestParameters": ["bucketName": "b", "key": "k/\(serial % 40)"],
        "additionalEventData": ["bytesTransferredOut": 1_000],
        "eventID": "evt-\(serial)", "recipientAccountId": "111122223333",
      ]
    }
    func write(_ records: [[String: Any]], _ path: String) throws {
      let data = try JSONSerialization.data(
        withJSONObject: ["Records": records], options: [.sortedKeys])
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent,
        withIntermediateDirectories: true)
      try data.write(to: URL(fileURLWithPath: path))
    }
    let start = DetectHistory.start
    for day in 0..<10 {
      for hour in 8..<18 {
        var records: [[String: Any]] = []
        for (n, user) in ["alice", "bob", "carol"].enumerated() {
          for i in 0..<(3 + (day + hour + n) % 5) {
            let seconds = day * 86_400 + hour * 3600 + i * 600 + n
            records.append(
              record(user, start.addingTimeInterval(Double(seconds))))
          }
        }
        if let previous { records.append(previous) }
        previous = records.first
        try write(records, root + "/day\(day)/h\(hour).json")
      }
    }
    let burst = (0..<600).map { i in
      record(
        "carol", start.addingTimeInterval(Double(9 * 86_400 + 7200 + i)),
        address: "203.0.113.50")
    }
    try write(burst, root + "/day9/h02.json")
  }

  @Test func principalLimitIsReported() throws {
    guard CLIRunner.isBuilt else { return }
    let history = try DetectHistory()
    defer { history.remove() }
    let result = try CLIRunner.run([
      "detect", history.directory.path, "--max-principals", "1",
      "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "--max-principals 1: dropped 1 principal with"))
    let bad = try CLIRunner.run([
      "detect", history.directory.path, "--max-principals", "0",
    ])
    #expect(bad.status == 64)
  }
}
