import Foundation
import Testing

@testable import RemoteLogs

/// Listing, downloading, caching, retries and errors against the loopback
/// S3 (moto), Cloud Storage (gcp-storage-emulator) and Azure Blob
/// servers.
@Suite(.enabled(if: LoopbackServers.available))
struct LoopbackServerTests {
  /// Eight days of CloudTrail-style files, 2026-10-01 to 2026-10-08, two
  /// per day, plus a digest folder.
  static let logs: [String: String] = {
    var files: [String: String] = [:]
    for day in 1...8 {
      for hour in [3, 15] {
        let name =
          "r/2026/10/0\(day)/f_20261\(String(format: "0%02d", day))T"
          + "\(String(format: "%02d", hour))00Z.json"
        files[name] = "{\"day\": \(day), \"hour\": \(hour)}\n"
      }
    }
    files["CloudTrail-Digest/r/2026/10/02/d.json"] = "{}"
    return files
  }()

  /// 2026-10-04T00:00:00Z to 2026-10-06T00:00:00Z: days 4 and 5, with a
  /// day of slack, 6.
  static let range: Range<Int64> = 1_791_072_000..<1_791_244_800

  static func cache() -> String {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("sw-cache-\(UUID().uuidString)").path
  }

  static func expectDays456(_ result: RemoteFetcher.Result) throws {
    #expect(result.objects == 6)
    let names = result.paths.map { ($0 as NSString).lastPathComponent }
    for day in [4, 5, 6] {
      #expect(names.filter { $0.hasPrefix("f_2026100\(day)") }.count == 2)
    }
    for path in result.paths {
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(text.hasPrefix("{\"day\": "))
    }
  }

  @Test func s3ListsOnlyTheDaysAndCaches() async throws {
    let ports = try #require(LoopbackServers.ports)
    let bucket = LoopbackServers.uniqueName("sw-s3")
    let endpoint = "http://127.0.0.1:\(ports.s3)"
    try LoopbackServers.seed(
      "s3", endpoint: endpoint, bucket: bucket,
      directory: try LoopbackServers.files(Self.logs), prefix: "logs/")
    let environment = [
      "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "testsecret",
      "AWS_ENDPOINT_URL_S3": endpoint, "HOME": "/nonexistent",
    ]
    let cache = Self.cache()
    let fetcher = RemoteFetcher(
      options: .init(cacheDirectory: cache, environment: environment))
    let first = try await fetcher.fetchAsync(
      ["s3://\(bucket)/logs/"], range: Self.range)
    try Self.expectDays456(first)
    #expect(first.downloaded == 6)
    #expect(
      first.credentialSources.first?.source.contains("environment") == true)
    let lists = LoopbackServers.requests(containing: bucket).filter {
      $0.contains("list-type=2")
    }
    // logs/, r/, then the three day folders.
    #expect(lists.count == 5)
    #expect(!lists.contains { $0.contains("Digest") })

