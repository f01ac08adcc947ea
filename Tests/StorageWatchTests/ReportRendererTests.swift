import AccessLogs
import Foundation
import Testing

@testable import StorageWatch

/// Reports with hostile, log-derived strings.
enum HostileReport {
  static let key = "<script>alert(1)</script>"
  static let agent = "\"><img src=x onerror=alert(1)>"
  static let ansi = "evil\u{1B}[31mred\u{1B}[0m"
  static let formulas = [
    "=HYPERLINK(\"http://x\",\"y\")", "+cmd", "@SUM(A1)", "-2+3",
    "\tTAB", "\rCR",
  ]
  static let jsonHostile =
    "q\"uote\\back\u{0}nul\u{FFFD}repaired\u{2028}sep</script>"

  static func finding(
    principal: String = HostileReport.ansi, severity: Severity = .high,
    score: Int = 70, summary: String = "bulk-download: | pipe " + key
  ) -> Finding {
    let start = Timestamp.parseISO8601("2026-10-26T02:00:00Z")!
    var signal = Signal(
      detection: .exfiltration, hour: 498_050, measure: "mahalanobis-d2",
      observed: 210.5, expected: 12, surprise: 14.2,
      explanation: "odd hour " + key)
    signal.attribution = [
      FeatureContribution(
        feature: "reads" + agent, observed: 900, typical: 9, share: 0.8),
      FeatureContribution(
        feature: "bytes", observed: 1e7, typical: 3e5, share: 0.2),
    ]
    let bulk = Signal(
      detection: .bulkDownload, hour: 498_050, measure: "reads",
      observed: 900, expected: 9.5, surprise: .infinity,
      explanation: "900 reads " + jsonHostile)
    var finding = Finding(
      id: "SW-ABC", detection: .bulkDownload, signals: [bulk, signal],
      severity: severity, score: score, principal: principal,
      principalKind: .user, provider: .aws, accounts: ["111122223333"],
      buckets: [key, "data"], start: start,
      end: start.adding(seconds: 3600),
      sources: [
        .init(
          address: "203.0.113.9" + agent, kind: "public", isNew: true,
          requests: 900),
        .init(
          address: "=cmd|' /C calc'!A0", kind: "service", isNew: false,
          requests: 3),
      ],
      userAgents: [agent, ansi, jsonHostile] + formulas,
      eventCount: 903, bytesOut: 36_000_000,
      sampleObjects: [key, jsonHostile], sampleEventIDs: ["id-1" + agent],
      summary: summary)
    finding.timeline = (0..<24).map { i in
      TimelinePoint(
        time: start.adding(seconds: Int64(i - 12) * 3600),
        observed: i == 12 ? 903 : 4 + i % 5, expected: 6.5,
        upper: i % 7 == 0 ? .nan : 14)
    }
    return finding
  }

  static func report(_ findings: [Finding]? = nil) -> DetectionReport {
    let start = Timestamp.parseISO8601("2026-10-25T03:00:00Z")!
    return DetectionReport(
      window: .init(start: start, end: start.adding(seconds: 86_400)),
      inputs: .init(
        paths: ["/logs/" + key], filesRead: 3, fileErrors: [ansi],
        recordsRead: 10_000, events: 9_990, principals: 4,
        skipped: ["duplicate": 10], firstEvent: start, lastEvent: start),
      settings: DetectionSettings(),
      findings: findings
        ?? [
          finding(),
          finding(
            principal: "=HYPERLINK(\"x\")", severity: .low, score: 25,
            summary: "+cmd"),
        ])
  }
}

@Suite("Report rendering with hostile log data")
struct ReportRendererTests {
  let report = HostileReport.report()

