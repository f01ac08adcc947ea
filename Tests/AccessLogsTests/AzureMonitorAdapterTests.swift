import Foundation
import Testing

@testable import AccessLogs

@Suite("Azure Monitor adapter: hand-written fixtures")
struct AzureMonitorAdapterTests {
  @Test("PT1H.json lines with every field quirk")
  func diagnosticLines() throws {
    let (events, summary) = try TestData.read(
      [TestData.fixture("azure-monitor/PT1H.json")])
    #expect(summary.recordsRead[.azureMonitor] == 14)
    #expect(events.count == 9)
    #expect(
      summary.skipped == [
        .notStorage: 1, .duplicate: 1, .badTimestamp: 1,
        .malformedRecord: 1, .truncated: 1,
      ])
    #expect(summary.examples.map(\.location.line) == [9, 10, 11, 12, 14])

    let alice = events[0]
    #expect(alice.format == .azureMonitor)
    #expect(alice.time.iso8601 == "2024-06-30T12:07:25.1234567Z")
    #expect(alice.principal == "alice@contoso.com")
    #expect(alice.principalKind == .user)
    #expect(alice.principalAccount == "72f988bf-0000-0000-0000-000000000000")
    #expect(alice.authentication == .oauth)
    #expect(alice.account == "contosodata")
    #expect(alice.bucket == "finance")
    #expect(alice.objectKey == "2024/q2 ledger.csv")
    #expect(alice.action == .read)
    #expect(alice.operation == "GetBlob")
    #expect(alice.outcome == .success)
    #expect(alice.errorCode == nil)
    #expect(alice.sourceAddress == .ip(IPAddress("203.0.113.10")!))
    #expect(
      alice.userAgent
        == "AzCopy/10.22.0 azsdk-go-azblob/v1.2.0 (go1.21.3; linux)")
    #expect(alice.bytesOut == 52431)
    #expect(alice.bytesIn == 0)
    #expect(alice.requestID == "aaaa0001-801e-0052-19a4-8c2a6b000000")
    #expect(alice.eventID == "aaaa0001-801e-0052-19a4-8c2a6b000000/GetBlob")
    #expect(alice.region == "westeurope")

    // A range read (206) through a SAS: one principal per signature.
    let sas = events[1]
    #expect(sas.outcome == .success)
    #expect(sas.principal == "sas:contosodata/FEDCBA9876543210")
    #expect(sas.principalKind == .sharedKey)
    #expect(sas.authentication == .sas)
    #expect(sas.bytesOut == 99)
    #expect(sas.time.iso8601 == "2024-06-30T12:08:00.0000001Z")

    let key = events[2]
    #expect(key.principal == "accountkey:contosodata/key2")
    #expect(key.principalKind == .sharedKey)
    #expect(key.authentication == .accountKey)
    #expect(key.action == .write)
    #expect(key.objectKey == "batch 7.parquet")
    #expect(key.bytesIn == 1_048_576)
    #expect(key.sourceAddress == .ip(IPAddress("10.1.2.3")!))

    let refused = events[3]
    #expect(refused.outcome == .denied)
    #expect(refused.errorCode == "AuthorizationPermissionMismatch")
    #expect(refused.principal == "5c6d7e8f-0000-0000-0000-000000000002")
    #expect(refused.action == .delete)
    #expect(refused.sourceAddress?.description == "2001:db8::5")

    // A string status code; a redacted address keeps no port.
    let missing = events[4]
    #expect(missing.outcome == .error)
    #expect(missing.errorCode == "BlobNotFound")
    #expect(missing.principalKind == .anonymous)
    #expect(missing.authentication == .anonymous)
    #expect(missing.sourceAddress == .name("<Redacted>"))

    // Account from an upper-case resourceId; container-level operation.
    let acl = events[5]
    #expect(acl.action == .permissionChange)
    #expect(acl.account == "contosodata")
    #expect(acl.bucket == "public")
    #expect(acl.objectKey == nil)
    #expect(acl.principal == "accountkey:contosodata/key1")

    let blocked = events[6]
    #expect(blocked.outcome == .denied)
    #expect(blocked.errorCode == "PublicAccessNotPermitted")
    #expect(blocked.action == .list)

    // Unknown operation: the category decides; Kerberos names no one.
    let unknown = events[7]
    #expect(unknown.action == .delete)
    #expect(unknown.principal == "unknown")
    #expect(unknown.authentication == .unknown)
    #expect(
      unknown.eventID == "aaaa0008-801e-0052-19a4-8c2a6b000000/FrobnicateBlob/1"
    )

    // Wrong JSON types are read as absent or as text, never trapped on.
    let odd = events[8]
    #expect(odd.outcome == .success)
    #expect(odd.principal == "unknown")
    #expect(odd.account == nil)
    #expect(odd.sourceAddress == .name("7"))
  }

  @Test("Event Hub records: a copy's two sides, an activity-log record")
  func eventHub() throws {
    let (events, summary) = try TestData.read(
      [TestData.fixture("azure-monitor/event-hub.json")])
    #expect(summary.recordsRead[.azureMonitor] == 4)
    #expect(summary.skipped == [.notStorage: 1])
    #expect(
      events.map(\.operation) == [
        "CopyBlobSource", "CopyBlobDestination", "GetBlob",
      ])
    #expect(events[0].action == .read)
    #expect(events[0].principal == "sas:contosodata/0011223344556677")
    #expect(events[1].action == .write)
    #expect(events[1].principal == "a1b2c3d4-0000-0000-0000-00000000000a")
    #expect(events[1].objectKey == "payroll.xlsx")
    #expect(events[1].bucket == "exfil")
    // No identity and no object key: SAS and location from the URI.
    let sas = events[2]
    #expect(sas.principal == "sas:criticaldata001")
    #expect(sas.authentication == .sas)
    #expect(sas.account == "criticaldata001")
    #expect(sas.bucket == "backups")
    #expect(sas.objectKey == "data+1.zip")
    #expect(sas.eventID == nil)
  }

  @Test("Log Analytics rows with PascalCase columns and string numbers")
  func logAnalytics() throws {
    let (events, summary) = try TestData.read(
      [TestData.fixture("azure-monitor/log-analytics.json")])
    #expect(summary.recordsRead[.azureMonitor] == 3)
    #expect(summary.skipped == [.notStorage: 1])
    #expect(events.count == 2)
    let alice = events[0]
    #expect(alice.time.iso8601 == "2024-07-02T10:00:00.1234567Z")
    #expect(alice.principal == "alice@contoso.com")
    #expect(alice.authentication == .oauth)
    #expect(alice.bytesOut == 734_003)
    #expect(alice.bucket == "finance")
    #expect(alice.objectKey == "2024/report.pdf")
    #expect(alice.region == "westeurope")
    #expect(alice.outcome == .success)
    let lister = events[1]
    #expect(lister.action == .list)
    #expect(lister.principal == "accountkey:contosodata/key1")
    #expect(lister.bucket == nil)
  }

  @Test("A Log Analytics query response is reported, not misread")
  func queryResponse() throws {
    let (events, summary) = try TestData.read(
      [TestData.fixture("azure-monitor/query-response.json")])
    #expect(events.isEmpty)
    #expect(summary.skipped == [.unrecognizedShape: 1])
  }

  @Test(
    "Operation names map to action categories",
    arguments: [
      ("GetBlob", nil, ActionCategory.read), ("CopyBlobSource", nil, .read),
      ("ListBlobs", nil, .list), ("ListContainers", nil, .list),
      ("PutBlob", nil, .write), ("PutBlockList", nil, .write),
      ("CopyBlob", nil, .write), ("AppendBlock", nil, .write),
      ("SetBlobMetadata", nil, .write), ("CreateContainer", nil, .write),
      ("DeleteBlob", nil, .delete), ("DeleteContainer", nil, .delete),
      ("GetBlobProperties", nil, .metadataRead),
      ("GetContainerProperties", nil, .metadataRead),
      ("SetContainerACL", nil, .permissionChange),
      ("SetContainerAcl", nil, .permissionChange),
      ("AcquireBlobLease", nil, .other), ("GetUserDelegationKey", nil, .other),
      ("GetSomethingNew", nil, .metadataRead), ("PutSomethingNew", nil, .write),
      ("Frobnicate", "StorageRead", .read),
      ("Frobnicate", "StorageWrite", .write),
      ("Frobnicate", nil, .other),
    ] as [(String, String?, ActionCategory)])
  func operations(name: String, category: String?, expected: ActionCategory) {
    #expect(AzureBlobOperation.category(name, category: category) == expected)
  }

  @Test(
    "Object keys and URIs split into account, container and blob",
    arguments: [
      ("/acct/c/a/b%20c.txt", "acct", "c", "a/b c.txt"),
      ("/acct/c", "acct", "c", nil), ("/acct", "acct", nil, nil),
      ("/acct/c/", "acct", "c", nil), ("/acct/c/100%", "acct", "c", "100%"),
      ("/acct/c/%E2%82%AC%zz", "acct", "c", "€%zz"), ("", nil, nil, nil),
    ] as [(String, String?, String?, String?)])
  func objectKeys(
    key: String, account: String?, container: String?, blob: String?
  ) {
    #expect(
      AzureObjectPath.split(objectKey: key)
        == AzureObjectPath.Parts(
          account: account, container: container, blob: blob))
  }

  @Test(
    "Request URIs",
    arguments: [
      ("https://acct.blob.core.windows.net:443/c/k?sig=X", "acct", "c", "k"),
      ("https://acct.dfs.core.windows.net/fs/dir/f", "acct", "fs", "dir/f"),
      ("https://acct.blob.core.windows.net/?comp=list", "acct", nil, nil),
    ] as [(String, String?, String?, String?)])
  func uris(uri: String, account: String?, container: String?, blob: String?) {
    #expect(
      AzureObjectPath.split(uri: uri)
        == AzureObjectPath.Parts(
          account: account, container: container, blob: blob))
  }

  @Test("Emulator and IP-addressed URIs are not split")
  func emulatorURI() {
    #expect(
      AzureObjectPath.split(uri: "http://127.0.0.1:10000/devstoreaccount1/c/k")
        == nil)
  }

  @Test(
    "Token hashes",
    arguments: [
      ("key1(AB),SasSignature(CD)", ["key1=AB", "SasSignature=CD"]),
      ("key2(00)", ["key2=00"]), ("", []), ("garbage", []), ("(x)", []),
      ("key1(AB", []),
    ])
  func tokenHashes(text: String, parts: [String]) {
    #expect(
      AzureMonitorAdapter.tokenHashes(text).map { "\($0.name)=\($0.hash)" }
        == parts)
  }

  @Test("Format detection claims Azure records and nothing else")
  func detection() throws {
    for file in [
      "azure-monitor/PT1H.json", "azure-monitor/event-hub.json",
      "azure-monitor/log-analytics.json",
    ] {
      let bytes = try Array(
        Data(contentsOf: URL(fileURLWithPath: TestData.fixture(file))))
      let detected = bytes.withUnsafeBytes { LogAdapters.detect($0) }
      #expect(detected == AzureMonitorAdapter.self, "\(file)")
    }
    for file in ["cloudtrail/delivery-quirks.json", "gcs/sink-quirks.jsonl"] {
      let bytes = try Array(
        Data(contentsOf: URL(fileURLWithPath: TestData.fixture(file))))
      #expect(
        bytes.withUnsafeBytes { AzureMonitorAdapter.matches(prefix: $0) }
          == false)
    }
  }

  @Test("Random bytes and every truncation of a record never trap")
  func robustness() throws {
    var adapter = AzureMonitorAdapter()
    var sink = RecordSink()
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    for length in 0..<400 {
      var bytes = [UInt8](repeating: 0, count: length)
      for i in bytes.indices {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes[i] = UInt8(truncatingIfNeeded: state >> 56)
      }
      sink.reset()
      bytes.withUnsafeBytes { adapter.decode($0, into: &sink) }
    }
    let line = try String(
      contentsOfFile: TestData.fixture("azure-monitor/PT1H.json"),
      encoding: .utf8
    ).split(separator: "\n")[0]
    let record = Array(line.utf8)
    for cut in 0...record.count {
      sink.reset()
      record[..<cut].withUnsafeBytes { adapter.decode($0, into: &sink) }
      #expect(sink.records >= 1 || cut == 0)
    }
  }
}

