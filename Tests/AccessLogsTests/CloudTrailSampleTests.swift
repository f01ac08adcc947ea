import Testing

@testable import AccessLogs

@Suite(
  "CloudTrail adapter: real public samples",
  .enabled(if: TestData.hasSamples, "real samples absent: skipped"))
struct CloudTrailSampleTests {
  @Test("invictus-ir: 2,900 records, 271 S3 events, the rest not storage")
  func invictus() throws {
    let (events, summary) = try TestData.read(
      [TestData.sample("invictus-ir-aws_dataset/CloudTrail")])
    #expect(summary.filesRead == 55)
    #expect(summary.recordsRead[.cloudTrail] == 2_900)
    #expect(events.count == 271)
    #expect(summary.skipped == [.notStorage: 2_629])
    #expect(summary.fileErrors.isEmpty)
    #expect(events.allSatisfy { $0.format == .cloudTrail })
    let kinds = Set(events.map(\.principalKind))
    #expect(kinds == [.user, .service])
    #expect(events.filter { $0.operation == "GetBucketAcl" }.count == 42)
    #expect(events.filter { $0.outcome == .error }.count > 0)
  }

  @Test("Stratus Red Team detonations: JSON arrays, no S3 data events")
  func stratus() throws {
    let (_, summary) = try TestData.read(
      [TestData.sample("stratus-red-team/detonation-logs")])
    #expect(summary.filesRead == 35)
    #expect(summary.fileErrors.isEmpty)
    #expect(summary.malformedRecords == 0)
    #expect(summary.totalRecordsRead > 0)
  }

  @Test("plaso LookupEvents export: events embedded as strings")
  func plaso() throws {
    let (_, summary) = try TestData.read(
      [TestData.sample("plaso/aws_cloudtrail.jsonl")])
    #expect(summary.fileErrors.isEmpty)
    #expect(summary.malformedRecords == 0)
    #expect(summary.totalRecordsRead > 0)
  }

  @Test("OpenTelemetry CloudWatch envelope holding an S3 PutObject")
  func otelEnvelope() throws {
    let (events, summary) = try TestData.read(
      [TestData.sample("otel-collector-contrib-awslogs/cloudtrail_log_cw.json")]
    )
    #expect(summary.malformedRecords == 0)
    #expect(events.count == 1)
    #expect(events.first?.principalKind == .service)
    #expect(events.first?.operation == "PutObject")
  }
}
