import Testing

@testable import AccessLogs

@Suite("CloudTrail adapter: hand-written fixtures")
struct CloudTrailAdapterTests {
  @Test("A delivery document with every field quirk")
  func deliveryQuirks() throws {
    let (events, summary) = try TestData.read(
      [TestData.fixture("cloudtrail/delivery-quirks.json")])
    #expect(summary.recordsRead[.cloudTrail] == 10)
    #expect(events.count == 6)
    #expect(summary.skipped[.notStorage] == 1)
    #expect(summary.skipped[.insight] == 1)
    #expect(summary.skipped[.duplicate] == 1)
    #expect(summary.skipped[.badTimestamp] == 1)
    #expect(summary.totalSkipped == 4)

    let alice = events[0]
    #expect(alice.time == Timestamp.parseISO8601("2024-03-04T10:15:30Z"))
    #expect(alice.principal == "arn:aws:iam::111122223333:user/alice")
    #expect(alice.principalKind == .user)
    #expect(alice.principalAccount == "111122223333")
    #expect(alice.account == "444455556666")
    #expect(alice.bucket == "finance-reports")
    #expect(alice.objectKey == "2024/q1/ledger.csv")
    #expect(alice.action == .read)
    #expect(alice.outcome == .success)
    #expect(alice.sourceAddress == .ip(IPAddress("203.0.113.10")!))
    #expect(alice.networkPath == "vpce-0a1b2c3d")
    #expect(
      alice.userAgent == "aws-cli/2.17.60 Python/3.12.6 Linux/6.1 exe/x86_64")
    #expect(alice.bytesOut == 52431)
    #expect(alice.bytesIn == 0)
    #expect(alice.authentication == .sigV4)
    #expect(alice.requestID == "REQ0001")
    #expect(alice.region == "eu-west-1")

