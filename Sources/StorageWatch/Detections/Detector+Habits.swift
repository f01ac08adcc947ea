import AccessLogs
import Foundation

extension Detector {
  /// After-hours, new-source-address and unusual-operation: departures
  /// from the principal's own habits. All three need
  /// ``DetectionSettings/minimumActiveDays`` days of history.
  func habitSignals(_ s: HourStats, _ history: PrincipalHistory) -> [Signal] {
    guard history.activeDays >= settings.minimumActiveDays else { return [] }
    var signals: [Signal] = []
    if let signal = afterHours(s, history) { signals.append(signal) }
    signals += newSources(s, history)
    signals += unusualOperations(s, history)
    return signals
  }

  /// After-hours: activity outside business hours (local time, weekends
  /// included) in an hour of the day when the principal is rarely active,
  /// at least ``DetectionSettings/afterHoursMinimumDistance`` hours from
  /// the hours it usually works (working late is common; 03:00 is not).
  ///
  /// With `a` the history days active in this local hour of the day, `o`
  /// the days with any activity outside business hours, and `d` the days
  /// of history, the probabilities are estimated with half a day of prior
  /// as `q = (a + 0.5) / (d + 1)` and `r = (o + 0.5) / (d + 1)`; the
  /// surprise is `-log10(q · r)`. A night owl or a nightly job has large
  /// `q` and never fires.
  private func afterHours(_ s: HourStats, _ history: PrincipalHistory)
    -> Signal?
  {
    guard s.events >= settings.afterHoursMinimumEvents else { return nil }
    let local = LocalTime(
      hour: s.hour + history.inferredOffset, zone: settings.timeZone)
    guard !local.isBusinessHour(settings),
      history.hoursFromUsualDay(local.hourOfDay)
        >= settings.afterHoursMinimumDistance
    else { return nil }
    let d = Double(history.observedDays)
    let q =
      (Double(history.activeDaysByLocalHour[local.hourOfDay]) + 0.5) / (d + 1)
    let r = (Double(history.offHoursDays) + 0.5) / (d + 1)
    let surprise = -log10(q * r)
    guard surprise >= settings.threshold(.afterHours) else { return nil }
    let utc = LocalTime(hour: s.hour, zone: TimeZone(identifier: "UTC")!)
    let when = String(format: "%02d:00 UTC", utc.hourOfDay)
    let shift =
      history.inferredOffset == 0
      ? ""
      : String(format: " (%+d h from its usual day)", history.inferredOffset)
    return Signal(
      detection: .afterHours, hour: s.hour, measure: "active hour",
      observed: Double(s.events), expected: q, surprise: surprise,
      explanation:
        "\(s.events) requests at \(when)\(shift), "
        + "an hour it was active on \(history.activeDaysByLocalHour[local.hourOfDay]) "
        + "of \(history.observedDays) days")
  }

  /// New source address: a public address first used in this hour.
  ///
  /// The surprise is `-log10` of the principal's rate of days with a new
  /// address, `(n + 0.5) / (a + 1)` for `n` such days among `a` active
  /// days, halved (in log terms) when the address's /24 or /48 network
  /// was already known. Private networks and service names never fire.
  private func newSources(_ s: HourStats, _ history: PrincipalHistory)
    -> [Signal]
  {
    let rate =
      (Double(history.newAddressDays) + 0.5)
      / (Double(history.activeDays) + 1)
    var signals: [Signal] = []
    for (source, count) in s.sources.sorted(by: { $0.key < $1.key })
    where source.kind == .publicAddress
      && history.activity.sourceFirstHour[source] == s.hour
    {
      var surprise = -log10(rate)
      let knownNetwork =
        source.network.map {
          (history.activity.networkFirstHour[$0] ?? .max) < s.hour
        } ?? false
      if knownNetwork { surprise /= 2 }
      guard surprise >= settings.threshold(.newSourceAddress) else {
        continue
      }
      signals.append(
        Signal(
          detection: .newSourceAddress, hour: s.hour, measure: source.value,
          observed: Double(count), expected: rate, surprise: surprise,
          explanation:
            "first request from \(source.value)"
            + (knownNetwork ? " (its network was seen before)" : "")
            + "; new addresses appear on "
            + String(format: "%.0f%%", rate * 100) + " of its days"))
    }
    return signals
  }

  /// Unusual operation: an action category, operation, bucket or client
  /// the principal has never used, first used in this hour with at least
  /// three requests.
  ///
  /// Surprise: a new action category (a write-only role that starts
  /// reading) 4; a new operation 2.5; a new client family (the user
  /// agent's product token) 3; a new bucket 2. Several together add up.
  private func unusualOperations(
    _ s: HourStats, _ history: PrincipalHistory
  ) -> [Signal] {
    let activity = history.activity
    var parts: [String] = []
    var surprise = 0.0
    let newActions = s.actions.filter {
      $0.value >= 3 && activity.actionFirstHour[$0.key] == s.hour
    }.keys.map(\.rawValue).sorted()
    if !newActions.isEmpty {
      surprise += 4
      parts.append("first \(newActions.joined(separator: ", ")) requests")
    }
    let newOperations = s.operations.filter {
      $0.value >= 3 && activity.operationFirstHour[$0.key] == s.hour
    }.keys.sorted()
    if !newOperations.isEmpty && newActions.isEmpty {
      surprise += 2.5
      parts.append("new operations \(newOperations.joined(separator: ", "))")
    }
    let knownFamilies = Set(
      activity.userAgentFirstHour.filter { $0.value < s.hour }.keys.map(
        clientFamily))
    let newAgents = s.userAgents.filter {
      $0.value >= 3 && activity.userAgentFirstHour[$0.key] == s.hour
        && !knownFamilies.contains(clientFamily($0.key))
    }.keys.sorted()
    if !newAgents.isEmpty {
      surprise += 3
      parts.append("new client \(newAgents.joined(separator: ", "))")
    }
    let newBuckets = s.buckets.filter {
      $0.value >= 3 && activity.bucketFirstHour[$0.key] == s.hour
    }.keys.sorted()
    if !newBuckets.isEmpty {
      surprise += 2
      parts.append("new bucket \(newBuckets.prefix(3).joined(separator: ", "))")
    }
    guard surprise >= settings.threshold(.unusualOperation) else { return [] }
    return [
      Signal(
        detection: .unusualOperation, hour: s.hour, measure: "novelty",
        observed: Double(parts.count), expected: 0, surprise: surprise,
        explanation: parts.joined(separator: "; "))
    ]
  }
}

/// A user agent's product token: `aws-cli/2.17.60 Python/3.12` gives
/// `aws-cli`, `Boto3/1.34.0 md/Botocore#1.34.0` gives `boto3`, so that
/// version upgrades are not new clients.
func clientFamily(_ agent: String) -> String {
  let token = agent.split(
    whereSeparator: { $0 == "/" || $0 == " " || $0 == "," }
  ).first
  return token.map { $0.lowercased() } ?? ""
}
