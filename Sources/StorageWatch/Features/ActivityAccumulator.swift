import AccessLogs

/// Builds each principal's hourly activity from a stream of events.
///
/// Events may come in any order; the result does not depend on it (maps
/// keep the earliest hour; samples keep the smallest values). Strings are
/// interned once (principals, accounts, buckets, operations, user agents,
/// sources), so adding an event hashes small integers, not text, and
/// ``add(_:)-(EventBatch)`` maps a file's strings once per file. Memory
/// grows with principals × active hours plus distinct objects per hour
/// (8 bytes each while accumulating), not with events.
///
/// At most ``maxPrincipals`` principals are kept, so that a flood of
/// identities (an attacker rotating credentials, anonymous callers with
/// random names) cannot exhaust memory. Once `maxPrincipals + max(1,
/// maxPrincipals / 4)` principals are held, the ``maxPrincipals`` with the
/// most events so far are kept (ties: smaller principal string first) and
/// the state of the others is dropped; ``finish()`` applies the same rule
/// to what is left. A dropped principal seen again starts a new state that
/// ranks by all the events it had, so a steady principal outlasts a flood
/// of one-event identities; the events in dropped states are lost.
/// Between 4 and 8 such counts per kept principal are remembered (about 40
/// bytes each), the least active and then the longest gone forgotten
/// first, so memory stays bounded by the limit whatever the number of
/// identities; a principal returning after more than `4 × maxPrincipals`
/// other identities were dropped may be forgotten in between.
/// ``droppedPrincipals`` and ``droppedEvents`` count what was lost. Which
/// principals a flood pushes out depends on the order events arrive in;
/// with no more principals than the limit, nothing is dropped and the
/// order never matters.
///
/// ```swift
/// var accumulator = ActivityAccumulator()
/// _ = try EventReader().read(paths) { accumulator.add($0) }
/// let activity = accumulator.finish()
/// ```
public struct ActivityAccumulator: Sendable {
  /// The default of ``maxPrincipals``: 100,000.
  public static let defaultMaxPrincipals = 100_000

  /// The most principals kept; see the type's discussion.
  public let maxPrincipals: Int
  var names = ByteInterner(capacity: 1024)
  var principals: [PrincipalBuilder] = []
  var principalIndex: [UInt64: Int32] = [:]
  var droppedTotals: [UInt64: (events: Int, serial: Int)] = [:]
  var dropSerial = 0
  var sources: [SourceKey] = []
  var sourceNetwork: [Int32] = []
  var sourceIndex: [SourceKey: Int32] = [:]
  var addressSources: [IPAddress: Int32] = [:]
  var textSources: [TextSource: Int32] = [:]
  var nameRemap: [Int32] = []
  var principalRemap: [Int32] = []
  private var objectBytes: [UInt8] = []
  private var scratch = EventBatch(path: "")

  /// The latest event time seen.
  public private(set) var latestTime: Timestamp?
  /// The earliest event time seen.
  public private(set) var earliestTime: Timestamp?
  /// Events added, including those of dropped principals.
  public private(set) var eventCount = 0
  var droppedSoFar = (principals: 0, events: 0)

  /// Creates an empty accumulator.
  ///
  /// - Parameter maxPrincipals: The most principals kept; at least 1.
  ///   Default ``defaultMaxPrincipals``.
  public init(maxPrincipals: Int = ActivityAccumulator.defaultMaxPrincipals) {
    precondition(maxPrincipals >= 1, "maxPrincipals must be at least 1")
    self.maxPrincipals = maxPrincipals
  }

  /// The hour (since the epoch, UTC) of a timestamp.
  ///
  /// - Parameter time: The timestamp.
  /// - Returns: Whole hours since 1970-01-01T00:00Z, rounded down (also
  ///   before 1970).
  public static func hour(of time: Timestamp) -> Int {
    Int(time.secondsSinceEpoch.floorDiv(3600))
  }

  /// Principal states dropped by the ``maxPrincipals`` limit, counting
  /// those ``finish()`` leaves out (a principal dropped, seen again and
  /// dropped again counts twice).
  public var droppedPrincipals: Int {
    droppedSoFar.principals + max(0, principals.count - maxPrincipals)
  }

  /// Events in dropped principal states, counting those ``finish()``
  /// leaves out: every event added is either here or in ``finish()``'s
  /// result.
  public var droppedEvents: Int {
    let kept = Set(keptIndices())
    var pending = 0
    for i in principals.indices where !kept.contains(i) {
      pending += principals[i].events
    }
    return droppedSoFar.events + pending
  }

  /// Adds one event.
  ///
  /// - Parameter event: The event.
  /// - Complexity: O(1) amortized.
  public mutating func add(_ event: AccessEvent) {
    var batch = EventBatch(path: "")
    swap(&batch, &scratch)
    batch.removeAll()
    batch.append(
      event, at: RecordLocation(path: "", line: 0, offset: 0),
      filtered: false)
    add(batch)
    swap(&batch, &scratch)
  }

