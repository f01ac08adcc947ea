import Foundation
import Testing

@Suite(
  "storagewatch explain, end to end",
  .enabled(if: CLIRunner.isBuilt, "storagewatch executable not built"))
struct ExplainCommandTests {
  /// The one explanation of alice in the detect history, and detect's
  /// JSON report of the same logs.
  static func explainAlice(_ history: DetectHistory) throws
    -> (explanation: [String: Any], report: [String: Any])
  {
    let result = try CLIRunner.run([
      "explain", history.path, "--principal", "user/alice",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.lines.count == 1)
    let explanation =
      try JSONSerialization.jsonObject(
        with: Data(result.lines[0].utf8)) as! [String: Any]
    let detect = try CLIRunner.run(["detect", history.path, "--format", "json"])
    #expect(detect.status == 0)
    let report =
      try JSONSerialization.jsonObject(
        with: Data(detect.stdout.utf8)) as! [String: Any]
    return (explanation, report)
  }

  @Test("Every hour of history and window, with the burst in the window")
  func hours() throws {
    let history = try DetectHistory()
    defer { history.remove() }
    let (explanation, report) = try Self.explainAlice(history)
    #expect(
      explanation["principal"] as? String
        == "arn:aws:iam::111122223333:user/alice")
    let window = explanation["window"] as! [String: String]
    #expect(window == report["window"] as! [String: String])
    let hours = explanation["hours"] as! [[String: Any]]
    // Every hour from the first event (day 0, 09:00) to the window's end
    // (day 14, 03:00), quiet hours included.
    #expect(hours.count == 14 * 24 - 9 + 3)
    #expect(hours.first?["time"] as? String == "2026-10-05T09:00:00Z")
    #expect(hours.first?["ewmaMean"] == nil)
    let burst = hours.first { $0["requests"] as? Int == 900 }!
    #expect(burst["time"] as? String == "2026-10-19T02:00:00Z")
    #expect(burst["inWindow"] as? Bool == true)
    #expect(burst["hourOfWeek"] as? Int == 0 * 24 + 2)
    let expected = burst["expected"] as! Double
    let upper = burst["upper"] as! Double
    #expect(expected < upper && upper < 5)
    #expect((hours.last?["ewmaMean"] as? Double ?? -1) > 0)
    let profile = explanation["weeklyProfile"] as! [Double]
    #expect(profile.count == 168)
    #expect(profile[10] > 3 && profile[3] < 0.5, "Monday 10:00 vs 03:00")
  }

  @Test("Findings and their timelines are detect's")
  func findingsMatchDetect() throws {
    let history = try DetectHistory()
    defer { history.remove() }
    let (explanation, report) = try Self.explainAlice(history)
    let findings = explanation["findings"] as! [[String: Any]]
    let alice = (report["findings"] as! [[String: Any]]).filter {
      ($0["principal"] as! String).hasSuffix("user/alice")
    }
    #expect(findings.count == alice.count && !findings.isEmpty)
    #expect(
      findings.map { $0["id"] as! String } == alice.map { $0["id"] as! String })
    #expect(
      findings.map { $0["score"] as! Int } == alice.map { $0["score"] as! Int })
    // Alice has her own baseline (10 active days), so the band is the
    // timeline's, to the last bit.
    #expect(explanation["comparedWithPeers"] as? Bool == false)
    let hours = explanation["hours"] as! [[String: Any]]
    let byTime = Dictionary(
      uniqueKeysWithValues: hours.map { ($0["time"] as! String, $0) })
    for point in findings[0]["timeline"] as! [[String: Any]] {
      let hour = byTime[point["time"] as! String]!
      #expect(hour["requests"] as? Int == point["observed"] as? Int)
      #expect(hour["expected"] as? Double == point["expected"] as? Double)
      #expect(hour["upper"] as? Double == point["upper"] as? Double)
    }
  }

  @Test("The burst is the farthest hour, and feature shares sum to one")
  func covariance() throws {
    let history = try DetectHistory()
    defer { history.remove() }
    let (explanation, _) = try Self.explainAlice(history)
    let covariance = explanation["covariance"] as! [String: Any]
    let features = covariance["features"] as! [String]
    #expect(features.contains("reads") && features.contains("requests"))
    #expect((covariance["historyHours"] as! Int) == 80)
    let rows = covariance["hours"] as! [[String: Any]]
    #expect(rows.filter { $0["inWindow"] as! Bool }.count == 1)
    let farthest = rows.max {
      ($0["squaredDistance"] as! Double) < ($1["squaredDistance"] as! Double)
    }!
    #expect(farthest["time"] as? String == "2026-10-19T02:00:00Z")
    #expect((farthest["surprise"] as! Double) > 9)
    let values = farthest["values"] as! [Double]
    #expect(values.count == features.count)
    let reads = values[features.firstIndex(of: "reads")!]
    // Tolerance: the value is exp(log1p(900)) - 1 in floating point.
    #expect(abs(reads - 900) < 1e-9 * 900)
    for row in rows {
      let shares = row["shares"] as! [Double]
      #expect(shares.count == features.count)
      let sum = shares.reduce(0, +)
      let magnitude = shares.reduce(0) { $0 + abs($1) }
      // Tolerance: the parts come from plain loops and d² from the
      // scoring kernel, which agree to about 1e-12 of the parts'
      // magnitude; collinear features (reads track requests here) make
      // the parts large and of both signs, so allow 1e-8 of it.
      #expect(
        abs(sum - 1) <= 1e-8 * max(1, magnitude)
          || row["squaredDistance"] as! Double == 0)
    }
  }

  @Test("--since and --until choose the window as for detect")
  func explicitWindow() throws {
    let history = try DetectHistory()
    defer { history.remove() }
    let window = ["--since", "2026-10-17T00:00:00Z", "--until", "2026-10-18"]
    let result = try CLIRunner.run(
      ["explain", history.path, "--principal", "user/bob"] + window)
    #expect(result.status == 0, "\(result.stderr)")
    let explanation =
      try JSONSerialization.jsonObject(
        with: Data(result.lines[0].utf8)) as! [String: Any]
    let detect = try CLIRunner.run(
      ["detect", history.path, "--format", "json"] + window)
    let report =
      try JSONSerialization.jsonObject(
        with: Data(detect.stdout.utf8)) as! [String: Any]
    #expect(
      explanation["window"] as! [String: String]
        == ["start": "2026-10-17T00:00:00Z", "end": "2026-10-18T00:00:00Z"])
    #expect(
      explanation["window"] as! [String: String]
        == report["window"] as! [String: String])
    let hours = explanation["hours"] as! [[String: Any]]
    #expect(hours.last?["time"] as? String == "2026-10-17T23:00:00Z")
    #expect(hours.filter { $0["inWindow"] as! Bool }.count == 24)
  }

  @Test("No principal matching exits 1 and says so")
  func noMatch() throws {
    let history = try DetectHistory()
    defer { history.remove() }
    let result = try CLIRunner.run([
      "explain", history.path, "--principal", "mallory",
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("no principal contains 'mallory'"))
    #expect(result.stdout.isEmpty)
  }
}
