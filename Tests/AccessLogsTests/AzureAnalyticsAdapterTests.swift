import Testing

@testable import AccessLogs

/// Decodes one line with a fresh adapter.
private func decodeAzure(_ line: String) -> RecordSink {
  decodeAzure(Array(line.utf8))
}

private func decodeAzure(_ bytes: [UInt8]) -> RecordSink {
  var adapter = AzureStorageAnalyticsAdapter()
  var sink = RecordSink()
  bytes.withUnsafeBytes { adapter.decode($0, into: &sink) }
  return sink
}

private func azureFixture(_ name: String) throws -> (
  events: [AccessEvent], summary: ReadSummary
) {
  try TestData.read([TestData.fixture("azure-analytics/" + name)])
}

private func azureSample(_ name: String) throws -> (
  events: [AccessEvent], summary: ReadSummary
) {
  try TestData.read(
    [TestData.sample("azure-storage-analytics-classic/" + name)])
}

@Suite("Azure Storage Analytics adapter: hand-written fixtures")
struct AzureAnalyticsAdapterTests {
  @Test(
    "Records, events and skips per fixture",
    arguments: [
      ("v1-shared-key.log", 5, 5, [SkipReason: Int]()),
      ("v2-oauth.log", 3, 3, [:]),
      ("addresses.log", 4, 4, [:]),
      ("failures.log", 5, 5, [:]),
      ("other-services.log", 3, 1, [.notStorage: 2]),
      ("keys.log", 4, 4, [:]),
      ("malformed.log", 7, 1, [.malformedRecord: 5, .badTimestamp: 1]),
      ("duplicates.log", 4, 3, [.duplicate: 1]),
    ])
  func counts(
    file: String, records: Int, events: Int, skips: [SkipReason: Int]
  ) throws {
    let (read, summary) = try azureFixture(file)
    #expect(summary.recordsRead == [.azureStorageAnalytics: records])
    #expect(read.count == events)
    #expect(summary.skipped == skips)
    #expect(summary.fileErrors.isEmpty)
    #expect(read.allSatisfy { $0.format == .azureStorageAnalytics })
  }

