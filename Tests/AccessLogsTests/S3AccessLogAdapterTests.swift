import Testing

@testable import AccessLogs

/// Decodes one line with a fresh adapter.
private func decodeS3(_ line: String) -> RecordSink {
  decodeS3(Array(line.utf8))
}

private func decodeS3(_ bytes: [UInt8]) -> RecordSink {
  var adapter = S3AccessLogAdapter()
  var sink = RecordSink()
  bytes.withUnsafeBytes { adapter.decode($0, into: &sink) }
  return sink
}

private func s3Fixture(_ name: String) throws -> (
  events: [AccessEvent], summary: ReadSummary
) {
  try TestData.read([TestData.fixture("s3-access/" + name)])
}

private let owner =
  "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"

@Suite("S3 access log adapter: hand-written fixtures")
struct S3AccessLogAdapterTests {
  @Test(
    "Records, events and skips per fixture",
    arguments: [
      ("field-counts.log", 5, 5, [SkipReason: Int]()),
      ("batch-delete.log", 3, 3, [:]),
      ("lifecycle.log", 4, 4, [:]),
      ("requesters.log", 7, 7, [:]),
      ("outcomes.log", 6, 6, [:]),
      ("keys.log", 4, 4, [:]),
      ("addresses-and-time.log", 2, 2, [:]),
      ("malformed.log", 7, 1, [.malformedRecord: 3, .badTimestamp: 3]),
      ("duplicate.log", 3, 2, [.duplicate: 1]),
    ])
  func counts(
    file: String, records: Int, events: Int, skips: [SkipReason: Int]
  ) throws {
    let (read, summary) = try s3Fixture(file)
    #expect(summary.recordsRead == [.s3AccessLog: records])
    #expect(read.count == events)
    #expect(summary.skipped == skips)
    #expect(summary.fileErrors.isEmpty)
    #expect(read.allSatisfy { $0.format == .s3AccessLog })
  }

  @Test("18 to 28 fields, a trailing space and appended future fields")
  func fieldCounts() throws {
    let (events, _) = try s3Fixture("field-counts.log")
    #expect(
      events.map(\.objectKey) == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"])
    #expect(events.map(\.bytesOut) == [18, 24, 25, 26, 28])
    #expect(events[0].authentication == .unknown)
    #expect(events[0].region == nil)
    #expect(events[1...].allSatisfy { $0.authentication == .sigV4 })
    #expect(events[1...].allSatisfy { $0.region == "eu-west-1" })
    #expect(events[0].account == owner)
    #expect(events[0].principal == "canonical:" + owner)
    #expect(events[0].principalKind == .user)
    #expect(events[0].time == Timestamp.parseISO8601("2014-02-06T00:00:38Z"))
    #expect(events[4].userAgent == "curl/7.64.1")
  }