  @Test("HTML escapes every value and keeps its policy")
  func html() {
    let html = ReportRenderer.render(report, as: .html)
    #expect(!html.contains("<script"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("\u{1B}"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
    #expect(
      html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" "
          + "content=\"default-src 'none';"))
    #expect(!html.contains("http://") || !html.contains("src=\"http"))
    #expect(!html.contains("<link"))
    let tags = html.split(separator: "<").dropFirst().map {
      $0.prefix { $0 != ">" }
    }
    #expect(!tags.contains { $0.hasPrefix("script") || $0.hasPrefix("img") })
    #expect(!tags.contains { $0.contains(" on") || $0.contains("javascript:") })
    #expect(
      tags.allSatisfy {
        !$0.contains("\"") || $0.count(where: { $0 == "\"" }) % 2 == 0
      })
  }

  @Test("HTML draws a chart per finding, with the finding's hours marked")
  func htmlChart() {
    let html = ReportRenderer.render(report, as: .html)
    #expect(html.components(separatedBy: "<svg").count - 1 == 2)
    #expect(html.contains("<polyline"))
    #expect(html.contains("<polygon"))
    #expect(html.contains("fill=\"#cb181d\""))
    #expect(html.contains("2026-10-26 02:00 UTC: 903 requests"))
    #expect(!html.contains("nan\""))
    #expect(html.contains("1 high"))
    #expect(html.contains("<span class=\"new\">new</span>"))
    #expect(html.contains("width:80.0%"))
  }

  @Test("HTML says how many findings a minimum severity hid")
  func htmlOmitted() {
    let html = ReportRenderer.render(
      report, as: .html, minimumSeverity: .medium)
    #expect(html.contains("1 below the minimum severity not shown"))
    #expect(html.components(separatedBy: "<svg").count - 1 == 1)
  }

  @Test("HTML of an empty report says so")
  func htmlEmpty() {
    let html = ReportRenderer.render(HostileReport.report([]), as: .html)
    #expect(html.contains("No findings."))
    #expect(html.hasSuffix("</html>\n"))
  }

  @Test(
    "Axis ticks are round numbers above the peak",
    arguments: [
      (0.5, 1.0), (7.0, 8.0), (14.0, 15.0), (903.0, 1000.0), (1.0e6, 1.0e6),
    ])
  func axis(peak: Double, top: Double) {
    let axis = HTMLReport.axis(peak)
    #expect(axis.top == top)
    #expect(axis.top >= peak)
    #expect((axis.top / axis.tick).rounded() == axis.top / axis.tick)
  }

  @Test("CSV neutralizes formula cells and doubles quotes")
  func csv() {
    let text = ReportRenderer.render(report, as: .csv)
    #expect(
      text.hasPrefix(
        "id,score,severity,detection,principal,principal_kind,provider,"))
    #expect(text.contains("\"'=HYPERLINK(\"\"x\"\")\""))
    #expect(text.contains("\"'+cmd\""))
    for cell in text.split(separator: ",") where cell.hasPrefix("\"") {
      let inner = cell.dropFirst()
      #expect(!"=+-@\t\r".contains(inner.first ?? " "))
    }
  }

  @Test(
    "CSV cells",
    arguments: [
      ("=1+2", "\"'=1+2\""), ("+cmd", "\"'+cmd\""), ("-2+3", "\"'-2+3\""),
      ("@SUM(A1)", "\"'@SUM(A1)\""), ("\tx", "\"'\tx\""),
      ("\rx", "\"'\rx\""), ("a\"b", "\"a\"\"b\""), ("plain", "\"plain\""),
      ("=\u{301}1+2", "\"'=\u{301}1+2\""), ("\r\n=1", "\"'\r\n=1\""),
      ("", "\"\""),
    ])
  func csvCell(input: String, expected: String) {
    #expect(ReportRenderer.csvCell(input) == expected)
  }

  @Test("The table shows control characters and escapes as text")
  func table() {
    let text = ReportRenderer.render(report, as: .table)
    #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
    #expect(text.contains("evil\\u{1B}[31mred"))
    #expect(text.contains("203.0.113.9"))
  }

  @Test(
    "terminalSafe",
    arguments: [
      ("a\u{1B}[2Jb", "a\\u{1B}[2Jb"), ("x\u{7}", "x\\u{7}"),
      ("\u{202E}txt", "\\u{202E}txt"), ("\u{9B}c", "\\u{9B}c"),
      ("a\u{200F}b", "a\\u{200F}b"), ("\u{2066}i", "\\u{2066}i"),
      ("plain é", "plain é"),
    ])
  func terminalSafe(input: String, expected: String) {
    #expect(ReportRenderer.terminalSafe(input) == expected)
  }

  @Test("Markdown escapes pipes and markup")
  func markdown() {
    let text = ReportRenderer.render(report, as: .markdown)
    #expect(text.contains("bulk-download: \\| pipe"))
    #expect(!text.replacingOccurrences(of: "\\<", with: "").contains("<"))
    for line in text.split(separator: "\n") where line.hasPrefix("| ") {
      let escaped = line.components(separatedBy: "\\|").count - 1
      #expect(line.filter { $0 == "|" }.count - escaped == 6)
    }
  }

  @Test("JSON parses back with every hostile string intact")
  func json() throws {
    let text = ReportRenderer.render(report, as: .json)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8))
        as? [String: Any])
    #expect(object["schemaVersion"] as? Int == 1)
    let findings = try #require(object["findings"] as? [[String: Any]])
    #expect(findings.count == 2)
    let agents = try #require(findings[0]["userAgents"] as? [String])
    #expect(agents.contains(HostileReport.jsonHostile))
    #expect(findings[0]["principal"] as? String == HostileReport.ansi)
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let decoded = try decoder.decode(
      DetectionReport.self, from: Data(text.utf8))
    #expect(decoded.findings.count == 2)
    #expect(decoded.findings[0].sampleObjects[1] == HostileReport.jsonHostile)
    #expect(decoded.findings[0].signals[0].surprise == .infinity)
  }

  @Test("JSON Lines: one parseable finding per line")
  func jsonLines() throws {
    let text = ReportRenderer.render(report, as: .jsonl)
    let lines = text.split(separator: "\n")
    #expect(lines.count == 2)
    for line in lines {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
      let finding = try #require(object as? [String: Any])
      #expect(finding["id"] as? String == "SW-ABC")
    }
  }

  @Test("The minimum severity drops lower findings")
  func minimumSeverity() {
    let text = ReportRenderer.render(
      report, as: .jsonl, minimumSeverity: .medium)
    #expect(text.split(separator: "\n").count == 1)
    #expect(
      ReportRenderer.render(report, as: .csv, minimumSeverity: .critical)
        .split(separator: "\n").count == 1)
  }
}