  @Test(
    "Version 1.0 shared-key operations",
    arguments: [
      (
        0, "PutBlob", ActionCategory.write, String?.some("reports"),
        String?.some("2024/q1.csv")
      ),
      (1, "GetBlobProperties", .metadataRead, "reports", "2024/q1.csv"),
      (2, "ListContainers", .list, nil, nil),
      (3, "SetContainerACL", .permissionChange, "reports", nil),
      (4, "DeleteBlob", .delete, "reports", "2024/q1.csv"),
    ])
  func sharedKey(
    index: Int, operation: String, action: ActionCategory, bucket: String?,
    key: String?
  ) throws {
    let event = try azureFixture("v1-shared-key.log").events[index]
    #expect(event.operation == operation)
    #expect(event.action == action)
    #expect(event.bucket == bucket)
    #expect(event.objectKey == key)
    #expect(event.account == "finance")
    #expect(event.principalKind == .sharedKey)
    #expect(event.authentication == .accountKey)
    #expect(event.outcome == .success)
    #expect(event.errorCode == nil)
    #expect(
      event.userAgent
        == "Azure-Storage/12.19.0 (.NET 8.0.1; Microsoft Windows 10.0.22631)")
  }

  @Test("A put: time, sizes, ids, address with port")
  func put() throws {
    let (events, _) = try azureFixture("v1-shared-key.log")
    let put = events[0]
    #expect(put.time == Timestamp.parseISO8601("2024-03-04T10:15:30.1234567Z"))
    #expect(put.time.nanosecondsSinceEpoch % 1_000_000_000 == 123_456_700)
    #expect(put.principal == "accountkey:finance")
    #expect(put.principalAccount == "finance")
    #expect(put.bytesIn == 2048)
    #expect(put.bytesOut == 0)
    #expect(put.requestID == "11111111-0000-0000-0000-000000000001")
    #expect(put.eventID == "11111111-0000-0000-0000-000000000001#0")
    #expect(put.sourceAddress == .ip(IPAddress("203.0.113.10")!))
    // Another account's key.
    #expect(events[4].principal == "accountkey:partner")
    #expect(events[4].principalAccount == "partner")
    #expect(events[4].account == "finance")
    #expect(events[4].sourceAddress == .ip(IPAddress("203.0.113.11")!))
  }

  @Test(
    "Version 2.0: OAuth by user principal name, else object id; SAS",
    arguments: [
      (
        0, "alice@contoso.com", PrincipalKind.user, AuthenticationMethod.oauth,
        ActionCategory.read
      ),
      (1, "bbbbbbbb-1111-2222-3333-444444444444", .user, .oauth, .list),
      (2, "sas:finance", .sharedKey, .sas, .read),
    ])
  func versionTwo(
    index: Int, principal: String, kind: PrincipalKind,
    authentication: AuthenticationMethod, action: ActionCategory
  ) throws {
    let event = try azureFixture("v2-oauth.log").events[index]
    #expect(event.principal == principal)
    #expect(event.principalKind == kind)
    #expect(event.authentication == authentication)
    #expect(event.action == action)
    #expect(event.outcome == .success)
  }

  @Test("Version 2.0 SAS line: raw ; in the user agent and &amp; in the URL")
  func sasLine() throws {
    let event = try azureFixture("v2-oauth.log").events[2]
    #expect(
      event.userAgent == "AzCopy/10.24.0 Azure-Storage/0.7 (go1.21.5; linux)")
    #expect(event.bucket == "reports")
    #expect(event.objectKey == "2024/q2.csv")
    #expect(event.bytesOut == 4096)
    #expect(event.principalAccount == nil)
  }

  @Test(
    "Requester addresses",
    arguments: [
      (0, SourceAddress?.some(.ip(IPAddress("2001:db8::1")!))),
      (1, .ip(IPAddress("2001:db8::2")!)),
      (2, .name("268.20.203.21:4362")),
      (3, nil),
    ])
  func addresses(index: Int, source: SourceAddress?) throws {
    let event = try azureFixture("addresses.log").events[index]
    #expect(event.sourceAddress == source)
    #expect(event.principal == "anonymous")
    #expect(event.authentication == .anonymous)
    #expect(event.bucket == "$web")
    #expect(event.objectKey == "index.html")
  }

  @Test(
    "Request status and HTTP status give the outcome",
    arguments: [
      (0, Outcome.denied, "AuthorizationFailure"),
      (1, .denied, "SASAuthorizationError"),
      (2, .error, "AnonymousClientOtherError"),
      (3, .error, "ServerTimeoutError"),
      (4, .denied, "AnonymousAuthorizationError"),
    ])
  func failures(index: Int, outcome: Outcome, code: String) throws {
    let event = try azureFixture("failures.log").events[index]
    #expect(event.outcome == outcome)
    #expect(event.errorCode == code)
  }

  @Test(
    "Object keys and URLs",
    arguments: [
      (0, "docs", "my report+1.pdf", ActionCategory.read),
      (1, "thumb&nails", "a+b.jpg", .read),
      (2, "src", "dir/orig.bin", .read),
      (3, "emu", "file.txt", .read),
    ])
  func keys(
    index: Int, bucket: String, key: String, action: ActionCategory
  ) throws {
    let event = try azureFixture("keys.log").events[index]
    #expect(event.bucket == bucket)
    #expect(event.objectKey == key)
    #expect(event.action == action)
  }

  @Test("Malformed lines say what was wrong")
  func malformedDetails() throws {
    let (events, summary) = try azureFixture("malformed.log")
    #expect(events.count == 1)
    let details = summary.examples.map { "\($0.location.line) \($0.detail)" }
    #expect(
      details == [
        "2 31 fields, expected 30 for version 1.0",
        "3 unsupported version \"3.0\"",
        "4 request-start-time \"2024-13-01T00:00:03.0000000Z\"",
        "5 14 fields, expected 30 for version 1.0",
        "6 30 fields, expected 38 for version 2.0",
        "7 no operation-type",
      ])
  }

  @Test("Other services are skipped by name")
  func otherServices() throws {
    let (_, summary) = try azureFixture("other-services.log")
    #expect(
      summary.examples.map(\.detail) == ["table service", "queue service"])
  }

  @Test("A copy's three lines share a request id; a repeat is dropped")
  func copies() throws {
    let (events, _) = try azureFixture("duplicates.log")
    #expect(
      events.map(\.operation) == [
        "CopyBlob", "CopyBlobSource", "CopyBlobDestination",
      ])
    #expect(events.map(\.action) == [.write, .read, .write])
    #expect(
      events.compactMap(\.eventID) == [
        "88888888-0000-0000-0000-000000000001#0",
        "88888888-0000-0000-0000-000000000001#1",
        "88888888-0000-0000-0000-000000000001#2",
      ])
    #expect(events[1].bucket == "src")
  }

  @Test(
    "Format detection by version and time",
    arguments: [
      ("1.0;2014-06-19T22:59:23.1967767Z;GetBlob;", true),
      ("2.0;2020-04-07T14:06:54.8894735Z;GetBlob;SASSuccess", true),
      ("3.0;2020-04-07T14:06:54.8894735Z;GetBlob;", false),
      ("1.0;yesterday;GetBlob;", false),
      ("1.0;2014-06-19T22:59:23.1967767Z", false),
      ("1.0;\n2014-06-19T22:59:23Z;", false),
      ("79a5 b [06/Feb/2019:00:00:38 +0000] x", false),
      ("", false),
    ])
  func detection(text: String, expected: Bool) {
    let matched = Array(text.utf8).withUnsafeBytes {
      AzureStorageAnalyticsAdapter.matches(prefix: $0)
    }
    #expect(matched == expected)
  }
}