  @Test("Multi-object delete: bare dashes, one request, distinct event ids")
  func batchDelete() throws {
    let (events, _) = try s3Fixture("batch-delete.log")
    #expect(events.map(\.action) == [.delete, .delete, .delete])
    #expect(Set(events.map(\.requestID)) == ["6Q2E7FEXAMPLE001"])
    #expect(Set(events.compactMap(\.eventID)).count == 3)
    let one = events[1]
    #expect(one.operation == "BATCH.DELETE.OBJECT")
    #expect(one.objectKey == "2023/img one.jpg")
    #expect(one.userAgent == nil)
    #expect(one.outcome == .success)
    #expect(one.bytesOut == 0)
    #expect(one.authentication == .unknown)
    #expect(one.principal == "arn:aws:iam::111122223333:user/alice")
    #expect(one.principalAccount == "111122223333")
    #expect(
      one.eventID
        == "photos/6Q2E7FEXAMPLE001/BATCH.DELETE.OBJECT/2023/img+one.jpg/-")
    #expect(
      events[0].userAgent == "aws-cli/2.13.0 Python/3.11.4 Linux/6.1 exe/x86_64"
    )
    #expect(events[0].region == "us-east-2")
  }

  @Test(
    "Lifecycle actions are S3's own; log delivery is a service",
    arguments: [
      (0, "s3.amazonaws.com", ActionCategory.delete, "S3.EXPIRE.OBJECT"),
      (1, "s3.amazonaws.com", .other, "S3.TRANSITION_SIA.OBJECT"),
      (2, "s3.amazonaws.com", .delete, "S3.CREATE.DELETEMARKER"),
      (3, "delivery.logs.amazonaws.com", .write, "REST.PUT.OBJECT"),
    ])
  func lifecycle(
    index: Int, principal: String, action: ActionCategory, operation: String
  ) throws {
    let event = try s3Fixture("lifecycle.log").events[index]
    #expect(event.principal == principal)
    #expect(event.principalKind == .service)
    #expect(event.action == action)
    #expect(event.operation == operation)
    #expect(event.sourceAddress == nil)
    #expect(event.outcome == .success)
  }

  @Test("Lifecycle expiry keeps its key and version in the event id")
  func expiry() throws {
    let event = try s3Fixture("lifecycle.log").events[0]
    #expect(event.objectKey == "tmp/old.bin")
    #expect(event.userAgent == nil)
    #expect(event.bytesOut == 0)
    #expect(
      event.eventID?.hasSuffix("/tmp/old.bin/3UtLzYuvc.E0S8d7p1k6Ks0jN.C8nHaN")
        == true)
  }

  @Test(
    "Requester shapes",
    arguments: [
      (
        0, "arn:aws:iam::111122223333:role/etl-loader", PrincipalKind.role,
        "botocore-session-1715767201", AuthenticationMethod.sigV4,
        ActionCategory.read
      ),
      (
        1,
        "arn:aws:sts::111122223333:assumed-role/"
          + "AWSReservedSSO_Admin_0123abcd/bob@example.com",
        .roleSession, "bob@example.com", .sigV4, .list
      ),
      (
        2, "arn:aws:iam::111122223333:user/carol", .user, nil, .sigV4,
        .permissionChange
      ),
      (
        3, "arn:aws:iam::111122223333:root", .accountRoot, nil, .sigV4,
        .permissionChange
      ),
      (4, "anonymous", .anonymous, nil, .anonymous, .read),
      (5, "canonical:" + owner, .user, nil, .presignedURL, .metadataRead),
      (
        6, "arn:aws:sts::111122223333:federated-user/dave", .federatedUser,
        nil, .sigV2, .read
      ),
    ]
      as [(
        Int, String, PrincipalKind, String?, AuthenticationMethod,
        ActionCategory
      )])
  func requesters(
    index: Int, principal: String, kind: PrincipalKind, session: String?,
    authentication: AuthenticationMethod, action: ActionCategory
  ) throws {
    let event = try s3Fixture("requesters.log").events[index]
    #expect(event.principal == principal)
    #expect(event.principalKind == kind)
    #expect(event.sessionName == session)
    #expect(event.authentication == authentication)
    #expect(event.action == action)
    if kind != .anonymous && index != 5 {
      #expect(event.principalAccount == "111122223333")
    }
  }

  @Test("An anonymous read keeps its referer-free user agent and region")
  func anonymousRead() throws {
    let event = try s3Fixture("requesters.log").events[4]
    #expect(event.userAgent == "Mozilla/5.0 (X11; Linux x86_64)")
    #expect(event.region == "us-west-2")
    #expect(event.bytesOut == 5120)
    #expect(event.sourceAddress == .ip(IPAddress("203.0.113.5")!))
    #expect(event.requestID == "REQ0000000000005")
  }

  @Test(
    "HTTP status and error code give the outcome",
    arguments: [
      (0, Outcome.success, String?.none, Int64?.some(777)),
      (1, .denied, "AccessDenied", nil),
      (2, .error, "NoSuchKey", nil),
      (3, .success, nil, nil),
      (4, .error, "SlowDown", nil),
      (5, .denied, "SignatureDoesNotMatch", nil),
    ])
  func outcomes(
    index: Int, outcome: Outcome, errorCode: String?, bytesIn: Int64?
  ) throws {
    let event = try s3Fixture("outcomes.log").events[index]
    #expect(event.outcome == outcome)
    #expect(event.errorCode == errorCode)
    #expect(event.bytesIn == bytesIn)
  }

  @Test(
    "Keys are URL-decoded once, with + as a space",
    arguments: [
      (0, "Screen Shot 2019-09-09 at 9.08.44 AM.png"),
      (1, "a+b c.txt"),
      (2, "logs/year%3D2020/f.json.gz"),
      (3, "café/men\u{FFFD}%zz.txt"),
    ])
  func keys(index: Int, key: String) throws {
    let event = try s3Fixture("keys.log").events[index]
    #expect(event.objectKey == key)
  }

  @Test("IPv6, time zone offsets, leap day, names and regions")
  func addressesAndTime() throws {
    let (events, _) = try s3Fixture("addresses-and-time.log")
    #expect(events[0].sourceAddress?.description == "2001:db8::7")
    #expect(events[0].time == Timestamp.parseISO8601("2024-03-01T01:00:00Z"))
    #expect(events[0].region == "ap-southeast-2")
    #expect(events[1].time == Timestamp.parseISO8601("2024-03-01T00:00:00Z"))
    #expect(events[1].sourceAddress == .name("010.1.2.3"))
    #expect(events[1].region == "eu-central-1")
  }

  @Test("Malformed lines say what was wrong")
  func malformedDetails() throws {
    let (events, summary) = try s3Fixture("malformed.log")
    #expect(events.map(\.requestID) == ["BAD0000000000001"])
    let details = summary.examples.map { "\($0.location.line) \($0.detail)" }
    #expect(
      details == [
        "2 11 fields, expected at least 18",
        "3 time \"31/Feb/2024:11:00:01 +0000\"",
        "4 time \"16/Foo/2024:11:00:01 +0000\"",
        "5 time \"16/May/2024:11:00:01\"",
        "6 no operation",
        "7 14 fields, expected at least 18",
      ])
  }

  @Test(
    "Format detection by the bracketed time",
    arguments: [
      ("\(owner) b [06/Feb/2019:00:00:38 +0000] 192.0.2.3 x", true),
      ("79a5 mybucket [12/May/2014:07:54:01 -0700] 10.0.1.2 - ...", true),
      ("79a5 mybucket [12/May/2014:07:54:01 +0000]\r\nnext", true),
      ("79a5 mybucket 12/May/2014:07:54:01 +0000 10.0.1.2", false),
      ("79a5 mybucket [12/May/2014:07:54 +0000] 10.0.1.2", false),
      ("{\"Records\": []}", false),
      ("1.0;2014-06-19T22:59:23.1967767Z;GetBlob;", false),
      ("", false),
    ])
  func detection(text: String, expected: Bool) {
    let bytes = Array(text.utf8)
    let matched = bytes.withUnsafeBytes {
      S3AccessLogAdapter.matches(prefix: $0)
    }
    #expect(matched == expected)
  }
}

