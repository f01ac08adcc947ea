import AccessLogs

/// Builds each principal's hourly activity from a stream of events.
///
/// Events may come in any order; the result does not depend on it (maps
/// keep the earliest hour; samples keep the smallest values). Memory grows
/// with principals × active hours plus distinct objects per hour (8 bytes
/// each while accumulating).
///
/// ```swift
/// var accumulator = ActivityAccumulator()
/// _ = try EventReader().read(paths) { accumulator.add($0) }
/// let activity = accumulator.finish()
/// ```
public struct ActivityAccumulator: Sendable {
  private struct Building: Sendable {
    var stats: HourStats
    var objects: Set<UInt64> = []
    var objectsRead: Set<UInt64> = []
  }

  private var principals: [String: PrincipalActivity] = [:]
  private var building: [String: [Int: Building]] = [:]
  /// The latest event time seen.
  public private(set) var latestTime: Timestamp?
  /// The earliest event time seen.
  public private(set) var earliestTime: Timestamp?
  /// Events added.
  public private(set) var eventCount = 0

  /// Creates an empty accumulator.
  public init() {}

  /// The hour (since the epoch, UTC) of a timestamp.
  ///
  /// - Parameter time: The timestamp.
  /// - Returns: Whole hours since 1970-01-01T00:00Z, rounded down (also
  ///   before 1970).
  public static func hour(of time: Timestamp) -> Int {
    Int(time.secondsSinceEpoch.floorDiv(3600))
  }

  /// Adds one event.
  ///
  /// - Parameter event: The event.
  /// - Complexity: O(1) amortized.
  public mutating func add(_ event: AccessEvent) {
    eventCount += 1
    if latestTime.map({ event.time > $0 }) ?? true { latestTime = event.time }
    if earliestTime.map({ event.time < $0 }) ?? true {
      earliestTime = event.time
    }
    let hour = ActivityAccumulator.hour(of: event.time)
    var activity =
      principals.removeValue(forKey: event.principal)
      ?? PrincipalActivity(
        principal: event.principal, kind: event.principalKind,
        provider: event.provider)
    if let account = event.account { activity.accounts.insert(account) }
    let source = SourceKey.of(event)
    if let source { activity.sourceFirstHour.keepMin(source, hour) }
    if let network = source?.network {
      activity.networkFirstHour.keepMin(network, hour)
    }
    if let agent = event.userAgent {
      activity.userAgentFirstHour.keepMin(agent, hour)
    }
    activity.operationFirstHour.keepMin(event.operation, hour)
    if let bucket = event.bucket {
      activity.bucketFirstHour.keepMin(bucket, hour)
    }
    activity.actionFirstHour.keepMin(event.action, hour)
    principals[event.principal] = activity

    var hours = building.removeValue(forKey: event.principal) ?? [:]
    var b =
      hours.removeValue(forKey: hour)
      ?? Building(stats: HourStats(hour: hour, time: event.time))
    update(&b, with: event, source: source)
    hours[hour] = b
    building[event.principal] = hours
  }

  private func update(
    _ b: inout Building, with event: AccessEvent, source: SourceKey?
  ) {
    var s = b.stats
    s.events += 1
    s.actions[event.action, default: 0] += 1
    switch event.outcome {
    case .denied: s.denied += 1
    case .error: s.errors += 1
    case .success: break
    }
    if let bytes = event.bytesOut {
      s.bytesOut = s.bytesOut.saturatingAdd(max(0, bytes))
      s.hasByteCounts = true
    }
    if let bytes = event.bytesIn {
      s.bytesIn = s.bytesIn.saturatingAdd(max(0, bytes))
      s.hasByteCounts = true
    }
    if let bucket = event.bucket { s.buckets[bucket, default: 0] += 1 }
    if let source { s.sources[source, default: 0] += 1 }
    if let agent = event.userAgent { s.userAgents[agent, default: 0] += 1 }
    s.operations[event.operation, default: 0] += 1
    if let key = event.objectKey {
      let hash = objectHash(event.bucket ?? "", key)
      b.objects.insert(hash)
      if event.action == .read { b.objectsRead.insert(hash) }
      s.sampleObjects.keepSmallest(
        (event.bucket.map { $0 + "/" } ?? "") + key, HourStats.sampleLimit)
    }
    if let id = event.eventID ?? event.requestID {
      s.sampleEventIDs.keepSmallest(id, HourStats.sampleLimit)
    }
    if event.time < s.firstTime { s.firstTime = event.time }
    if event.time > s.lastTime { s.lastTime = event.time }
    b.stats = s
  }

  /// Finishes the hours and returns every principal's activity.
  ///
  /// - Returns: Activity per principal string.
  /// - Complexity: O(*h* log *h*) in the number of active hours.
  public func finish() -> [String: PrincipalActivity] {
    var result = principals
    for (principal, hours) in building {
      var list: [HourStats] = []
      list.reserveCapacity(hours.count)
      for (_, b) in hours {
        var stats = b.stats
        stats.distinctObjects = b.objects.count
        stats.distinctObjectsRead = b.objectsRead.count
        list.append(stats)
      }
      list.sort { $0.hour < $1.hour }
      result[principal]?.hours = list
    }
    return result
  }
}

/// A 64-bit FNV-1a hash of a bucket and key.
private func objectHash(_ bucket: String, _ key: String) -> UInt64 {
  fnv1a([bucket, key], separator: 0x2F)
}

/// The 64-bit FNV-1a hash of strings' UTF-8 bytes, with a separator byte
/// between them. Stable across runs and platforms, unlike `Hasher`.
func fnv1a(_ parts: [String], separator: UInt8 = 0x7C) -> UInt64 {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for (i, part) in parts.enumerated() {
    if i > 0 { hash = (hash ^ UInt64(separator)) &* 0x100_0000_01b3 }
    for byte in part.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
  }
  return hash
}

extension Dictionary where Value == Int {
  /// Stores the smaller of the current and the new value.
  mutating func keepMin(_ key: Key, _ value: Int) {
    if let current = self[key], current <= value { return }
    self[key] = value
  }
}

extension Array where Element == String {
  /// Keeps the `limit` smallest distinct strings, sorted, so that the
  /// result does not depend on the order values arrive in.
  mutating func keepSmallest(_ value: String, _ limit: Int) {
    if contains(value) { return }
    if count < limit {
      append(value)
      sort()
    } else if let last, value < last {
      removeLast()
      append(value)
      sort()
    }
  }
}

extension Int64 {
  /// Division rounding toward negative infinity.
  func floorDiv(_ divisor: Int64) -> Int64 {
    let (q, r) = quotientAndRemainder(dividingBy: divisor)
    return r < 0 ? q - 1 : q
  }
}