@Suite("OCSF Detection Finding mapping")
struct OCSFReportTests {
  let report = HostileReport.report()

  func events() throws -> [[String: Any]] {
    try ReportRenderer.render(report, as: .ocsf).split(separator: "\n").map {
      try #require(
        try JSONSerialization.jsonObject(with: Data($0.utf8))
          as? [String: Any])
    }
  }

  @Test("Class, activity, type and severity follow OCSF 1.1")
  func classification() throws {
    let events = try events()
    #expect(events.count == 2)
    let e = events[0]
    #expect(e["class_uid"] as? Int == 2004)
    #expect(e["category_uid"] as? Int == 2)
    #expect(e["activity_id"] as? Int == 1)
    #expect(e["type_uid"] as? Int == 200_401)
    #expect(e["severity_id"] as? Int == 4)
    #expect(e["severity"] as? String == "High")
    #expect(events[1]["severity_id"] as? Int == 2)
    #expect(e["status_id"] as? Int == 1)
    #expect(e["risk_score"] as? Int == 70)
    let metadata = try #require(e["metadata"] as? [String: Any])
    #expect(metadata["version"] as? String == "1.1.0")
    let product = try #require(metadata["product"] as? [String: Any])
    #expect(product["name"] as? String == "StorageWatch")
  }

  @Test("Times are epoch milliseconds; finding_info names the finding")
  func findingInfo() throws {
    let e = try events()[0]
    let start: Int64 = 1_792_980_000_000
    #expect((e["time"] as? NSNumber)?.int64Value == start + 3_600_000)
    #expect((e["start_time"] as? NSNumber)?.int64Value == start)
    let info = try #require(e["finding_info"] as? [String: Any])
    #expect(info["uid"] as? String == "SW-ABC")
    #expect((info["title"] as? String)?.hasPrefix("bulk-download") == true)
    #expect(info["types"] as? [String] == ["bulk-download", "exfiltration"])
    #expect((info["first_seen_time"] as? NSNumber)?.int64Value == start)
    #expect(
      (info["last_seen_time"] as? NSNumber)?.int64Value == start + 3_600_000)
    let analytic = try #require(info["analytic"] as? [String: Any])
    #expect(analytic["type_id"] as? Int == 3)
  }

  @Test("Evidences hold the signals; resources the buckets")
  func evidences() throws {
    let e = try events()[0]
    let evidences = try #require(e["evidences"] as? [[String: Any]])
    #expect(evidences.count == 2)
    let data = try #require(evidences[0]["data"] as? [String: Any])
    #expect(data["detection"] as? String == "bulk-download")
    #expect(data["surprise"] as? String == "inf")
    let second = try #require(evidences[1]["data"] as? [String: Any])
    #expect((second["attribution"] as? [Any])?.count == 2)
    let resources = try #require(e["resources"] as? [[String: Any]])
    #expect(
      resources.map { $0["name"] as? String } == [HostileReport.key, "data"])
    let actor = try #require(e["actor"] as? [String: Any])
    let user = try #require(actor["user"] as? [String: Any])
    #expect(user["name"] as? String == HostileReport.ansi)
    #expect(user["type_id"] as? Int == 1)
    let endpoint = try #require(e["src_endpoint"] as? [String: Any])
    #expect(endpoint["ip"] == nil)
    #expect(endpoint["name"] as? String == "203.0.113.9" + HostileReport.agent)
  }

  @Test("A plain public address goes in src_endpoint.ip")
  func sourceAddress() throws {
    var finding = HostileReport.finding()
    finding.sources[0].address = "203.0.113.9"
    let object = OCSFReport.object(finding)
    let endpoint = try #require(object["src_endpoint"] as? [String: Any])
    #expect(endpoint["ip"] as? String == "203.0.113.9")
  }
}
