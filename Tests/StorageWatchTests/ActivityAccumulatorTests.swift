import AccessLogs
import AnomalyModels
import Foundation
import Testing

@testable import StorageWatch

@Suite struct ActivityAccumulatorTests {
  /// Events of a small simulated workload, with incidents.
  static let events: [AccessEvent] = Simulator(
    SimulationTestSupport.small(seed: 11)
  ).events()

  static func accumulate(_ events: some Sequence<AccessEvent>)
    -> [String: PrincipalActivity]
  {
    var accumulator = ActivityAccumulator()
    for event in events { accumulator.add(event) }
    return accumulator.finish()
  }

  @Test func resultDoesNotDependOnEventOrder() {
    let seed: UInt64 = 5
    print("seed \(seed), \(Self.events.count) events")
    var generator = SeededGenerator(seed: seed)
    let inOrder = Self.accumulate(Self.events)
    #expect(inOrder.count > 5)
    #expect(Self.accumulate(Self.events.reversed()) == inOrder)
    #expect(Self.accumulate(Self.events.shuffled(using: &generator)) == inOrder)
  }

  @Test func batchesGiveTheSameResultAsSingleEvents() {
    var batched = ActivityAccumulator()
    var batch = EventBatch(path: "x")
    let location = RecordLocation(path: "x", line: 1, offset: 0)
    for (i, event) in Self.events.enumerated() {
      batch.append(event, at: location, filtered: i % 97 == 0)
      if batch.events.count == 500 {
        batched.add(batch)
        batch.removeAll()
      }
    }
    batched.add(batch)
    let expected = Self.accumulate(
      Self.events.enumerated().filter { $0.offset % 97 != 0 }.map(\.element))
    #expect(batched.finish() == expected)
  }

  /// Hours hold what their events say, field by field.
  @Test func hourStatsCountEveryField() throws {
    let start = Timestamp.parseISO8601("2026-11-02T10:00:00Z")!
    func event(_ seconds: Int64, _ op: String, key: String?) -> AccessEvent {
      var e = AccessEvent(
        time: start.adding(seconds: seconds), format: .cloudTrail,
        principal: "arn:aws:iam::1:user/a", principalKind: .user,
        action: S3Names.category(op), operation: op,
        outcome: op == "DeleteObject" ? .denied : .success)
      e.bucket = "b"
      e.objectKey = key
      e.account = "1"
      e.userAgent = "cli"
      e.sourceAddress = .ip(
        IPAddress.parse(hostAndPort: "198.51.100.9")!.address)
      e.bytesOut = 10
      e.eventID = "id-\(seconds)"
      return e
    }
    let events = [
      event(5, "GetObject", key: "k1"), event(9, "GetObject", key: "k1"),
      event(20, "GetObject", key: "é"), event(30, "DeleteObject", key: "k2"),
      event(40, "ListObjects", key: nil),
    ]
    let activity = try #require(
      Self.accumulate(events)["arn:aws:iam::1:user/a"])
    let hour = try #require(activity.hours.first)
    #expect(activity.hours.count == 1)
    #expect(hour.events == 5)
    #expect(hour.reads == 3 && hour.deletes == 1 && hour.count(.list) == 1)
    #expect(hour.denied == 1 && hour.errors == 0)
    #expect(hour.bytesOut == 50 && hour.hasByteCounts)
    #expect(hour.distinctObjects == 3 && hour.distinctObjectsRead == 2)
    #expect(hour.buckets == ["b": 5] && hour.userAgents == ["cli": 5])
    #expect(
      hour.operations == ["GetObject": 3, "DeleteObject": 1, "ListObjects": 1])
    #expect(hour.sampleObjects == ["b/k1", "b/k2", "b/é"])
    #expect(hour.sampleEventIDs == ["id-20", "id-30", "id-40", "id-5", "id-9"])
    #expect(hour.firstTime == start.adding(seconds: 5))
    #expect(hour.lastTime == start.adding(seconds: 40))
    let source = try #require(hour.sources.keys.first)
    #expect(source.kind == .publicAddress && source.value == "198.51.100.9")
    #expect(activity.networkFirstHour == ["198.51.100.0/24": hour.hour])
    #expect(activity.accounts == ["1"])
  }

  @Test(arguments: [
    ["b", "a", "d", "c", "e", "f", "a"],
    ["é", "e", "f", "Z", "z", "éa", "E\u{301}", "É", "0"],
    ["x9", "x10", "x1", "x2", "x3", "x4", "x11", "x0"],
  ])
  func samplesMatchStringOrder(values: [String]) {
    var quick: [String] = []
    var reference: [String] = []
    for value in values {
      var bytes = value
      bytes.withUTF8 { quick.offerSmallest(UnsafeRawBufferPointer($0), 5) }
      reference.keepSmallest(value, 5)
    }
    #expect(quick == reference)
  }

  /// A flood of one-event principals (identities rotated by an attacker)
  /// stays within the limit while ten steady principals, one event in a
  /// hundred between them, are kept.
  @Test func principalFloodStaysBounded() {
    let seed: UInt64 = 99
    let flood = 200_000
    let limit = 1_000
    print("seed \(seed), \(flood) flooding principals, limit \(limit)")
    var generator = SeededGenerator(seed: seed)
    var accumulator = ActivityAccumulator(maxPrincipals: limit)
    var batch = EventBatch(path: "flood")
    let location = RecordLocation(path: "flood", line: 1, offset: 0)
    let start = Timestamp.parseISO8601("2026-11-02T00:00:00Z")!
    var heavyEvents = 0
    var mostHeld = 0
    for i in 0..<flood {
      let heavy = i % 100 == 0
      let name =
        heavy
        ? "arn:aws:iam::1:user/worker\(i % 1000 / 100)"
        : "anonymous-\(generator.next())"
      var event = AccessEvent(
        time: start.adding(seconds: Int64(i % 86_400)), format: .cloudTrail,
        principal: name, principalKind: .user, action: .read,
        operation: "GetObject")
      event.bucket = "b"
      batch.append(event, at: location, filtered: false)
      if heavy { heavyEvents += 1 }
      if batch.events.count == 10_000 {
        accumulator.add(batch)
        batch.removeAll()
        mostHeld = max(mostHeld, accumulator.principals.count)
      }
    }
    accumulator.add(batch)
    let result = accumulator.finish()
    #expect(mostHeld <= limit + limit / 4)
    #expect(result.count == limit)
    for worker in 0..<10 {
      #expect(result["arn:aws:iam::1:user/worker\(worker)"] != nil)
    }
    let keptEvents = result.values.reduce(0) {
      $0 + $1.hours.reduce(0) { $0 + $1.events }
    }
    #expect(accumulator.eventCount == flood)
    #expect(accumulator.droppedEvents == flood - keptEvents)
    #expect(accumulator.droppedPrincipals >= flood - heavyEvents + 10 - limit)
    #expect(keptEvents >= heavyEvents)
  }
}

/// The category of a CloudTrail operation name, for hand-made events.
private enum S3Names {
  static func category(_ name: String) -> ActionCategory {
    switch name {
    case "GetObject": return .read
    case "DeleteObject": return .delete
    case "ListObjects": return .list
    default: return .other
    }
  }
}