@Suite("S3 access log adapter: operations and times")
struct S3AccessLogFieldTests {
  @Test(
    "Operation categories",
    arguments: [
      ("REST.GET.OBJECT", ActionCategory.read),
      ("WEBSITE.GET.OBJECT", .read),
      ("REST.COPY.OBJECT_GET", .read),
      ("REST.COPY.PART_GET", .read),
      ("REST.COPY.OBJECT", .write),
      ("REST.PUT.OBJECT", .write),
      ("REST.POST.UPLOAD", .write),
      ("REST.PUT.PART", .write),
      ("REST.POST.RESTORE", .write),
      ("REST.DELETE.OBJECT", .delete),
      ("REST.DELETE.UPLOAD", .delete),
      ("REST.DELETE.BUCKET", .delete),
      ("BATCH.DELETE.OBJECT", .delete),
      ("REST.POST.MULTI_OBJECT_DELETE", .delete),
      ("REST.DELETE.TAGGING", .write),
      ("REST.GET.BUCKET", .list),
      ("REST.GET.BUCKETVERSIONS", .list),
      ("REST.GET.UPLOADS", .list),
      ("REST.GET.SERVICE", .list),
      ("REST.HEAD.OBJECT", .metadataRead),
      ("REST.HEAD.BUCKET", .metadataRead),
      ("REST.GET.ACL", .metadataRead),
      ("REST.GET.BUCKETPOLICY", .metadataRead),
      ("REST.GET.LOCATION", .metadataRead),
      ("REST.GET.OBJECT_TAGGING", .metadataRead),
      ("REST.PUT.ACL", .permissionChange),
      ("REST.PUT.BUCKETPOLICY", .permissionChange),
      ("REST.DELETE.BUCKETPOLICY", .permissionChange),
      ("REST.PUT.PUBLIC_ACCESS_BLOCK", .permissionChange),
      ("REST.DELETE.PUBLIC_ACCESS_BLOCK", .permissionChange),
      ("REST.PUT.OWNERSHIP_CONTROLS", .permissionChange),
      ("S3.EXPIRE.OBJECT", .delete),
      ("S3.TRANSITION.OBJECT", .other),
      ("SOAP.GetObject", .read),
      ("SOAP.ListAllMyBuckets", .list),
      ("REST.OPTIONS.PREFLIGHT", .other),
      ("GARBAGE", .other),
      ("", .other),
    ])
  func operations(name: String, category: ActionCategory) {
    #expect(S3AccessLogOperation.category(name) == category)
  }

