import Foundation
import Testing

@testable import AccessLogs

/// Where the tests find their inputs.
enum TestData {
  /// A fixture written for these tests, under `Fixtures/`.
  static func fixture(_ relativePath: String) -> String {
    Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
      .appendingPathComponent(relativePath).path
  }

  /// The real public log samples: `$STORAGEWATCH_SAMPLES`, or
  /// `../shared/samples` beside the repository.
  static let samplesDirectory: String? = {
    let environment = ProcessInfo.processInfo.environment
    var candidates: [String] = []
    if let path = environment["STORAGEWATCH_SAMPLES"], !path.isEmpty {
      candidates.append(path)
    }
    let repository = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    candidates.append(
      repository.deletingLastPathComponent()
        .appendingPathComponent("shared/samples").path)
    let found = candidates.first {
      FileManager.default.fileExists(atPath: $0 + "/README.md")
    }
    if found == nil {
      print(
        "NOTICE: real log samples not found (set STORAGEWATCH_SAMPLES or "
          + "place them at ../shared/samples); sample tests are skipped")
    }
    return found
  }()

  /// Whether the real samples are present.
  static var hasSamples: Bool { samplesDirectory != nil }

  /// A path inside the samples directory.
  static func sample(_ relativePath: String) -> String {
    (samplesDirectory ?? "/nonexistent") + "/" + relativePath
  }

  /// Reads paths with a reader and returns the events and the summary.
  static func read(
    _ paths: [String], options: EventReaderOptions = EventReaderOptions()
  ) throws -> (events: [AccessEvent], summary: ReadSummary) {
    var events: [AccessEvent] = []
    let summary = try EventReader(options: options).read(paths) {
      events.append($0)
    }
    return (events, summary)
  }
}
