import AccessLogs
import Foundation
import Testing

@testable import StorageWatch

/// Times the default month in every format; runs only when the
/// `STORAGEWATCH_SIM_BENCH` environment variable is set (use a release
/// build with `-Xswiftc -enable-testing`).
@Suite struct SimulationBenchmarkTests {
  static let enabled =
    ProcessInfo.processInfo.environment["STORAGEWATCH_SIM_BENCH"] != nil

  @Test(.enabled(if: SimulationBenchmarkTests.enabled))
  func defaultMonth() throws {
    let clock = ContinuousClock()
    for format in LogFormat.allCases {
      let config = SimulationConfig(format: format)
      var t = clock.now
      let simulator = Simulator(config)
      let generated = clock.now - t
      t = clock.now
      let events = simulator.events()
      let materialized = clock.now - t
      let directory = SimulationTestSupport.scratchDirectory("bench")
      defer { SimulationTestSupport.remove(directory) }
      t = clock.now
      let summary = try simulator.write(to: directory)
      let written = clock.now - t
      print(
        "\(format.rawValue): requests \(simulator.workload.requests.count),"
          + " events \(events.count), files \(summary.files), bytes"
          + " \(summary.bytes); generate \(generated), events()"
          + " \(materialized), write \(written)")
    }
  }

  /// Writes a small month of every format under the directory named by
  /// `STORAGEWATCH_SIM_SAMPLES`, for reading by eye.
  @Test(
    .enabled(
      if: ProcessInfo.processInfo.environment["STORAGEWATCH_SIM_SAMPLES"]
        != nil))
  func writeSamples() throws {
    let root = ProcessInfo.processInfo.environment["STORAGEWATCH_SIM_SAMPLES"]!
    for format in LogFormat.allCases {
      let config = SimulationTestSupport.small(format: format, seed: 1)
      _ = try Simulator(config).write(to: root + "/" + format.rawValue)
    }
  }
}
