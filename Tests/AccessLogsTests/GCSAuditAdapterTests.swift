import Foundation
import Testing

@testable import AccessLogs

@Suite("GCS audit adapter: hand-written fixtures")
struct GCSAuditAdapterTests {
  @Test("Log sink JSON Lines with every field quirk")
  func sinkQuirks() throws {
    let (events, summary) = try TestData.read(
      [TestData.fixture("gcs/sink-quirks.jsonl")])
    #expect(summary.recordsRead[.gcsAudit] == 15)
    #expect(events.count == 8)
    #expect(
      summary.skipped == [
        .notStorage: 2, .duplicate: 1, .badTimestamp: 1,
        .malformedRecord: 1, .malformedJSON: 1, .truncated: 1,
      ])
    #expect(
      summary.examples.map(\.location.line) == [8, 9, 10, 11, 13, 14, 15])

    let alice = events[0]
    #expect(alice.format == .gcsAudit)
    #expect(alice.time.iso8601 == "2024-05-06T07:08:09.108513033Z")
    #expect(alice.principal == "alice@example.com")
    #expect(alice.principalKind == .user)
    #expect(alice.authentication == .oauth)
    #expect(alice.account == "lab-prod")
    #expect(alice.bucket == "research-data")
    #expect(alice.objectKey == "2024/genomes/run 7.bam")
    #expect(alice.action == .read)
    #expect(alice.operation == "storage.objects.get")
    #expect(alice.outcome == .success)
    #expect(alice.errorCode == nil)
    #expect(alice.sourceAddress == .ip(IPAddress("203.0.113.7")!))
    #expect(
      alice.userAgent
        == "apitools Python/3.11.4 gsutil/5.25 (linux) command/cp "
        + "google-cloud-sdk/445.0.0")
    #expect(alice.eventID == "1a2b3c4d5e")
    #expect(alice.region == "europe-west4")
    #expect(alice.bytesOut == nil && alice.bytesIn == nil)
    #expect(alice.requestID == nil)

    // Google's own log writer: no caller IP, a user agent kept verbatim.
    let writer = events[1]
    #expect(writer.principalKind == .service)
    #expect(writer.sourceAddress == nil)
    #expect(writer.userAgent == "BigstoreFile BigstoreIO (cr/389232958) ")
    #expect(writer.objectKey == "logfile_usage_2024_05_06_07_00_00_v0")
    #expect(writer.action == .write)
    #expect(writer.region == "us")

    // Refused with an empty authenticationInfo: unknown, not anonymous.
    let refused = events[2]
    #expect(refused.principal == "unknown")
    #expect(refused.principalKind == .unknown)
    #expect(refused.authentication == .unknown)
    #expect(refused.outcome == .denied)
    #expect(refused.errorCode == "PERMISSION_DENIED")
    #expect(refused.region == "europe-west4")

    let terraform = events[3]
    #expect(terraform.principal == "terraform@lab-prod.iam.gserviceaccount.com")
    #expect(terraform.principalKind == .user)
    #expect(terraform.sourceAddress?.description == "2600:1f18::a:1")
    #expect(terraform.action == .write)
    #expect(terraform.userAgent == "Terraform/1.6.0")
    #expect(terraform.objectKey == nil)

    let agent = events[4]
    #expect(agent.principalKind == .service)
    #expect(agent.sourceAddress == .name("private"))
    #expect(agent.action == .delete)
    #expect(agent.objectKey == "tmp/a.txt")

    let federated = events[5]
    #expect(federated.principal.hasPrefix("principal://iam.googleapis.com/"))
    #expect(federated.principalKind == .user)
    #expect(federated.outcome == .error)
    #expect(federated.errorCode == "NOT_FOUND")

    // Empty identity on a success; project from logName.
    let anonymous = events[6]
    #expect(anonymous.principal == "anonymous")
    #expect(anonymous.principalKind == .anonymous)
    #expect(anonymous.authentication == .anonymous)
    #expect(anonymous.action == .list)
    #expect(anonymous.account == "web-prod")

    // Wrong JSON types are read as absent or as text, never trapped on.
    let odd = events[7]
    #expect(odd.outcome == .success)
    #expect(odd.bucket == "42")
    #expect(odd.eventID == "17")
    #expect(odd.sourceAddress == nil)
  }

  @Test("gcloud logging read array: IAM change and VPC-SC denial")
  func gcloudArray() throws {
    let (events, summary) = try TestData.read(
      [TestData.fixture("gcs/gcloud-read.json")])
    #expect(summary.recordsRead[.gcsAudit] == 3)
    #expect(events.count == 2)
    #expect(summary.skipped == [.unrecognizedShape: 1])
    #expect(events[0].action == .permissionChange)
    #expect(
      events[0].userAgent == "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0")
    #expect(events[0].region == "us-central1")
    let vpc = events[1]
    #expect(vpc.operation == "google.storage.objects.get")
    #expect(vpc.action == .read)
    #expect(vpc.outcome == .denied)
    #expect(vpc.errorCode == "PERMISSION_DENIED")
    #expect(vpc.bucket == "research-data")
    #expect(vpc.objectKey == "a/b.csv")
    #expect(vpc.account == "lab-prod")
    #expect(vpc.principalKind == .unknown)
  }

  @Test("Logging API entries with callerIP and a zoneless timestamp")
  func entriesResponse() throws {
    let (events, summary) = try TestData.read(
      [TestData.fixture("gcs/entries-api.json")])
    #expect(summary.totalSkipped == 0)
    #expect(events.count == 1)
    #expect(events[0].time.iso8601 == "2025-12-15T15:35:44.471503481Z")
    #expect(events[0].sourceAddress == .ip(IPAddress("10.0.0.200")!))
    #expect(events[0].action == .write)
    #expect(events[0].account == "your-project")
  }

  @Test("Pub/Sub push and pull bodies carry base64 entries")
  func pubSub() throws {
    let (events, summary) = try TestData.read(
      [TestData.fixture("gcs/pubsub.jsonl")])
    #expect(events.map(\.eventID) == ["ps01", "ps02"])
    #expect(events.map(\.action) == [.list, .delete])
    #expect(events[0].time.iso8601 == "2024-05-06T09:00:00.000000123Z")
    #expect(summary.skipped == [.malformedRecord: 1, .malformedJSON: 1])
    #expect(summary.examples.map(\.location.line) == [2, 3])
  }

  @Test("A captioned documentation example: caption lines are reported")
  func captioned() throws {
    let (events, summary) = try TestData.read(
      [TestData.fixture("gcs/captioned.log")])
    #expect(events.map(\.objectKey) == ["report.log"])
    #expect(summary.skipped == [.malformedJSON: 2])
  }

  @Test(
    "Method names map to action categories",
    arguments: [
      ("storage.objects.get", ActionCategory.read),
      ("storage.objects.list", .list), ("storage.buckets.list", .list),
      ("storage.objects.create", .write), ("storage.objects.update", .write),
      ("storage.objects.compose", .write),
      ("storage.objects.rewrite", .write), ("storage.buckets.patch", .write),
      ("storage.buckets.create", .write), ("storage.objects.delete", .delete),
      ("storage.buckets.delete", .delete),
      ("storage.buckets.get", .metadataRead),
      ("google.storage.buckets.get", .metadataRead),
      ("storage.buckets.getIamPolicy", .metadataRead),
      ("storage.getIamPermissions", .metadataRead),
      ("storage.setIamPermissions", .permissionChange),
      ("storage.buckets.setIamPolicy", .permissionChange),
      ("storage.objects.setIamPolicy", .permissionChange),
      ("storage.hmacKeys.list", .list),
      ("storage.managedFolders.insert", .write),
      ("storage.buckets.testIamPermissions", .metadataRead),
      ("storage.objects.frobnicate", .other),
    ])
  func methods(name: String, category: ActionCategory) {
    #expect(GCSMethod.category(name) == category)
  }

  @Test(
    "Google-managed service agents are services",
    arguments: [
      (
        "service-417127842024@gs-project-accounts.iam.gserviceaccount.com", true
      ),
      ("service-12@gcp-sa-logging.iam.gserviceaccount.com", true),
      ("cloud-storage-millwheel@system.gserviceaccount.com", true),
      ("123456@cloudservices.gserviceaccount.com", true),
      ("terraform@prod.iam.gserviceaccount.com", false),
      ("123-compute@developer.gserviceaccount.com", false),
      ("service-1@example.com", false), ("alice@example.com", false),
      ("no-at-sign", false),
    ])
  func serviceAgents(email: String, managed: Bool) {
    #expect(GCSAuditAdapter.isGoogleManaged(email) == managed)
  }

  @Test(
    "Resource names split into bucket and object",
    arguments: [
      ("projects/_/buckets/b", "b", nil),
      ("projects/_/buckets/b/objects/a/b/c.txt", "b", "a/b/c.txt"),
      ("projects/598897393088/buckets/scc", "scc", nil),
      ("projects/_/buckets/b/objects/", "b", nil),
      ("projects/598897393088", nil, nil), ("projects/_/buckets/", nil, nil),
      ("buckets/b", nil, nil), ("", nil, nil),
    ] as [(String, String?, String?)])
  func resourceNames(name: String, bucket: String?, object: String?) {
    let parts = GCSAuditAdapter.bucketAndObject(name)
    #expect(parts?.bucket == bucket)
    #expect(parts?.object == object)
  }

  @Test(
    "Base64 in both alphabets, padded or not",
    arguments: [
      ("aGVsbG8=", "hello"), ("aGVsbG8", "hello"), ("Pz8_", "???"),
      ("Pz8/", "???"), ("", ""), ("aGVs\nbG8=", "hello"),
    ])
  func base64(text: String, decoded: String) {
    let bytes = Array(text.utf8).withUnsafeBytes { Base64Payload.decode($0) }
    #expect(bytes.map { String(decoding: $0, as: UTF8.self) } == decoded)
  }

  @Test(
    "Invalid base64 is rejected", arguments: ["a", "a=b", "ab$c", "aGVsbG8=x"])
  func invalidBase64(text: String) {
    #expect(
      Array(text.utf8).withUnsafeBytes { Base64Payload.decode($0) } == nil)
  }

  @Test("Format detection claims GCS entries and nothing else")
  func detection() throws {
    for file in [
      "gcs/sink-quirks.jsonl", "gcs/gcloud-read.json", "gcs/entries-api.json",
      "gcs/pubsub.jsonl", "gcs/captioned.log",
    ] {
      let bytes = try Array(
        Data(contentsOf: URL(fileURLWithPath: TestData.fixture(file))))
      let detected = bytes.withUnsafeBytes { LogAdapters.detect($0) }
      #expect(detected == GCSAuditAdapter.self, "\(file)")
    }
    let cloudTrail = try Array(
      Data(
        contentsOf: URL(
          fileURLWithPath: TestData.fixture("cloudtrail/delivery-quirks.json")))
    )
    #expect(
      cloudTrail.withUnsafeBytes { GCSAuditAdapter.matches(prefix: $0) }
        == false)
  }

  @Test("Random bytes and every truncation of an entry never trap")
  func robustness() throws {
    var adapter = GCSAuditAdapter()
    var sink = RecordSink()
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
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
      contentsOfFile: TestData.fixture("gcs/sink-quirks.jsonl"), encoding: .utf8
    ).split(separator: "\n")[0]
    let entry = Array(line.utf8)
    for cut in 0...entry.count {
      sink.reset()
      entry[..<cut].withUnsafeBytes { adapter.decode($0, into: &sink) }
      #expect(sink.records >= 1 || cut == 0)
    }
  }
}

