import AccessLogs
import Foundation
import Testing

@testable import StorageWatch

@Suite struct SimulationDeterminismTests {
  @Test(arguments: [LogFormat.cloudTrail, .azureStorageAnalytics])
  func sameSeedWritesIdenticalBytes(format: LogFormat) throws {
    let seed: UInt64 = 42
    print("seed \(seed), format \(format.rawValue)")
    let config = SimulationTestSupport.small(
      format: format, seed: seed,
      incidents: SimulationTestSupport.cheapIncidents)
    let first = SimulationTestSupport.scratchDirectory("det-a-\(format)")
    let second = SimulationTestSupport.scratchDirectory("det-b-\(format)")
    defer {
      SimulationTestSupport.remove(first)
      SimulationTestSupport.remove(second)
    }
    let a = try Simulator(config).write(to: first)
    let b = try Simulator(config).write(to: second)
    #expect(a == b)
    let filesA = SimulationTestSupport.contents(of: first)
    let filesB = SimulationTestSupport.contents(of: second)
    #expect(filesA.count == a.files + 1)
    #expect(filesA.keys.sorted() == filesB.keys.sorted())
    for (path, data) in filesA {
      #expect(filesB[path] == data, "\(path) differs")
    }
  }

  @Test func sameSeedGivesSameEventsAndLabels() {
    let config = SimulationTestSupport.small(seed: 3)
    print("seed 3")
    let a = Simulator(config)
    let b = Simulator(config)
    #expect(a.events() == b.events())
    #expect(a.labels() == b.labels())
  }

  @Test func differentSeedsDiffer() {
    print("seeds 1 and 2")
    let a = Simulator(SimulationTestSupport.small(seed: 1))
    let b = Simulator(SimulationTestSupport.small(seed: 2))
    #expect(a.events() != b.events())
    #expect(a.labels() != b.labels())
  }

  @Test func eventsAreSortedAndInsideThePeriod() {
    let config = SimulationTestSupport.small(format: .gcsAudit, seed: 5)
    print("seed 5")
    let events = Simulator(config).events()
    #expect(!events.isEmpty)
    #expect(zip(events, events.dropFirst()).allSatisfy { $0.time <= $1.time })
    #expect(events.first!.time >= config.start)
    #expect(events.last!.time < config.end)
  }

  @Test func incidentListsParse() {
    #expect(
      IncidentKind.parseList("enumeration, mass-deletion")
        == [.enumeration, .massDeletion])
    #expect(IncidentKind.parseList("all") == Set(IncidentKind.allCases))
    #expect(IncidentKind.parseList("none") == [])
    #expect(IncidentKind.parseList("bogus") == nil)
  }
}
