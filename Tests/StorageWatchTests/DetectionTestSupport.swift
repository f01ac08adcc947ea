import AccessLogs
import Foundation

@testable import StorageWatch

/// Builds small, hand-made event streams for detection tests.
struct StreamBuilder {
  /// 2026-10-05T00:00:00Z, a Monday.
  static let start = Timestamp.parseISO8601("2026-10-05T00:00:00Z")!
  var events: [AccessEvent] = []

  /// Adds `count` requests spread over one hour.
  mutating func add(
    _ principal: String, day: Int, hour: Int, count: Int,
    operation: String = "GetObject", action: ActionCategory = .read,
    bucket: String = "data", address: String = "198.51.100.7",
    agent: String = "aws-cli/2.17.60", bytes: Int64 = 40_000,
    outcome: Outcome = .success, kind: PrincipalKind = .user,
    keyPrefix: String = "obj"
  ) {
    for i in 0..<count {
      let seconds = Int64(day * 86_400 + hour * 3600 + i * 3600 / max(count, 1))
      var event = AccessEvent(
        time: StreamBuilder.start.adding(seconds: seconds), format: .cloudTrail,
        principal: principal, principalKind: kind, action: action,
        operation: operation, outcome: outcome, authentication: .sigV4)
      event.bucket = bucket
      event.objectKey = "\(keyPrefix)-\(day)-\(hour)-\(i)"
      event.sourceAddress = SourceAddress.classify(address)
      event.userAgent = agent
      event.bytesOut = action == .read ? bytes : 0
      event.account = "111122223333"
      event.eventID = "\(principal)-\(day)-\(hour)-\(operation)-\(i)"
      events.append(event)
    }
  }

  /// A weekday office worker: 5 to 13 reads an hour of 10 kB to 90 kB
  /// objects, 09:00-17:00 UTC, from one address, for `days` days (weekends
  /// off). The counts follow a fixed pattern, so tests are deterministic.
  mutating func officeWorker(
    _ principal: String, days: Int, address: String = "198.51.100.7"
  ) {
    for day in 0..<days where day % 7 < 5 {
      for hour in 9..<17 {
        let k = (day * 7 + hour * 3) % 9
        add(
          principal, day: day, hour: hour, count: 5 + k, address: address,
          bytes: Int64(10_000 + 10_000 * ((day + hour) % 9)))
      }
    }
  }

  /// Runs detection on the last day (`day`) with the days before as
  /// history.
  func detect(
    windowDay day: Int, settings: DetectionSettings = DetectionSettings()
  ) -> [Finding] {
    var accumulator = ActivityAccumulator()
    for event in events { accumulator.add(event) }
    let startHour = ActivityAccumulator.hour(of: StreamBuilder.start)
    let window = (startHour + day * 24)..<(startHour + day * 24 + 24)
    return Detector(settings: settings).detect(
      accumulator.finish(), window: window, dataStart: startHour)
  }
}

extension [Finding] {
  /// Detections present, over all findings' signals.
  var detections: Set<DetectionKind> {
    Set(flatMap { $0.signals.map(\.detection) })
  }
}