@Suite(
  "GCS audit adapter: real public samples",
  .enabled(if: TestData.hasSamples, "real samples absent: skipped"))
struct GCSAuditSampleTests {
  private static let folder = "gcp-professional-services-audit-log-examples"

  @Test(
    "Each documentation example: one event per entry, captions reported",
    arguments: [
      ("gcs-admin-activity.log", "storage.buckets.create", 2),
      ("gcs-admin-set-iam-permissions.log", "storage.setIamPermissions", 2),
      ("gcs-data-access-object-create.log", "storage.objects.create", 2),
      ("gcs-data-access-object-get.log", "storage.objects.get", 2),
      ("gcs-data-access-object-list.log", "storage.objects.list", 2),
      ("gcs-obj-vers.log", "storage.buckets.update", 3),
    ])
  func examples(file: String, method: String, captions: Int) throws {
    let (events, summary) = try TestData.read(
      [TestData.sample("\(Self.folder)/cloud-storage/\(file)")])
    #expect(summary.fileErrors.isEmpty)
    #expect(summary.skipped == [.malformedJSON: captions])
    #expect(events.count == (file == "gcs-obj-vers.log" ? 2 : 1))
    #expect(events.allSatisfy { $0.operation == method })
    #expect(events.allSatisfy { $0.outcome == .success })
  }

