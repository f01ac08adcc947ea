import Foundation
import Testing

/// The loopback servers `make test` starts (Tests/RemoteServers):
/// moto's S3, gcp-storage-emulator and a small Azure Blob service.
/// Tests that need them are skipped with a notice when they are absent.
enum LoopbackServers {
  /// Ports and test secrets from STATE/ports.json.
  struct Ports: Sendable {
    var s3: Int
    var gcs: Int
    var azure: Int
    var azureKey: String
    var azureSASSignature: String
  }

  /// The state directory (`STORAGEWATCH_TEST_SERVERS`).
  static let state: String? = {
    let environment = ProcessInfo.processInfo.environment
    guard let path = environment["STORAGEWATCH_TEST_SERVERS"],
      FileManager.default.fileExists(atPath: path + "/ports.json")
    else {
      print(
        "NOTICE: loopback object-store servers not running (make "
          + "remote-test starts them); remote server tests are skipped")
      return nil
    }
    return path
  }()

  /// The ports, when the servers run.
  static let ports: Ports? = {
    guard let state,
      let data = FileManager.default.contents(atPath: state + "/ports.json"),
      let object = try? JSONSerialization.jsonObject(with: data)
        as? [String: Any]
    else { return nil }
    return Ports(
      s3: object["s3"] as! Int, gcs: object["gcs"] as! Int,
      azure: object["azure"] as! Int,
      azureKey: object["azureKey"] as! String,
      azureSASSignature: object["azureSASSignature"] as! String)
  }()

  /// Whether the servers run.
  static var available: Bool { ports != nil }

  /// The Python that has boto3 (`STORAGEWATCH_TEST_PYTHON`).
  static var python: String {
    ProcessInfo.processInfo.environment["STORAGEWATCH_TEST_PYTHON"]
      ?? "python3"
  }

  /// Tests/RemoteServers.
  static let scripts = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("RemoteServers").path

  /// Uploads a directory with Tests/RemoteServers/seed.py.
  static func seed(
    _ service: String, endpoint: String, bucket: String, directory: String,
    prefix: String = ""
  ) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      python, scripts + "/seed.py", service, endpoint, bucket, directory,
      prefix,
    ]
    try process.run()
    process.waitUntilExit()
    struct SeedFailed: Error {}
    guard process.terminationStatus == 0 else { throw SeedFailed() }
  }

  /// Requests the servers logged whose path contains `marker`, as
  /// "SERVICE METHOD PATH?QUERY" lines.
  static func requests(containing marker: String) -> [String] {
    guard let state,
      let data = FileManager.default.contents(atPath: state + "/requests.log")
    else { return [] }
    return String(decoding: data, as: UTF8.self)
      .split(separator: "\n").map(String.init)
      .filter { $0.contains(marker) }
  }

  /// A unique lower-case name for a bucket.
  static func uniqueName(_ stem: String) -> String {
    "\(stem)-\(UInt32.random(in: 0...UInt32.max))"
  }

  /// Writes files under a new temporary directory.
  static func files(_ contents: [String: String]) throws -> String {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("sw-files-\(UUID().uuidString)").path
    for (key, text) in contents {
      let path = root + "/" + key
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent,
        withIntermediateDirectories: true)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    return root
  }
}
