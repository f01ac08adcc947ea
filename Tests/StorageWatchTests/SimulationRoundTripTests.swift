import AccessLogs
import Foundation
import Testing

@testable import StorageWatch

/// Writes each format and reads it back with the package's adapters.
@Suite struct SimulationRoundTripTests {
  @Test(arguments: LogFormat.allCases)
  func writtenLogsReadBackAsTheGroundTruth(format: LogFormat) throws {
    let config = SimulationTestSupport.small(
      format: format, seed: 21,
      incidents: SimulationTestSupport.cheapIncidents)
    print("seed 21, format \(format.rawValue)")
    let directory = SimulationTestSupport.scratchDirectory(
      "roundtrip-\(format.rawValue)")
    defer { SimulationTestSupport.remove(directory) }
    let simulator = Simulator(config)
    let summary = try simulator.write(to: directory)
    let truth = simulator.events()
    #expect(summary.events == truth.count)

    var read: [AccessEvent] = []
    let logs = try FileManager.default.contentsOfDirectory(atPath: directory)
      .filter { $0 != "labels.csv" }.sorted().map { directory + "/" + $0 }
    let result = try EventReader(options: EventReaderOptions()).read(logs) {
      read.append($0)
    }
    #expect(result.fileErrors.isEmpty)
    #expect(result.malformedRecords == 0, "\(result.examples.prefix(3))")
    for (reason, count) in result.skipped {
      #expect(
        reason == .notStorage || reason == .duplicate,
        "\(reason.rawValue): \(count)")
    }
    #expect(read.count == truth.count)
    #expect(result.skipped[.duplicate, default: 0] == summary.duplicates)
    #expect(
      result.skipped[.notStorage, default: 0] == summary.managementEvents)
    if format == .cloudTrail {
      #expect(summary.duplicates > 0)
      #expect(summary.managementEvents > 0)
      let sorted = read.sorted {
        ($0.time, $0.eventID ?? "") < ($1.time, $1.eventID ?? "")
      }
      let expected = truth.sorted {
        ($0.time, $0.eventID ?? "") < ($1.time, $1.eventID ?? "")
      }
      #expect(sorted == expected)
    } else {
      let principals = Set(read.map(\.principal))
      #expect(principals == Set(truth.map(\.principal)))
    }
  }
}
