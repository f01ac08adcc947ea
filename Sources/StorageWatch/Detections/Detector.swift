import AccessLogs
import AnomalyModels
import Foundation

/// Runs every detection over each principal's window hours and merges the
/// signals into findings.
///
/// Baselines are learned from the hours in
/// `[windowStart - historyDays·24, windowStart)`; the window's own hours
/// are never part of the baseline they are judged against. Principals with
/// little history are compared with the pooled profile of principals of
/// the same kind (the peer group), so a new principal still gets a
/// baseline.
public struct Detector: Sendable {
  /// The settings in force.
  public var settings: DetectionSettings

  /// Creates a detector.
  ///
  /// - Parameter settings: Thresholds, floors, history and time zone.
  public init(settings: DetectionSettings = DetectionSettings()) {
    self.settings = settings
  }

  /// Detects abnormal activity in a window.
  ///
  /// - Parameters:
  ///   - activity: Every principal's activity, from
  ///     ``ActivityAccumulator``.
  ///   - window: The hours to judge, as whole hours since the epoch.
  ///   - dataStart: The first hour with data; history before it is not
  ///     counted as silence.
  /// - Returns: Findings, highest score first.
  /// - Complexity: O(*P* · *H*) for *P* principals and *H* history hours,
  ///   plus a robust covariance fit per principal.
  public func detect(
    _ activity: [String: PrincipalActivity], window: Range<Int>,
    dataStart: Int
  ) -> [Finding] {
    let (histories, peers) = histories(
      activity, window: window, dataStart: dataStart)

    var findings: [Finding] = []
    for principal in activity.keys.sorted() {
      let history = histories[principal]!
      let windowHours = history.activity.hours(
        from: window.lowerBound, to: window.upperBound)
      guard !windowHours.isEmpty else { continue }
      let peer =
        history.activeDays < settings.minimumActiveDays
        ? peers[history.activity.kind] : nil
      var signals: [Signal] = []
      for hour in windowHours {
        signals += countSignals(hour, history, peer: peer)
        signals += habitSignals(hour, history)
      }
      signals += exfiltrationSignals(Array(windowHours), history)
      signals += sustainedVolumeSignals(Array(windowHours), history)
      var merged = Finding.merge(
        signals, activity: history.activity, settings: settings)
      for i in merged.indices {
        merged[i].timeline = timeline(merged[i], history, window: window)
      }
      findings += merged
    }
    return findings.sorted {
      ($0.score, $1.principal, $1.start) > ($1.score, $0.principal, $0.start)
    }
  }

  /// Every principal's history before the window and the peer profiles
  /// pooled from them.
  func histories(
    _ activity: [String: PrincipalActivity], window: Range<Int>,
    dataStart: Int
  ) -> (
    histories: [String: PrincipalHistory],
    peers: [PrincipalKind: SeasonalProfile]
  ) {
    let historyStart = min(
      window.lowerBound,
      max(dataStart, window.lowerBound - settings.historyDays * 24))
    let histories = activity.mapValues {
      PrincipalHistory(
        $0, historyStart: historyStart, windowStart: window.lowerBound,
        settings: settings)
    }
    return (histories, peerProfiles(histories))
  }

  /// Whether the detector, run with `settings`, would emit a signal that
  /// it emitted under lower thresholds.
  ///
  /// Every detection keeps a signal when its surprise reaches the
  /// detection's threshold, except enumeration's `new buckets` signal,
  /// which fires on novelty and is kept from three below the threshold
  /// (see ``countSignals(_:_:peer:)``). Thresholds only filter signals and
  /// never change their surprise, so threshold tuning can run the detector
  /// once at the lowest thresholds of its grid and filter with this.
  ///
  /// - Parameters:
  ///   - signal: A signal from a run with thresholds at or below
  ///     `settings`' thresholds (and otherwise the same settings).
  ///   - settings: The settings to judge it by.
  /// - Returns: Whether a run with `settings` emits the signal.
  static func keeps(_ signal: Signal, under settings: DetectionSettings)
    -> Bool
  {
    let threshold = settings.threshold(signal.detection)
    if signal.detection == .enumeration && signal.measure == "new buckets" {
      return signal.surprise >= threshold - 3
    }
    return signal.surprise >= threshold
  }

  /// Requests per hour from 12 hours before a finding to 12 hours after
  /// it (within the history and the window), against the baseline.
  private func timeline(
    _ finding: Finding, _ history: PrincipalHistory, window: Range<Int>
  ) -> [TimelinePoint] {
    let first = ActivityAccumulator.hour(of: finding.start)
    let last = ActivityAccumulator.hour(of: finding.end)
    let from = max(history.historyStart, first - 12)
    let to = min(window.upperBound, last + 12)
    guard from < to, let baseline = history.baselines[.events] else {
      return []
    }
    var observed: [Int: Int] = [:]
    for s in history.activity.hours(from: from, to: to) {
      observed[s.hour] = s.events
    }
    return (from..<to).map { hour in
      let (expected, upper) = Detector.band(baseline, hour: hour, peer: nil)
      return TimelinePoint(
        time: Timestamp(secondsSinceEpoch: Int64(hour) * 3600),
        observed: observed[hour] ?? 0, expected: expected, upper: upper)
    }
  }

  /// Pooled hour-of-week profiles of event counts per principal kind.
  func peerProfiles(
    _ histories: [String: PrincipalHistory]
  ) -> [PrincipalKind: SeasonalProfile] {
    var byKind: [PrincipalKind: [SeasonalBaseline]] = [:]
    for key in histories.keys.sorted() {
      let history = histories[key]!
      guard history.activeDays >= settings.minimumActiveDays,
        let baseline = history.baselines[.events]
      else { continue }
      byKind[history.activity.kind, default: []].append(baseline)
    }
    return byKind.mapValues { SeasonalProfile(pooling: $0) }
  }
}