@Suite("Azure Storage Analytics adapter: splitting and operations")
struct AzureAnalyticsFieldTests {
  private func split(_ line: String) -> [String] {
    var splitter = AzureAnalyticsSplitter()
    let bytes = Array(line.utf8)
    return bytes.withUnsafeBytes { raw in
      splitter.split(raw)
      return splitter.spans.map { LineBytes.string(raw, $0) }
    }
  }

  @Test(
    "Quote-aware splitting",
    arguments: [
      ("a;b;c", ["a", "b", "c"]),
      ("a;;", ["a", "", ""]),
      ("", [""]),
      (";", ["", ""]),
      ("\"x;y\";z", ["x;y", "z"]),
      ("\"\"0x8D\"\";d", ["\"0x8D\"", "d"]),
      ("\"\";x", ["", "x"]),
      ("a;\"[{\"k\":\"v\", \"n\":1}]\"", ["a", "[{\"k\":\"v\", \"n\":1}]"]),
      (
        "Tuesday, 07-Apr-20 13:56:11 GMT;x",
        ["Tuesday, 07-Apr-20 13:56:11 GMT", "x"]
      ),
      ("\"open;to;end", ["open;to;end"]),
      ("u&amp;v;w", ["u&amp", "v", "w"]),
    ])
  func splitting(line: String, fields: [String]) {
    #expect(split(line) == fields)
  }

  @Test(
    "Operation categories",
    arguments: [
      ("GetBlob", ActionCategory.read),
      ("CopyBlobSource", .read),
      ("GetBlobProperties", .metadataRead),
      ("GetBlobMetadata", .metadataRead),
      ("GetContainerProperties", .metadataRead),
      ("GetContainerACL", .metadataRead),
      ("GetBlobServiceProperties", .metadataRead),
      ("ListBlobs", .list),
      ("ListContainers", .list),
      ("PutBlob", .write),
      ("PutBlock", .write),
      ("PutBlockList", .write),
      ("CopyBlob", .write),
      ("CopyBlobDestination", .write),
      ("SetBlobMetadata", .write),
      ("SetBlobServiceProperties", .write),
      ("CreateContainer", .write),
      ("RenamePathFile", .write),
      ("DeleteBlob", .delete),
      ("DeleteContainer", .delete),
      ("SetContainerACL", .permissionChange),
      ("SetPathAccessControl", .permissionChange),
      ("AcquireBlobLease", .other),
      ("", .other),
    ])
  func operations(name: String, category: ActionCategory) {
    #expect(AzureAnalyticsOperation.category(name) == category)
  }
}