    // Random session name collapses to the role; no key in the request
    // parameters, so it comes from the object ARN; a lower-case
    // `accountid`; a leading-zero address is kept as text.
    let etl = events[1]
    #expect(
      etl.principal == "arn:aws:iam::111122223333:role/service-role/etl-loader")
    #expect(etl.principalKind == .role)
    #expect(etl.sessionName == "botocore-session-1709547330")
    #expect(etl.objectKey == "incoming/batch 7.parquet")
    #expect(etl.account == "444455556666")
    #expect(etl.sourceAddress == .name("010.1.2.3"))
    #expect(etl.authentication == .presignedURL)
    #expect(etl.action == .write)

    // A person's SSO session keeps its name; IPv6; denied.
    let bob = events[2]
    #expect(bob.principal.hasSuffix("/bob@example.com"))
    #expect(bob.principalKind == .roleSession)
    #expect(bob.action == .list)
    #expect(bob.outcome == .denied)
    #expect(bob.errorCode == "AccessDenied")
    #expect(bob.sourceAddress?.description == "2001:db8::1")

    let service = events[3]
    #expect(service.principal == "s3.amazonaws.com")
    #expect(service.principalKind == .service)
    #expect(service.sourceAddress == .name("s3.amazonaws.com"))
    #expect(service.bucket == "log-bucket")

    let anonymous = events[4]
    #expect(anonymous.principalKind == .anonymous)
    #expect(anonymous.authentication == .anonymous)
    #expect(anonymous.outcome == .success)
    #expect(anonymous.time.iso8601 == "2024-03-04T10:19:00.25Z")

    let root = events[5]
    #expect(root.principalKind == .accountRoot)
    #expect(root.action == .permissionChange)
  }

  @Test("JSON Lines export with @timestamp, blank and broken lines")
  func siemExport() throws {
    let (events, summary) = try TestData.read(
      [TestData.fixture("cloudtrail/siem-export.jsonl")])
    #expect(events.count == 3)
    #expect(summary.skipped[.malformedJSON] == 2)
    #expect(events[0].time.iso8601 == "2024-03-04T11:00:00.123Z")
    #expect(events[0].bytesOut == 2048)
    #expect(events[1].principalKind == .federatedUser)
    #expect(events[1].action == .delete)
    #expect(events[2].objectKey == "café 😀.txt")
    let lines = summary.examples.map(\.location.line)
    #expect(lines == [4, 5])
  }

  @Test("A JSON array of events; an instance-id session collapses")
  func arrayOfEvents() throws {
    let (events, summary) = try TestData.read(
      [TestData.fixture("cloudtrail/array-of-events.json")])
    #expect(events.count == 1)
    #expect(summary.skipped[.notStorage] == 1)
    #expect(events[0].principal == "arn:aws:iam::111122223333:role/auditor")
    #expect(events[0].action == .metadataRead)
    #expect(summary.examples.first?.location.line == 10)
  }

  @Test("CloudWatch Logs envelope and LookupEvents records")
  func embeddedEvents() throws {
    let (events, summary) = try TestData.read([
      TestData.fixture("cloudtrail/cloudwatch-envelope.json"),
      TestData.fixture("cloudtrail/lookup-events.jsonl"),
    ])
    #expect(
      events.map(\.principal) == [
        "arn:aws:iam::111122223333:user/erin",
        "arn:aws:iam::111122223333:user/frank",
      ])
    #expect(summary.skipped[.malformedJSON] == 1)
    #expect(events[1].action == .permissionChange)
  }

  @Test("Digest documents are skipped as digests")
  func digest() throws {
    let (events, summary) = try TestData.read(
      [TestData.fixture("cloudtrail/digest.json")])
    #expect(events.isEmpty)
    #expect(summary.skipped[.digest] == 1)
  }

  @Test("Multi-member gzip is read whole")
  func gzip() throws {
    let (events, summary) = try TestData.read(
      [TestData.fixture("cloudtrail/delivery.json.gz")])
    #expect(events.map(\.objectKey) == ["k", "k2"])
    #expect(summary.fileErrors.isEmpty)
  }

  @Test(
    "Damaged inputs are reported with their reason",
    arguments: [
      ("cloudtrail/truncated.json.gz", "truncated-gzip"),
      ("cloudtrail/corrupt.json.gz", "corrupt-gzip"),
      ("cloudtrail/does-not-exist.json", "unreadable"),
    ])
  func damagedFiles(file: String, reason: String) throws {
    let (events, summary) = try TestData.read([TestData.fixture(file)])
    #expect(events.isEmpty)
    #expect(summary.fileErrors.map(\.reasonName) == [reason])
  }

  @Test("A document cut off mid-record is a truncated record")
  func truncatedJSON() throws {
    let (_, summary) = try TestData.read(
      [TestData.fixture("cloudtrail/truncated-json.json")])
    #expect(summary.skipped == [.truncated: 1])
  }

  @Test("Strict mode stops at the first damaged record")
  func strict() throws {
    var options = EventReaderOptions()
    options.strict = true
    #expect(throws: ReadError.self) {
      _ = try TestData.read(
        [TestData.fixture("cloudtrail/siem-export.jsonl")], options: options)
    }
  }

  @Test("Bucket and time filters count what they drop")
  func filters() throws {
    var options = EventReaderOptions()
    options.buckets = ["finance-reports"]
    options.until = Timestamp.parseISO8601("2024-03-04T10:20:00Z")
    let (events, summary) = try TestData.read(
      [TestData.fixture("cloudtrail/delivery-quirks.json")], options: options)
    #expect(events.count == 3)
    #expect(summary.eventsFiltered == 3)
  }

  @Test(
    "Role session names: chosen names stay, generated names collapse",
    arguments: [
      ("bob@example.com", false), ("alice", false), ("my-lambda-fn", false),
      ("GitHubActions", false), ("AssumeRoleSession", false),
      ("botocore-session-1709547330", true), ("i-0abc1234def567890", true),
      ("3f2c9a1e-7b4d-4e8f-9a6b-1c2d3e4f5a6b", true),
      ("aws-go-sdk-1709547330123", true), ("aB3dE5fG7hJ9", true), ("", true),
      ("ecs-task-0123456789abcdef0123456789abcdef", true),
    ])
  func sessionNames(name: String, ephemeral: Bool) {
    #expect(RoleSessionName.isEphemeral(name) == ephemeral)
  }
}
