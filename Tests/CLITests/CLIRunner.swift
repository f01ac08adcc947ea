import Foundation
import Testing

/// Runs the built `storagewatch` executable, as a user would.
enum CLIRunner {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
    var lines: [String] {
      stdout.split(separator: "\n", omittingEmptySubsequences: true)
        .map(String.init)
    }
  }

  /// The repository root, found from this file's path.
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The built executable, next to the test bundle.
  static let executable: URL? = {
    var candidates: [URL] = []
    var bundle = Bundle.main.bundleURL
    for _ in 0..<4 {
      candidates.append(bundle.appendingPathComponent("storagewatch"))
      bundle = bundle.deletingLastPathComponent()
    }
    for bundle in Bundle.allBundles {
      candidates.append(
        bundle.bundleURL.deletingLastPathComponent()
          .appendingPathComponent("storagewatch"))
    }
    return candidates.first {
      FileManager.default.isExecutableFile(atPath: $0.path)
    }
  }()

  static var isBuilt: Bool { executable != nil }

  /// A fixture of the AccessLogs tests.
  static func fixture(_ path: String) -> String {
    repository.appendingPathComponent("Tests/AccessLogsTests/Fixtures")
      .appendingPathComponent(path).path
  }

  /// The real samples directory, when present.
  static let samples: String? = {
    let environment = ProcessInfo.processInfo.environment
    let path =
      environment["STORAGEWATCH_SAMPLES"]
      ?? repository.deletingLastPathComponent()
      .appendingPathComponent("shared/samples").path
    return FileManager.default.fileExists(atPath: path + "/README.md")
      ? path : nil
  }()

  /// Runs the CLI with arguments and optional standard input.
  static func run(
    _ arguments: [String], stdin: Data? = nil,
    environment: [String: String] = [:]
  ) throws -> Result {
    struct NotBuilt: Error {}
    guard let executable else { throw NotBuilt() }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { $1 }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    // Read both pipes concurrently with the process so neither fills up.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}
