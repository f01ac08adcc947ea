import AccessLogs

/// Every principal's hourly activity as a table: one row per principal
/// and UTC hour, the exchange format between StorageWatch and engines
/// that aggregate logs elsewhere (Apache Spark, Athena, BigQuery).
///
/// A table holds exactly what detection reads from logs, so detecting on
/// a table gives the findings of detecting on the logs it was computed
/// from. The columns, in order:
///
/// | Column | Type | Meaning |
/// |---|---|---|
/// | `principal` | text | the normalized principal |
/// | `principal_kind` | text | `user`, `role`, `role-session`, ... |
/// | `provider` | text | `aws`, `gcp` or `azure` |
/// | `hour` | text | the hour's start, `YYYY-MM-DDTHH:00:00Z` |
/// | `events` | integer | requests in the hour |
/// | `read` ... `other` | integer | requests per action category |
/// | `denied`, `errors` | integer | refused and otherwise failed requests |
/// | `bytes_out`, `bytes_in` | integer | bytes sent and received |
/// | `has_byte_counts` | boolean | whether any request logged bytes |
/// | `distinct_objects` | integer | distinct `bucket/key` touched |
/// | `distinct_objects_read` | integer | distinct objects read |
/// | `first_time_ns`, `last_time_ns` | integer | first, last request (ns) |
/// | `accounts` | JSON array | accounts whose storage was touched |
/// | `buckets` | JSON object | requests per bucket |
/// | `sources` | JSON object | requests per `kind:value` source |
/// | `user_agents` | JSON object | requests per user agent |
/// | `operations` | JSON object | requests per operation name |
/// | `sample_objects` | JSON array | the 5 smallest `bucket/key` strings |
/// | `sample_event_ids` | JSON array | the 5 smallest event or request ids |
///
/// The action columns are `read`, `write`, `delete`, `list`,
/// `metadata_read`, `permission_change` and `other`. A source is
/// `public:<address>`, `private:<endpoint>` (or `private:private` for a
/// private address without an endpoint) or `service:<name>`, as
/// ``SourceKey`` keys it; the network of a public address is derived
/// again when the table is read. When a table is read, the first hour of
/// each source, network, user agent, operation, bucket and action
/// category is the earliest row that holds it, as when logs are read.
///
/// Text cells may hold any Unicode; a CSV table is RFC 4180 (quoted
/// fields, doubled quotes, CRLF or LF) with a header row, and values are
/// written as they are: formula characters are not neutralized, since a
/// table is data for programs and must round-trip exactly.
public struct FeatureTable: Sendable, Hashable {
  /// Every principal's activity, keyed by principal.
  public var activity: [String: PrincipalActivity]

  /// The column names, in the order they are written.
  public static let columns: [String] =
    ["principal", "principal_kind", "provider", "hour", "events"]
    + ActionCategory.allCases.map(\.columnName)
    + [
      "denied", "errors", "bytes_out", "bytes_in", "has_byte_counts",
      "distinct_objects", "distinct_objects_read", "first_time_ns",
      "last_time_ns", "accounts", "buckets", "sources", "user_agents",
      "operations", "sample_objects", "sample_event_ids",
    ]

  /// Creates a table from activity, as ``ActivityAccumulator/finish()``
  /// returns it.
  ///
  /// - Parameter activity: Activity per principal.
  public init(activity: [String: PrincipalActivity]) {
    self.activity = activity
  }

  /// Rows in the table: active hours summed over principals.
  public var rowCount: Int { activity.values.reduce(0) { $0 + $1.hours.count } }

  /// Requests summed over every row.
  public var eventCount: Int {
    activity.values.reduce(0) { total, p in
      p.hours.reduce(total) { $0 + $1.events }
    }
  }

  /// The earliest `first_time_ns` of any row, or `nil` for an empty table.
  public var earliestTime: Timestamp? {
    activity.values.compactMap { $0.hours.first?.firstTime }.min()
  }

  /// The latest `last_time_ns` of any row, or `nil` for an empty table.
  public var latestTime: Timestamp? {
    activity.values.flatMap { $0.hours.map(\.lastTime) }.max()
  }

  /// The table with only the rows whose hour is in a range, and the
  /// first-seen hours recomputed from those rows, as reading only the
  /// events of those hours would give.
  ///
  /// - Parameter hours: Whole hours since the epoch.
  /// - Returns: The restricted table; principals left without rows are
  ///   left out.
  /// - Complexity: O(*r*) in the rows, plus the rebuild of each principal
  ///   with rows out of range.
  public func restricted(to hours: Range<Int>) -> FeatureTable {
    var result: [String: PrincipalActivity] = [:]
    for (name, principal) in activity {
      let kept = principal.hours(from: hours.lowerBound, to: hours.upperBound)
      guard !kept.isEmpty else { continue }
      if kept.count == principal.hours.count {
        result[name] = principal
        continue
      }
      var rebuilt = PrincipalActivity(
        principal: name, kind: principal.kind, provider: principal.provider)
      rebuilt.accounts = principal.accounts
      rebuilt.hours = Array(kept)
      rebuilt.deriveFirstSeen()
      result[name] = rebuilt
    }
    return FeatureTable(activity: result)
  }
}

extension ActionCategory {
  /// The category's column in a `FeatureTable`: its raw value with `-`
  /// as `_`.
  public var columnName: String {
    String(rawValue.map { $0 == "-" ? "_" : $0 })
  }
}

extension PrincipalActivity {
  /// Sets every first-seen map from ``hours``: each key's first hour is
  /// the earliest hour that used it.
  ///
  /// - Complexity: O(*k*) in the keys of all hours.
  mutating func deriveFirstSeen() {
    sourceFirstHour = [:]
    networkFirstHour = [:]
    userAgentFirstHour = [:]
    operationFirstHour = [:]
    bucketFirstHour = [:]
    actionFirstHour = [:]
    for hour in hours {
      let h = hour.hour
      for source in hour.sources.keys {
        sourceFirstHour.keepMin(source, h)
        if let network = source.network { networkFirstHour.keepMin(network, h) }
      }
      for agent in hour.userAgents.keys { userAgentFirstHour.keepMin(agent, h) }
      for name in hour.operations.keys { operationFirstHour.keepMin(name, h) }
      for bucket in hour.buckets.keys { bucketFirstHour.keepMin(bucket, h) }
      for (action, count) in hour.actions where count > 0 {
        actionFirstHour.keepMin(action, h)
      }
    }
  }
}