  @Test(
    "Times",
    arguments: [
      ("06/Feb/2019:00:00:38 +0000", "2019-02-06T00:00:38Z"),
      ("06/feb/2019:00:00:38 +0000", "2019-02-06T00:00:38Z"),
      ("31/Dec/2023:23:59:59 -0800", "2024-01-01T07:59:59Z"),
      ("01/Jan/2024:05:30:00 +0530", "2024-01-01T00:00:00Z"),
      ("29/Feb/2024:12:00:00 +0000", "2024-02-29T12:00:00Z"),
    ])
  func times(text: String, iso: String) {
    let parsed = Array(text.utf8).withUnsafeBytes { S3AccessLogTime.parse($0) }
    #expect(parsed == Timestamp.parseISO8601(iso))
  }

  @Test(
    "Invalid times",
    arguments: [
      "29/Feb/2023:12:00:00 +0000", "06/Feb/2019:24:00:00 +0000",
      "06/Feb/2019:00:60:00 +0000", "06/Feb/2019:00:00:38 +2400",
      "06/Feb/2019:00:00:38 0000", "6/Feb/2019:00:00:38 +0000",
      "06/Feb/1600:00:00:38 +0000", "06-Feb-2019:00:00:38 +0000", "",
    ])
  func invalidTimes(text: String) {
    let parsed = Array(text.utf8).withUnsafeBytes { S3AccessLogTime.parse($0) }
    #expect(parsed == nil)
  }

  @Test(
    "Regions from host names",
    arguments: [
      ("b.s3.us-west-1.amazonaws.com", String?.some("us-west-1")),
      ("s3.ap-southeast-1.amazonaws.com", "ap-southeast-1"),
      ("b.s3-us-west-2.amazonaws.com", "us-west-2"),
      ("b.s3.dualstack.eu-west-3.amazonaws.com", "eu-west-3"),
      ("b.s3-website-us-east-1.amazonaws.com", "us-east-1"),
      ("b.s3.amazonaws.com", nil),
      ("s3.amazonaws.com", nil),
      ("b.s3-external-1.amazonaws.com", "us-east-1"),
      ("example.com", nil),
    ])
  func regions(host: String, region: String?) {
    #expect(S3AccessLogAdapter.region(host: host) == region)
  }
}

@Suite("S3 access log adapter: hostile input")
struct S3AccessLogRobustnessTests {
  static let valid =
    "\(owner) b [06/Feb/2019:00:00:38 +0000] 192.0.2.3 \(owner) "
    + "3E57427F3EXAMPLE REST.GET.VERSIONING - \"GET /b?versioning HTTP/1.1\" "
    + "200 - 113 - 7 - \"-\" \"S3Console/0.4\" - s9lz= SigV4 "
    + "ECDHE-RSA-AES128-GCM-SHA256 AuthHeader b.s3.us-west-1.amazonaws.com "
    + "TLSV1.2 - Yes"

  @Test("Every prefix of a valid line is one record and never traps")
  func truncatedLines() {
    let bytes = Array(Self.valid.utf8)
    for end in 0...bytes.count {
      let sink = decodeS3(Array(bytes[..<end]))
      #expect(sink.records == 1)
      #expect(sink.events.count + sink.skips.count == 1)
    }
  }

  @Test("Random bytes are skipped, never trap", arguments: [1, 2, 3, 4])
  func randomBytes(seed: UInt64) {
    var generator = LineFuzzRandom(seed: seed)
    let alphabet = Array(" []\"-+%/:0123456789abcdefABCDEF\u{0}\u{FF}".utf8)
    for _ in 0..<2_000 {
      let length = Int(generator.next() % 300)
      var bytes: [UInt8] = []
      for _ in 0..<length {
        let r = generator.next()
        bytes.append(
          r % 4 == 0
            ? UInt8(truncatingIfNeeded: r >> 8)
            : alphabet[Int((r >> 8) % UInt64(alphabet.count))])
      }
      let sink = decodeS3(bytes)
      #expect(sink.records == 1)
      let matched = bytes.withUnsafeBytes {
        S3AccessLogAdapter.matches(prefix: $0)
      }
      _ = matched
    }
  }

  @Test("Random mutations of a valid line never trap")
  func mutations() {
    var generator = LineFuzzRandom(seed: 99)
    let base = Array(Self.valid.utf8)
    let specials = Array(" []\"%-".utf8)
    for _ in 0..<5_000 {
      var bytes = base
      for _ in 0..<(1 + Int(generator.next() % 4)) {
        let at = Int(generator.next() % UInt64(bytes.count))
        bytes[at] = specials[Int(generator.next() % UInt64(specials.count))]
      }
      #expect(decodeS3(bytes).records == 1)
    }
  }