    let second = try await fetcher.fetchAsync(
      ["s3://\(bucket)/logs/"], range: Self.range)
    #expect(second.downloaded == 0)
    #expect(second.cached == 6)
    #expect(second.paths == first.paths)
  }

  @Test func s3MissingBucketNamesIt() async throws {
    let ports = try #require(LoopbackServers.ports)
    let fetcher = RemoteFetcher(
      options: .init(
        cacheDirectory: Self.cache(),
        environment: [
          "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "x",
          "AWS_ENDPOINT_URL": "http://127.0.0.1:\(ports.s3)",
          "HOME": "/nonexistent",
        ]))
    do {
      _ = try await fetcher.fetchAsync(
        ["s3://no-such-bucket-sw/logs/"], range: Self.range)
      Issue.record("expected not found")
    } catch {
      guard case .notFound(let location, _) = error else {
        Issue.record("expected not found, got \(error)")
        return
      }
      #expect(location == "s3://no-such-bucket-sw/logs/")
    }
  }

  @Test func gcsEmulator() async throws {
    let ports = try #require(LoopbackServers.ports)
    let bucket = LoopbackServers.uniqueName("sw-gcs")
    let endpoint = "http://127.0.0.1:\(ports.gcs)"
    try LoopbackServers.seed(
      "gcs", endpoint: endpoint, bucket: bucket,
      directory: try LoopbackServers.files(Self.logs),
      prefix: "cloudaudit.googleapis.com/data_access/")
    let fetcher = RemoteFetcher(
      options: .init(
        cacheDirectory: Self.cache(),
        environment: ["STORAGE_EMULATOR_HOST": endpoint, "PATH": "/none"]))
    let result = try await fetcher.fetchAsync(
      ["gs://\(bucket)/"], range: Self.range)
    try Self.expectDays456(result)
    let lists = LoopbackServers.requests(containing: "/b/\(bucket)/o?")
      .filter { $0.hasPrefix("gcs GET") }
    // The root, cloudaudit.googleapis.com/, data_access/, r/, three days.
    #expect(lists.count == 7)
  }

  static func azureFiles(_ container: String) throws -> String {
    let state = try #require(LoopbackServers.state)
    let root = "\(state)/azure/devstoreaccount1/\(container)"
    for (key, text) in Self.logs {
      let path = root + "/blob/" + key.replacingOccurrences(of: "r/", with: "")
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent,
        withIntermediateDirectories: true)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    return root
  }

  @Test func azureSASAndSharedKey() async throws {
    let ports = try #require(LoopbackServers.ports)
    let container = LoopbackServers.uniqueName("logs")
    _ = try Self.azureFiles(container)
    let base = "http://127.0.0.1:\(ports.azure)/devstoreaccount1/\(container)"
    let sas =
      "sv=2021-08-06&sr=c&sp=rl&se=2030-01-01&sig="
      + ports.azureSASSignature
    let viaURL = try await RemoteFetcher(
      options: .init(cacheDirectory: Self.cache(), environment: [:])
    ).fetchAsync(["\(base)/blob/?\(sas)"], range: Self.range)
    try Self.expectDays456(viaURL)
    #expect(viaURL.credentialSources.first?.source == "SAS token in the URL")
    #expect(viaURL.credentialSources.first?.location.contains("sig") == false)

    let viaKey = try await RemoteFetcher(
      options: .init(
        cacheDirectory: Self.cache(),
        environment: [
          "AZURE_STORAGE_ACCOUNT": "devstoreaccount1",
          "AZURE_STORAGE_KEY": ports.azureKey,
        ])
    ).fetchAsync(["\(base)/blob/"], range: Self.range)
    try Self.expectDays456(viaKey)

    let wrongKey = Data("wrong".utf8).base64EncodedString()
    do {
      _ = try await RemoteFetcher(
        options: .init(
          cacheDirectory: Self.cache(),
          environment: ["AZURE_STORAGE_KEY": wrongKey])
      ).fetchAsync(["\(base)/blob/"], range: Self.range)
      Issue.record("expected access denied")
    } catch {
      guard case .accessDenied(let location, let status, _) = error else {
        Issue.record("expected access denied, got \(error)")
        return
      }
      #expect(status == 403)
      #expect(location.contains("\(container)/blob/"))
      #expect(!"\(error)".contains(wrongKey))
    }
  }

  @Test func retriesServiceUnavailable() async throws {
    let ports = try #require(LoopbackServers.ports)
    let container = LoopbackServers.uniqueName("flaky")
    _ = try Self.azureFiles(container)
    let base = "http://127.0.0.1:\(ports.azure)/devstoreaccount1/\(container)"
    let result = try await RemoteFetcher(
      options: .init(
        cacheDirectory: Self.cache(),
        environment: [
          "AZURE_STORAGE_SAS_TOKEN": "se=2030&sig=\(ports.azureSASSignature)"
        ],
        retry: RetryPolicy(attempts: 3, baseDelay: 0.01))
    ).fetchAsync(["\(base)/blob/"], range: Self.range)
    try Self.expectDays456(result)
    // Every request failed once: the root and three day listings, six
    // downloads.
    #expect(result.requests == 2 * (4 + 6))
  }
}