@Suite("Azure Storage Analytics adapter: hostile input")
struct AzureAnalyticsRobustnessTests {
  static let valid =
    "2.0;2020-04-07T14:06:54.8894735Z;GetBlob;SASSuccess;206;7;7;sas;;acct;"
    + "blob;\"https://acct.blob.core.windows.net/c/k?sp=r&amp;sig=X\";"
    + "\"/acct/c/k\";2a16ee81-c01e-0010-73e5-0cd55c000000;0;"
    + "24.155.118.199:61943;2018-03-28;532;0;478;2017;0;;;"
    + "\"&quot;0x8D7DAFB6E490984&quot;\";Tuesday, 07-Apr-20 13:56:11 GMT;"
    + "\"If-Unmodified-Since=Tuesday, 07-Apr-20 13:56:12 GMT\";"
    + "\"AzCopy/10.3.4 Azure-Storage/0.7 (go1.13; Windows_NT)\";;"
    + "\"4317add7-4052-49b1-45ec-0747a1797a2b\";;;;;;;;"

  @Test("The reference line decodes")
  func reference() {
    let sink = decodeAzure(Self.valid)
    #expect(sink.events.count == 1)
    #expect(sink.events.first?.objectKey == "k")
  }

  @Test("Every prefix of a valid line is one record and never traps")
  func truncatedLines() {
    let bytes = Array(Self.valid.utf8)
    for end in 0...bytes.count {
      let sink = decodeAzure(Array(bytes[..<end]))
      #expect(sink.records == 1)
      #expect(sink.events.count + sink.skips.count == 1)
    }
  }

  @Test("Random bytes are skipped, never trap", arguments: [5, 6, 7, 8])
  func randomBytes(seed: UInt64) {
    var generator = LineFuzzRandom(seed: seed)
    let alphabet = Array(";\"&amp;%/1.02:Z-T\u{0}\u{FF}".utf8)
    for _ in 0..<2_000 {
      let length = Int(generator.next() % 300)
      var bytes: [UInt8] = Array("2.0;".utf8)
      for _ in 0..<length {
        let r = generator.next()
        bytes.append(
          r % 4 == 0
            ? UInt8(truncatingIfNeeded: r >> 8)
            : alphabet[Int((r >> 8) % UInt64(alphabet.count))])
      }
      #expect(decodeAzure(bytes).records == 1)
      _ = bytes.withUnsafeBytes {
        AzureStorageAnalyticsAdapter.matches(prefix: $0)
      }
    }
  }

  @Test("Random mutations of a valid line never trap")
  func mutations() {
    var generator = LineFuzzRandom(seed: 42)
    let base = Array(Self.valid.utf8)
    let specials = Array(";\"&%/".utf8)
    for _ in 0..<5_000 {
      var bytes = base
      for _ in 0..<(1 + Int(generator.next() % 4)) {
        let at = Int(generator.next() % UInt64(bytes.count))
        bytes[at] = specials[Int(generator.next() % UInt64(specials.count))]
      }
      #expect(decodeAzure(bytes).records == 1)
    }
  }

  @Test("Huge fields and many fields")
  func hugeFields() {
    let key = String(repeating: "%41&amp;", count: 100_000)
    let line =
      "1.0;2011-08-09T18:52:40.9241789Z;GetBlob;AnonymousSuccess;200;18;10;"
      + "anonymous;;myaccount;blob;\"\";\"/myaccount/c/\(key)\";a;0;"
      + "123.100.2.10;2009-09-19;252;0;265;100;0;;;;;;;;"
    let sink = decodeAzure(line)
    #expect(sink.events.first?.objectKey?.count == 200_000)
    let many = decodeAzure("1.0" + String(repeating: ";", count: 100_000))
    #expect(
      many.skips.first?.detail == "100001 fields, expected 30 for version 1.0")
  }
}

@Suite(
  "Azure Storage Analytics adapter: real public samples",
  .enabled(if: TestData.hasSamples, "real samples absent: skipped"))
