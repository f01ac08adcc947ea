import AccessLogs
import Testing

@testable import StorageWatch

@Suite struct SimulationIncidentTests {
  /// The month of seed 11 with no incident, shared by the per-kind tests.
  static let withoutIncidents = Simulator(
    SimulationTestSupport.small(seed: 11, incidents: []))

  static func matching(_ label: IncidentLabel, _ events: [AccessEvent])
    -> [AccessEvent]
  {
    events.filter {
      $0.principal.contains(label.principal) && $0.time >= label.start
        && $0.time <= label.end
    }
  }

  @Test(arguments: IncidentKind.allCases)
  func incidentAppearsOnlyWhenEnabled(kind: IncidentKind) {
    print("seed 11, kind \(kind.rawValue)")
    let without = Self.withoutIncidents
    let with = Simulator(
      SimulationTestSupport.small(seed: 11, incidents: [kind]))
    #expect(without.labels().isEmpty)
    let labels = with.labels()
    #expect(labels.count == 1)
    guard let label = labels.first else { return }
    #expect(label.incidentKind == kind)
    let baseline = without.events()
    let events = with.events()
    let added = events.count - baseline.count
    #expect(added >= 20, "\(kind) added \(added) events")
    #expect(Self.matching(label, events).count >= added)
    // Switching an incident on adds its events and changes nothing else.
    let baselineIDs = Set(baseline.compactMap(\.eventID))
    #expect(baselineIDs.isSubset(of: Set(events.compactMap(\.eventID))))
    let config = with.config
    let lastWeek = config.end.adding(seconds: -8 * 86_400)
    if kind == .historical {
      #expect(
        label.end
          < config.start.adding(
            seconds: Int64(config.days) * 43_200))
    } else {
      #expect(label.start >= lastWeek)
    }
  }

  @Test func attackerTraitsAreRealistic() throws {
    print("seed 12")
    let simulator = Simulator(SimulationTestSupport.small(seed: 12))
    let events = simulator.events()
    let labels = Dictionary(
      uniqueKeysWithValues: simulator.labels().map { ($0.incidentKind!, $0) })
    #expect(labels.count == IncidentKind.allCases.count)

    let bulk = Self.matching(try #require(labels[.bulkExfiltration]), events)
    #expect(bulk.contains { $0.userAgent?.hasPrefix("rclone/") == true })
    let bytes = bulk.compactMap(\.bytesOut).reduce(0, +)
    #expect(bytes > 10_000_000_000)

    let enumeration = Self.matching(try #require(labels[.enumeration]), events)
    #expect(enumeration.filter { $0.outcome == .denied }.count > 50)
    #expect(enumeration.contains { $0.operation == "ListBuckets" })

    let slow = Self.matching(try #require(labels[.slowExfiltration]), events)
      .filter {
        $0.userAgent?.hasPrefix("Boto3/1.28") == true
      }
    var perHour: [Int64: Int] = [:]
    for e in slow { perHour[e.time.secondsSinceEpoch / 3600, default: 0] += 1 }
    #expect(perHour.count >= 10)
    #expect(perHour.values.allSatisfy { $0 < 100 })

    let stolen = Self.matching(try #require(labels[.stolenCredentials]), events)
    #expect(
      stolen.contains { $0.userAgent == "python-requests/2.31.0" })
    #expect(stolen.allSatisfy { $0.principalKind != .user })

    let deletion = Self.matching(try #require(labels[.massDeletion]), events)
    #expect(deletion.filter { $0.action == .delete }.count >= 1_000)
  }

  @Test func labelsUseEachFormatsPrincipals() {
    print("seed 13")
    for format in LogFormat.allCases {
      let simulator = Simulator(
        SimulationTestSupport.small(format: format, seed: 13))
      let events = simulator.events()
      for label in simulator.labels() {
        #expect(
          !Self.matching(label, events).isEmpty,
          "\(format.rawValue) \(label.kind) \(label.principal)")
      }
    }
  }
}
