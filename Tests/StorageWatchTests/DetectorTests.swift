import AccessLogs
import Testing

@testable import StorageWatch

@Suite("Detections on hand-made event streams")
struct DetectorTests {
  @Test("A quiet day gives no finding")
  func quietDay() {
    var stream = StreamBuilder()
    stream.officeWorker("alice", days: 22)
    #expect(stream.detect(windowDay: 21).isEmpty)
  }

  @Test("Bulk download fires for a person, not for a job that always does it")
  func bulkDownload() {
    var stream = StreamBuilder()
    stream.officeWorker("alice", days: 22)
    for day in 0..<22 {
      stream.add("etl", day: day, hour: 2, count: 600, kind: .role)
    }
    stream.add("alice", day: 21, hour: 14, count: 900)
    stream.add("etl", day: 21, hour: 2, count: 650, kind: .role)
    let findings = stream.detect(windowDay: 21)
    #expect(findings.map(\.principal) == ["alice"])
    #expect(findings.first?.detection == .bulkDownload)
    #expect((findings.first?.severity ?? .info) >= .medium)
  }

  @Test("Mass deletion fires above its floor and the baseline")
  func massDeletion() {
    var stream = StreamBuilder()
    stream.officeWorker("bob", days: 22)
    stream.add(
      "bob", day: 21, hour: 11, count: 400, operation: "DeleteObject",
      action: .delete, bucket: "backups")
    let findings = stream.detect(windowDay: 21)
    #expect(findings.first?.detection == .massDeletion)
    #expect((findings.first?.severity ?? .info) >= .high)
  }

  @Test("After-hours fires for an office worker, not for a night owl")
  func afterHours() {
    var stream = StreamBuilder()
    stream.officeWorker("carol", days: 22)
    for day in 0..<22 {
      stream.add("owl", day: day, hour: 1, count: 12)
      stream.add("owl", day: day, hour: 2, count: 12)
    }
    stream.add("carol", day: 21, hour: 2, count: 8)
    stream.add("owl", day: 21, hour: 2, count: 10)
    let findings = stream.detect(windowDay: 21)
    #expect(findings.map(\.principal) == ["carol"])
    #expect(findings.first?.detection == .afterHours)
  }

  @Test("A new address is low alone and raises a coinciding download")
  func newAddress() {
    var stream = StreamBuilder()
    stream.officeWorker("dave", days: 22)
    stream.officeWorker("erin", days: 22)
    stream.add("dave", day: 21, hour: 10, count: 5, address: "203.0.113.50")
    stream.add("erin", day: 21, hour: 10, count: 900, address: "203.0.113.99")
    let findings = stream.detect(windowDay: 21)
    let dave = findings.first { $0.principal == "dave" }
    let erin = findings.first { $0.principal == "erin" }
    #expect(dave?.detection == .newSourceAddress)
    #expect((dave?.severity ?? .critical) <= .low)
    #expect(erin?.detection == .bulkDownload)
    #expect(
      erin?.signals.contains { $0.detection == .newSourceAddress } == true)
    #expect((erin?.score ?? 0) > (dave?.score ?? 100))
    #expect(erin?.sources.first { $0.address == "203.0.113.99" }?.isNew == true)
  }

  @Test("Rotating addresses (a Lambda function) do not fire")
  func rotatingAddresses() {
    var stream = StreamBuilder()
    for day in 0..<22 {
      for hour in 0..<24 {
        stream.add(
          "lambda", day: day, hour: hour, count: 3,
          address: "54.\(day).\(hour).\(7 + day % 3)", kind: .role)
      }
    }
    #expect(stream.detect(windowDay: 21).isEmpty)
  }

  @Test("Enumeration: listing many buckets with denied calls")
  func enumeration() {
    var stream = StreamBuilder()
    stream.officeWorker("frank", days: 22)
    for b in 0..<40 {
      stream.add(
        "frank", day: 21, hour: 13, count: 3, operation: "ListObjects",
        action: .list, bucket: "bucket-\(b)",
        outcome: b % 2 == 0 ? .denied : .success)
    }
    let findings = stream.detect(windowDay: 21)
    #expect(findings.first?.detection == .enumeration)
    #expect((findings.first?.severity ?? .info) >= .medium)
  }

  @Test("A write-only role that starts reading is unusual")
  func unusualOperation() {
    var stream = StreamBuilder()
    for day in 0..<22 {
      for hour in stride(from: 0, to: 24, by: 3) {
        stream.add(
          "uploader", day: day, hour: hour, count: 5, operation: "PutObject",
          action: .write, agent: "Boto3/1.34.0", kind: .role)
      }
    }
    stream.add(
      "uploader", day: 21, hour: 12, count: 20, agent: "Boto3/1.34.0",
      kind: .role)
    let findings = stream.detect(windowDay: 21)
    #expect(findings.detections.contains(.unusualOperation))
  }

  @Test("Slow exfiltration under the read floor with large objects")
  func slowExfiltration() {
    var stream = StreamBuilder()
    stream.officeWorker("gina", days: 28)
    for hour in 9..<17 {
      stream.add(
        "gina", day: 27, hour: hour, count: 90, bytes: 400_000_000,
        keyPrefix: "archive")
    }
    let findings = stream.detect(windowDay: 27)
    #expect(findings.detections.contains(.exfiltration))
    let signal = findings.flatMap(\.signals).first {
      $0.detection == .exfiltration
    }
    #expect(
      signal?.attribution.first.map {
        ["MiB out", "reads", "objects read", "requests"].contains($0.feature)
      } == true)
  }

  @Test("Signals in adjacent hours merge into one finding")
  func merging() {
    var stream = StreamBuilder()
    stream.officeWorker("hank", days: 22)
    stream.add("hank", day: 21, hour: 2, count: 500, address: "203.0.113.9")
    stream.add("hank", day: 21, hour: 3, count: 700, address: "203.0.113.9")
    let findings = stream.detect(windowDay: 21)
    #expect(findings.count == 1)
    #expect(Set(findings[0].signals.map(\.hour)).count == 2)
    #expect(findings[0].severity >= .high)
    #expect(
      findings[0].end.secondsSinceEpoch - findings[0].start.secondsSinceEpoch
        == 7200)
  }
}