struct AzureAnalyticsSampleTests {
  @Test("Avere: 5 real version 2.0 SAS reads")
  func avere() throws {
    let (events, summary) = try azureSample("avere-azcopysync-real-v2.0.log")
    #expect(summary.recordsRead == [.azureStorageAnalytics: 5])
    #expect(events.count == 5)
    #expect(summary.totalSkipped == 0)
    #expect(events.allSatisfy { $0.principal == "sas:aenhowestorageaccount" })
    #expect(events.allSatisfy { $0.action == .read && $0.outcome == .success })
    let first = events[0]
    #expect(
      first.time == Timestamp.parseISO8601("2020-04-07T14:06:54.8894735Z"))
    #expect(first.principalKind == .sharedKey)
    #expect(first.authentication == .sas)
    #expect(first.account == "aenhowestorageaccount")
    #expect(first.bucket == "previz")
    #expect(first.objectKey == "src/terraform/examples/jumpbox/main.tf")
    #expect(first.sourceAddress == .ip(IPAddress("24.155.118.199")!))
    #expect(first.bytesOut == 2017)
    #expect(first.bytesIn == 0)
    #expect(
      first.userAgent == "AzCopy/10.3.4 Azure-Storage/0.7 (go1.13; Windows_NT)")
    #expect(first.requestID == "2a16ee81-c01e-0010-73e5-0cd55c000000")
    #expect(first.eventID == "2a16ee81-c01e-0010-73e5-0cd55c000000#0")
    #expect(events[4].objectKey == ".git/refs/remotes/origin/pr032020")
  }

  @Test("Azure Java SDK test: anonymous read and shared-key put")
  func javaSDK() throws {
    let (events, summary) = try azureSample("azure-storage-java-test-v1.0.log")
    #expect(summary.recordsRead == [.azureStorageAnalytics: 2])
    #expect(events.count == 2)
    #expect(events[0].principal == "anonymous")
    #expect(events[0].bucket == "thumbnails")
    #expect(events[0].objectKey == "lake.jpg")
    #expect(events[0].bytesOut == 100)
    #expect(events[1].principal == "accountkey:myaccount")
    #expect(events[1].action == .write)
    #expect(events[1].bytesIn == 100)
    #expect(events[1].sourceAddress == .ip(IPAddress("201.9.10.20")!))
  }

  @Test("Microsoft Learn: OAuth lines, two malformed lines, a table line")
  func learn() throws {
    let (events, summary) = try azureSample(
      "ms-learn-docs-2019-2022-examples.log")
    #expect(summary.recordsRead == [.azureStorageAnalytics: 6])
    #expect(
      events.map(\.operation) == ["ListBlobs", "PutBlock", "RenamePathFile"])
    #expect(summary.skipped == [.malformedRecord: 2, .notStorage: 1])
    #expect(
      summary.examples.map(\.detail) == [
        "43 fields, expected 38 for version 2.0",
        "40 fields, expected 38 for version 2.0",
        "table service",
      ])
    let list = events[0]
    #expect(list.principal == "e5981635-dcf0-4279-ab7b-ca1cbdf4a5c7")
    #expect(list.principalKind == .user)
    #expect(list.authentication == .oauth)
    #expect(list.action == .list)
    #expect(list.bucket == "sample-container")
    #expect(list.objectKey == nil)
    #expect(list.bytesOut == 5184)
    #expect(events[1].objectKey == "blob1.txt")
    #expect(events[1].bytesIn == 9)
    #expect(events[2].principal == "accountkey:logsamples")
    #expect(events[2].objectKey == "myfilerenamed.png")
    #expect(events[2].sourceAddress == .ip(IPAddress("73.157.16.8")!))
  }

  @Test("REST docs 2018: copies, doubled-quote ETags, an invalid IPv4")
  func restDocs() throws {
    let (events, summary) = try azureSample(
      "ms-rest-docs-2018-v1.0-examples.log")
    #expect(summary.recordsRead == [.azureStorageAnalytics: 8])
    #expect(events.count == 8)
    #expect(summary.totalSkipped == 0)
    #expect(events[0].principal == "anonymous")
    #expect(
      events[0].time == Timestamp.parseISO8601("2014-06-19T22:59:23.1967767Z"))
    #expect(events[0].sourceAddress == .ip(IPAddress("192.100.0.102")!))
    #expect(events[3].operation == "CopyBlobSource")
    #expect(events[3].bucket == "sample-container")
    #expect(events[3].objectKey == "sample-blob.txt")
    #expect(events[5].principal == "accountkey:account8ce1b67a9e80b35")
    #expect(events[5].account == "myaccount")
    #expect(events[5].sourceAddress == .name("268.20.203.21:4362"))
    #expect(events[5].objectKey == "lakebck.jpg")
  }
}
