import Testing

@testable import RemoteLogs

/// Parsing the locations users type.
@Suite struct RemoteLocationTests {
  struct Case: Sendable, CustomStringConvertible {
    var text: String
    var service: RemoteLocation.Service
    var bucket: String
    var prefix: String
    var account: String? = nil
    var endpoint: String? = nil
    var sas: String? = nil
    var description: String { text }
  }

  static let cases: [Case] = [
    Case(
      text: "s3://trail-bucket/AWSLogs/123456789012/CloudTrail/",
      service: .s3, bucket: "trail-bucket",
      prefix: "AWSLogs/123456789012/CloudTrail/"),
    Case(text: "s3://logs", service: .s3, bucket: "logs", prefix: ""),
    Case(
      text: "gs://audit-sink/cloudaudit.googleapis.com/data_access/",
      service: .gcs, bucket: "audit-sink",
      prefix: "cloudaudit.googleapis.com/data_access/"),
    Case(
      text: "https://acct.blob.core.windows.net/$logs/blob/",
      service: .azure, bucket: "$logs", prefix: "blob/", account: "acct",
      endpoint: "https://acct.blob.core.windows.net"),
    Case(
      text: "https://acct.blob.core.windows.net/insights-logs-storageread"
        + "?sv=2022-11-02&sig=abc",
      service: .azure, bucket: "insights-logs-storageread", prefix: "",
      account: "acct", endpoint: "https://acct.blob.core.windows.net",
      sas: "sv=2022-11-02&sig=abc"),
    Case(
      text: "http://127.0.0.1:10000/devstoreaccount1/logs/a/b",
      service: .azure, bucket: "logs", prefix: "a/b",
      account: "devstoreaccount1",
      endpoint: "http://127.0.0.1:10000/devstoreaccount1"),
  ]

  @Test(arguments: cases)
  func parses(_ expected: Case) throws {
    #expect(RemoteLocation.isRemote(expected.text))
    let location = try RemoteLocation.parse(expected.text)
    #expect(location.service == expected.service)
    #expect(location.bucket == expected.bucket)
    #expect(location.prefix == expected.prefix)
    #expect(location.account == expected.account)
    #expect(location.endpoint == expected.endpoint)
    #expect(location.sasToken == expected.sas)
    #expect(!location.description.contains("sig="))
  }

  @Test(arguments: [
    "s3://", "gs:///prefix", "https://example.com/container/x",
    "https://acct.blob.core.windows.net/",
  ])
  func rejects(_ text: String) {
    #expect(throws: RemoteLogsError.self) { try RemoteLocation.parse(text) }
  }

  @Test(arguments: ["logs/", "/var/log/x.json", "-", "s3-access/x"])
  func localPathsAreNotRemote(_ path: String) {
    #expect(!RemoteLocation.isRemote(path))
  }
}