@Suite(
  "Azure Monitor adapter: real public samples",
  .enabled(if: TestData.hasSamples, "real samples absent: skipped"))
struct AzureMonitorSampleTests {
  @Test("Panther rule-test events: blob records kept, activity log skipped")
  func pantherEvents() throws {
    let path = try TestData.pantherLogs(
      "panther-analysis/azure_storage_rule_tests.jsonl", as: "azure.jsonl")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (events, summary) = try TestData.read([path])
    #expect(summary.fileErrors.isEmpty)
    #expect(summary.recordsRead[.azureMonitor] == 67)
    #expect(summary.skipped == [.notStorage: 51])
    #expect(events.count == 16)
    #expect(events.filter { $0.action == .delete }.count == 3)
    // Two 403s and a status-less record whose metric response type is
    // AuthorizationFailure.
    #expect(events.filter { $0.outcome == .denied }.count == 3)
    #expect(events.filter { $0.outcome == .error }.count == 2)
    let cpk = try #require(events.first { $0.operation == "GetBlobMetadata" })
    #expect(cpk.principal == "sas:mystorageaccount/key1")
    #expect(cpk.errorCode == "BlobUsesCustomerSpecifiedEncryption")
    #expect(cpk.objectKey == "documents/internal_doc_8.txt.ENCRYPTED")
    let link = try #require(events.first { $0.account == "criticaldata001" })
    #expect(link.principal == "sas:criticaldata001")
    #expect(link.authentication == .sas)
    #expect(link.sourceAddress == .ip(IPAddress("8.8.8.8")!))
  }
}