  @Test("Huge fields and many fields")
  func hugeFields() {
    let key = String(repeating: "%41", count: 300_000)
    let line =
      "o b [06/Feb/2019:00:00:38 +0000] 192.0.2.3 - R REST.GET.OBJECT \(key) "
      + "\"GET / HTTP/1.1\" 200 - 1 1 1 1 \"-\" \"\(key)\" -"
    let sink = decodeS3(line)
    #expect(sink.events.first?.objectKey?.count == 300_000)
    let many = decodeS3(String(repeating: "x ", count: 100_000))
    #expect(many.skips.first?.reason == .badTimestamp)
    let quote = decodeS3("a b [" + String(repeating: "\"", count: 100_000))
    #expect(quote.skips.first?.reason == .malformedRecord)
  }
}

/// A small deterministic random number generator for fuzz-style tests.
struct LineFuzzRandom {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite(
  "S3 access log adapter: real public samples",
  .enabled(if: TestData.hasSamples, "real samples absent: skipped"))
struct S3AccessLogSampleTests {
  @Test("AWS documentation: 5 records with a trailing space")
  func awsDocs() throws {
    let (events, summary) = try TestData.read(
      [
        TestData.sample(
          "awsdocs-amazon-s3-userguide/LogFormat-example-records.log")
      ])
    #expect(summary.recordsRead == [.s3AccessLog: 5])
    #expect(events.count == 5)
    #expect(summary.totalSkipped == 0)
    #expect(
      events.map(\.operation) == [
        "REST.GET.VERSIONING", "REST.GET.LOGGING_STATUS",
        "REST.GET.BUCKETPOLICY", "REST.GET.VERSIONING", "REST.PUT.OBJECT",
      ])
    let first = events[0]
    #expect(first.time == Timestamp.parseISO8601("2019-02-06T00:00:38Z"))
    #expect(first.principal == "canonical:" + owner)
    #expect(first.principalKind == .user)
    #expect(first.account == owner)
    #expect(first.bucket == "DOC-EXAMPLE-BUCKET1")
    #expect(first.action == .metadataRead)
    #expect(first.sourceAddress == .ip(IPAddress("192.0.2.3")!))
    #expect(first.requestID == "3E57427F3EXAMPLE")
    #expect(first.bytesOut == 113)
    #expect(first.userAgent == "S3Console/0.4")
    #expect(first.authentication == .sigV4)
    #expect(first.region == "us-west-1")
    #expect(events[2].outcome == .error)
    #expect(events[2].errorCode == "NoSuchBucketPolicy")
    let put = events[4]
    #expect(put.action == .write)
    #expect(put.objectKey == "s3-dg.pdf")
    #expect(put.bytesOut == 0)
    #expect(put.bytesIn == 4_406_583)
  }

  @Test("Logstash spec: 18-field legacy lines, anonymous, IAM user")
  func logstash() throws {
    let (events, summary) = try TestData.read(
      [
        TestData.sample(
          "logstash-patterns-core/S3_ACCESS_LOG-spec-examples.log")
      ])
    #expect(summary.recordsRead == [.s3AccessLog: 3])
    #expect(events.count == 3)
    #expect(summary.totalSkipped == 0)
    #expect(events[0].principal == "canonical:79a5")
    #expect(events[0].authentication == .unknown)
    #expect(events[1].principal == "anonymous")
    #expect(events[1].authentication == .anonymous)
    #expect(events[1].objectKey == "foo/bar.html")
    #expect(events[1].outcome == .success)
    #expect(events[1].time == Timestamp.parseISO8601("2014-05-12T07:54:01Z"))
    #expect(events[2].principal == "arn:aws:iam::123456:user/test@elastic.co")
    #expect(events[2].principalKind == .user)
    #expect(events[2].principalAccount == "123456")
    #expect(events[2].authentication == .sigV2)
    #expect(events[2].outcome == .error)
    #expect(
      events[2].userAgent
        == "AWS-Support-TrustedAdvisor, aws-internal/3 aws-sdk-java/1.11.590 "
        + "Linux/4.9.137-0.1.ac.218.74.329.metal1.x86_64")
  }

  @Test("OpenTelemetry: a quoted dash as Request-URI")
  func otel() throws {
    let (events, summary) = try TestData.read(
      [
        TestData.sample(
          "otel-collector-contrib-awslogs/unknown_request_uri.log")
      ])
    #expect(summary.recordsRead == [.s3AccessLog: 1])
    #expect(events.count == 1)
    #expect(events.first?.bucket == "amzn-s3-demo-bucket1")
    #expect(events.first?.action == .metadataRead)
    #expect(events.first?.region == "us-west-1")
  }
}
