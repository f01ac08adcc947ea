import AccessLogs

/// One principal while it is being accumulated: its hours and the first
/// hour of each thing it used, keyed by the accumulator's interned ids.
struct PrincipalBuilder: Sendable {
  var name: String
  var nameHash: UInt64
  var kind: PrincipalKind
  var provider: Provider
  var events = 0
  /// Events of earlier states of this principal, dropped by the limit.
  var priorEvents = 0
  var accounts = Set<Int32>()
  var sourceFirstHour: [Int32: Int] = [:]
  var networkFirstHour: [Int32: Int] = [:]
  var userAgentFirstHour: [Int32: Int] = [:]
  var operationFirstHour: [Int32: Int] = [:]
  var bucketFirstHour: [Int32: Int] = [:]
  var actionFirstHour = [Int](
    repeating: Int.max, count: ActionCategory.allCases.count)
  var hourIndex: [Int: Int] = [:]
  var hours: [HourBuilder] = []
  private var lastHour = Int.min
  private var lastIndex = 0

  init(name: String, nameHash: UInt64, kind: PrincipalKind, provider: Provider)
  {
    self.name = name
    self.nameHash = nameHash
    self.kind = kind
    self.provider = provider
  }

  /// The index in ``hours`` of an hour, created at `time` when new.
  @inline(__always)
  mutating func hourSlot(_ hour: Int, _ time: Timestamp) -> Int {
    if hour == lastHour { return lastIndex }
    let index: Int
    if let found = hourIndex[hour] {
      index = found
    } else {
      index = hours.count
      hours.append(HourBuilder(hour: hour, time: time))
      hourIndex[hour] = index
    }
    lastHour = hour
    lastIndex = index
    return index
  }
}

extension Dictionary where Value == Int {
  /// Stores the smaller of the current and the new value.
  @inline(__always)
  mutating func keepMin(_ key: Key, _ value: Int) {
    if let current = self[key], current <= value { return }
    self[key] = value
  }
}