  @Test("Exact values of the sample entries")
  func values() throws {
    let (events, _) = try TestData.read(
      [
        "admin-activity", "admin-set-iam-permissions",
        "data-access-object-create",
        "data-access-object-get", "data-access-object-list", "obj-vers",
      ]
      .map { TestData.sample("\(Self.folder)/cloud-storage/gcs-\($0).log") })
    #expect(events.count == 7)
    let create = events[0]
    #expect(create.time.iso8601 == "2021-08-13T20:52:17.40636608Z")
    #expect(create.principal == "benyan@organization.com")
    #expect(create.action == .write)
    #expect(create.bucket == "usage-logs-test-benyan")
    #expect(create.account == "testproject-320520")
    #expect(create.region == "us")
    #expect(create.eventID == "yz4x09e8y5hc")
    #expect(
      create.userAgent
        == "apitools Python/3.7.3 gsutil/4.66 (linux) analytics/disabled "
        + "interactive/True command/mb google-cloud-sdk/352.0.0")
    #expect(events[1].action == .permissionChange)
    #expect(events[1].region == "us-central1")
    let writer = events[2]
    #expect(
      writer.principal == "cloud-storage-millwheel@system.gserviceaccount.com")
    #expect(writer.principalKind == .service)
    #expect(writer.sourceAddress == nil)
    #expect(
      writer.objectKey
        == "logfile_usage_2021_08_15_19_00_00_06d27191b52e6e1c4d_v0")
    let get = events[3]
    #expect(get.time.iso8601 == "2021-09-13T03:03:09.008513033Z")
    #expect(get.action == .read)
    #expect(get.objectKey == "scc-bad-domain.log")
    #expect(get.account == "gsec-monitoring-prod")
    #expect(events[4].action == .list)
    #expect(events[4].objectKey == nil)
    let versioning = events[5]
    #expect(
      versioning.principal
        == "terraform@anon-terraform-prod.iam.gserviceaccount.com")
    #expect(versioning.principalKind == .user)
    #expect(versioning.sourceAddress?.description == "2600::1")
    #expect(versioning.bucket == "s3.anon.net")
    #expect(versioning.account == "anon-logs-prod")
    #expect(events[6].eventID == "m746z2e4p8ig")
  }

  @Test("The bucket usage log (CSV) is not an audit log")
  func usageLog() throws {
    let (events, summary) = try TestData.read(
      [TestData.sample("\(Self.folder)/cloud-storage/gcs-usage.log")])
    #expect(events.isEmpty)
    #expect(summary.fileErrors.map(\.reasonName) == ["unrecognized-format"])
  }

  @Test("VPC Service Controls denial: bucket from metadata.resourceNames")
  func vpcServiceControls() throws {
    let (events, summary) = try TestData.read(
      [
        TestData.sample(
          "\(Self.folder)/vpc-service-controls/vpc-sc-policy-violation.log")
      ])
    #expect(summary.skipped == [.malformedJSON: 1])
    #expect(events.count == 1)
    let denied = try #require(events.first)
    #expect(denied.operation == "google.storage.buckets.get")
    #expect(denied.action == .metadataRead)
    #expect(denied.outcome == .denied)
    #expect(denied.errorCode == "PERMISSION_DENIED")
    #expect(denied.principalKind == .unknown)
    #expect(denied.bucket == "scc-export-sample")
    #expect(denied.account == "gsec-monitoring-prod")
    #expect(denied.sourceAddress == .ip(IPAddress("8.8.8.8")!))
    #expect(denied.time.iso8601 == "2021-09-13T03:10:14.801613786Z")
  }

  @Test("plaso's Cloud Logging export holds no Cloud Storage entries")
  func plaso() throws {
    let path = TestData.sample("plaso/gcp_logging.jsonl")
    let (_, detected) = try TestData.read([path])
    #expect(detected.fileErrors.map(\.reasonName) == ["unrecognized-format"])
    var options = EventReaderOptions()
    options.format = .gcsAudit
    let (events, summary) = try TestData.read([path], options: options)
    #expect(events.isEmpty)
    #expect(summary.recordsRead[.gcsAudit] == 11)
    #expect(summary.skipped == [.notStorage: 11])
  }

  @Test("Panther rule-test events, written out as JSON Lines")
  func pantherEvents() throws {
    let path = try TestData.pantherLogs(
      "panther-analysis/gcp_audit_storage_rule_tests.jsonl", as: "gcs.jsonl")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (events, summary) = try TestData.read([path])
    #expect(summary.recordsRead[.gcsAudit] == 15)
    #expect(summary.skipped == [.notStorage: 1, .duplicate: 2])
    #expect(events.count == 12)
    #expect(summary.malformedRecords == 0)
    let vpc = try #require(events.first)
    #expect(vpc.outcome == .denied)
    #expect(vpc.bucket == "test-restricted-bucket")
    #expect(vpc.objectKey == "test1.txt")
    #expect(events.filter { $0.outcome == .denied }.count == 2)
    #expect(events.filter { $0.action == .permissionChange }.count == 1)
  }
}

extension TestData {
  /// Writes the `log` member of each line of a Panther rule-test file to
  /// a temporary JSON Lines file and returns its path.
  static func pantherLogs(_ sample: String, as name: String) throws -> String {
    let text = try String(contentsOfFile: Self.sample(sample), encoding: .utf8)
    var out = ""
    for line in text.split(separator: "\n") {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
      guard let test = object as? [String: Any], let log = test["log"] else {
        continue
      }
      let data = try JSONSerialization.data(
        withJSONObject: log, options: [.sortedKeys])
      out += String(decoding: data, as: UTF8.self) + "\n"
    }
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("storagewatch-\(getpid())-\(name)")
    try out.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }
}
