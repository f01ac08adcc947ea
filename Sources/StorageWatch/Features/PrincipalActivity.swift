import AccessLogs

/// Everything one principal did over the input, by hour, with when each
/// source, user agent, operation and bucket was first seen.
public struct PrincipalActivity: Sendable, Hashable {
  /// The normalized principal string.
  public var principal: String
  /// Its kind, as the first event gave it.
  public var kind: PrincipalKind
  /// The cloud.
  public var provider: Provider
  /// Accounts, projects or storage accounts whose storage it touched.
  public var accounts: Set<String> = []
  /// Active hours, sorted by hour.
  public var hours: [HourStats] = []
  /// The first hour each source was used.
  public var sourceFirstHour: [SourceKey: Int] = [:]
  /// The first hour each public network (/24 or /48) was used.
  public var networkFirstHour: [String: Int] = [:]
  /// The first hour each user agent was used.
  public var userAgentFirstHour: [String: Int] = [:]
  /// The first hour each operation was used.
  public var operationFirstHour: [String: Int] = [:]
  /// The first hour each bucket was touched.
  public var bucketFirstHour: [String: Int] = [:]
  /// The first hour each action category was used.
  public var actionFirstHour: [ActionCategory: Int] = [:]

  /// Creates an empty activity record.
  ///
  /// - Parameters:
  ///   - principal: The principal string.
  ///   - kind: Its kind.
  ///   - provider: The cloud.
  public init(principal: String, kind: PrincipalKind, provider: Provider) {
    self.principal = principal
    self.kind = kind
    self.provider = provider
  }

  /// The active hours in `[start, end)`.
  ///
  /// - Parameters:
  ///   - start: The first hour, whole hours since the epoch.
  ///   - end: The hour after the last (exclusive).
  /// - Returns: The hours of ``hours`` in the range, in order; empty
  ///   when `end <= start`.
  /// - Complexity: O(log *n* + *k*) for *k* hours returned.
  public func hours(from start: Int, to end: Int) -> ArraySlice<HourStats> {
    let lower = hours.partitioningIndex { $0.hour >= start }
    let upper = hours.partitioningIndex { $0.hour >= end }
    return hours[lower..<max(lower, upper)]
  }
}

extension Array {
  /// The first index whose element satisfies a predicate that is false
  /// then true along the array.
  func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
    var low = 0
    var high = count
    while low < high {
      let mid = (low + high) / 2
      if predicate(self[mid]) { high = mid } else { low = mid + 1 }
    }
    return low
  }
}
