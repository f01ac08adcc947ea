import AccessLogs

extension Finding {
  /// Groups a principal's signals into findings: signals in hours at most
  /// two apart (adjacent, or with one quiet hour between) belong to one
  /// incident.
  ///
  /// - Parameters:
  ///   - signals: One principal's signals, in any order.
  ///   - activity: That principal's activity, for the finding's details.
  ///   - settings: The thresholds, for scoring.
  /// - Returns: One finding per group.
  static func merge(
    _ signals: [Signal], activity: PrincipalActivity,
    settings: DetectionSettings
  ) -> [Finding] {
    let sorted = signals.sorted {
      ($0.hour, $0.detection, $0.measure) < ($1.hour, $1.detection, $1.measure)
    }
    var groups: [[Signal]] = []
    for signal in sorted {
      if let last = groups.last?.last, signal.hour - last.hour <= 2 {
        groups[groups.count - 1].append(signal)
      } else {
        groups.append([signal])
      }
    }
    return groups.map { make($0, activity, settings) }
  }

  private static func make(
    _ signals: [Signal], _ activity: PrincipalActivity,
    _ settings: DetectionSettings
  ) -> Finding {
    let first = signals.first!.hour
    let last = signals.last!.hour
    let hours = activity.hours(from: first, to: last + 1)
    let (score, primary) = Finding.score(signals, settings: settings)

    var buckets: [String: Int] = [:]
    var sources: [SourceKey: Int] = [:]
    var agents: [String: Int] = [:]
    var events = 0
    var bytes: Int64 = 0
    var hasBytes = false
    var objects: [String] = []
    var ids: [String] = []
    for s in hours {
      events += s.events
      bytes = bytes.saturatingAdd(s.bytesOut)
      hasBytes = hasBytes || s.hasByteCounts
      buckets.merge(s.buckets, uniquingKeysWith: +)
      sources.merge(s.sources, uniquingKeysWith: +)
      agents.merge(s.userAgents, uniquingKeysWith: +)
      for o in s.sampleObjects where objects.count < 5 { objects.append(o) }
      for i in s.sampleEventIDs where ids.count < 5 { ids.append(i) }
    }
    func byCount<K: Comparable>(_ d: [K: Int]) -> [K] {
      d.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
    }
    let sourceList = byCount(sources).prefix(20).map { key in
      Source(
        address: key.value, kind: key.kind.rawValue,
        isNew: key.kind == .publicAddress
          && (activity.sourceFirstHour[key] ?? .min) >= first,
        requests: sources[key] ?? 0)
    }
    let primarySignal = signals.filter { $0.detection == primary }.max {
      $0.surprise < $1.surprise
    }!
    let others = Set(signals.map(\.detection)).subtracting([primary])
    var summary =
      "\(primary.rawValue): \(primarySignal.explanation)"
    if !others.isEmpty {
      summary +=
        "; also " + others.sorted().map(\.rawValue).joined(separator: ", ")
    }
    let start = Timestamp(secondsSinceEpoch: Int64(first) * 3600)
    let end = Timestamp(secondsSinceEpoch: Int64(last + 1) * 3600)
    return Finding(
      id: findingID(activity.principal, first, primary),
      detection: primary, signals: signals,
      severity: Severity(score: score), score: score,
      principal: activity.principal, principalKind: activity.kind,
      provider: activity.provider, accounts: activity.accounts.sorted(),
      buckets: Array(byCount(buckets).prefix(10)), start: start, end: end,
      sources: Array(sourceList), userAgents: Array(byCount(agents).prefix(5)),
      eventCount: events, bytesOut: hasBytes ? bytes : nil,
      sampleObjects: objects, sampleEventIDs: ids, summary: summary,
      timeline: [])
  }

  private static func findingID(
    _ principal: String, _ hour: Int, _ kind: DetectionKind
  ) -> String {
    let hash = fnv1a([principal, String(hour), kind.rawValue])
    return "SW-" + String(hash, radix: 16, uppercase: true)
  }
}