  /// Adds a file's events, leaving out those flagged as filtered or
  /// duplicate.
  ///
  /// - Parameter batch: The batch, as `EventReader` produced it.
  /// - Complexity: O(*e* + *s*) for *e* events and *s* strings.
  public mutating func add(_ batch: EventBatch) {
    let count = batch.strings.count
    nameRemap.removeAll(keepingCapacity: true)
    nameRemap.append(contentsOf: repeatElement(-1, count: count))
    principalRemap.removeAll(keepingCapacity: true)
    principalRemap.append(contentsOf: repeatElement(-2, count: count))
    for event in batch.events where !event.filtered && !event.duplicate {
      add(event, batch)
    }
  }

  private mutating func add(_ event: EventBatch.Event, _ batch: EventBatch) {
    eventCount += 1
    if latestTime.map({ event.time > $0 }) ?? true { latestTime = event.time }
    if earliestTime.map({ event.time < $0 }) ?? true {
      earliestTime = event.time
    }
    let p = principalSlot(event, batch)
    let hour = ActivityAccumulator.hour(of: event.time)
    let account = name(event.account, batch)
    let bucket = name(event.bucket, batch)
    let operation = name(event.operation, batch)
    let agent = name(event.userAgent, batch)
    let source = sourceSlot(event.source, batch)
    let network = source >= 0 ? sourceNetwork[Int(source)] : -1
    var objectHash: UInt64?
    if event.objectKey >= 0 {
      objectHash = fillObject(bucket: event.bucket, key: event.objectKey, batch)
    }
    var principal = PrincipalBuilder(
      name: "", nameHash: 0, kind: .unknown, provider: .aws)
    swap(&principal, &principals[Int(p)])
    principal.events += 1
    if account >= 0 { principal.accounts.insert(account) }
    if source >= 0 { principal.sourceFirstHour.keepMin(source, hour) }
    if network >= 0 { principal.networkFirstHour.keepMin(network, hour) }
    if agent >= 0 { principal.userAgentFirstHour.keepMin(agent, hour) }
    principal.operationFirstHour.keepMin(operation, hour)
    if bucket >= 0 { principal.bucketFirstHour.keepMin(bucket, hour) }
    let action = event.action.ordinal
    if hour < principal.actionFirstHour[action] {
      principal.actionFirstHour[action] = hour
    }
    let slot = principal.hourSlot(hour, event.time)
    objectBytes.withUnsafeBytes { object in
      batch.strings.withBytes(max(0, event.sampleID)) { id in
        principal.hours[slot].record(
          event, bucket: bucket, source: source, agent: agent,
          operation: operation, objectHash: objectHash,
          object: objectHash == nil ? nil : object,
          sampleID: event.sampleID >= 0 ? id : nil)
      }
    }
    swap(&principal, &principals[Int(p)])
  }

  /// The global id of a batch string, or -1 for -1.
  @inline(__always)
  mutating func name(_ local: Int32, _ batch: EventBatch) -> Int32 {
    guard local >= 0 else { return -1 }
    let mapped = nameRemap[Int(local)]
    if mapped >= 0 { return mapped }
    let id = batch.strings.withBytes(local) { names.intern($0) }
    nameRemap[Int(local)] = id
    return id
  }

  /// Writes `bucket/key` (or `key`) into `objectBytes` and returns the
  /// FNV-1a hash of bucket, `/` and key (see ``fnv1a(_:separator:)``).
  private mutating func fillObject(
    bucket: Int32, key: Int32, _ batch: EventBatch
  ) -> UInt64 {
    objectBytes.removeAll(keepingCapacity: true)
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    if bucket >= 0 {
      batch.strings.withBytes(bucket) { bytes in
        objectBytes.append(contentsOf: bytes)
        objectBytes.append(0x2F)
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
      }
    }
    hash = (hash ^ 0x2F) &* 0x100_0000_01b3
    batch.strings.withBytes(key) { bytes in
      objectBytes.append(contentsOf: bytes)
      for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    }
    return hash
  }
}

/// A source named by text: its kind and the interned text.
struct TextSource: Hashable, Sendable {
  var kind: SourceKey.Kind
  var text: Int32
}

extension HourBuilder {
  /// Counts one event into the hour.
  @inline(__always)
  mutating func record(
    _ event: EventBatch.Event, bucket: Int32, source: Int32, agent: Int32,
    operation: Int32, objectHash: UInt64?,
    object: UnsafeRawBufferPointer?, sampleID: UnsafeRawBufferPointer?
  ) {
    events += 1
    actions[event.action.ordinal] += 1
    switch event.outcome {
    case .denied: denied += 1
    case .error: errors += 1
    case .success: break
    }
    if let bytes = event.bytesOut {
      bytesOut = bytesOut.saturatingAdd(max(0, bytes))
      hasByteCounts = true
    }
    if let bytes = event.bytesIn {
      bytesIn = bytesIn.saturatingAdd(max(0, bytes))
      hasByteCounts = true
    }
    if bucket >= 0 { buckets.increment(bucket) }
    if source >= 0 { sources.increment(source) }
    if agent >= 0 { userAgents.increment(agent) }
    operations.increment(operation)
    if let objectHash, let object {
      objects.insert(objectHash)
      if event.action == .read { objectsRead.insert(objectHash) }
      sampleObjects.offerSmallest(object, HourStats.sampleLimit)
    }
    if let sampleID {
      sampleEventIDs.offerSmallest(sampleID, HourStats.sampleLimit)
    }
    if event.time < firstTime { firstTime = event.time }
    if event.time > lastTime { lastTime = event.time }
  }
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
