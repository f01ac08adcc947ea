import AccessLogs
import AnomalyModels
import Foundation

extension Detector {
  /// The half-life, in hours, of the moving average that explanations
  /// show beside the seasonal baseline.
  public static let explanationHalfLifeHours = 24.0

  /// What the detector sees of some principals: their hours against their
  /// seasonal baselines, their robust covariance models and their
  /// findings, computed exactly as ``detect(_:window:dataStart:)`` does.
  ///
  /// The requests baseline, its band and the weekly profile use the peer
  /// profile of the principal's kind when the principal has fewer than
  /// ``DetectionSettings/minimumActiveDays`` active days, as the count
  /// detections do (a finding's `timeline` never uses it). The moving
  /// average is `EWMA(.halfLife(24))` with pandas' `adjust: true` and
  /// unbiased variance, updated hour by hour, zeros included; each hour
  /// shows the state before the hour was added.
  ///
  /// - Parameters:
  ///   - activity: Every principal's activity, as for `detect`; peers are
  ///     pooled from all of them.
  ///   - principals: The principals to explain; each must be a key of
  ///     `activity`.
  ///   - window: The hours judged.
  ///   - dataStart: The first hour with data.
  /// - Returns: One explanation per principal, in the order given.
  /// - Complexity: That of `detect` plus O(*H*) per principal explained
  ///   for *H* hours of history and window.
  public func explain(
    _ activity: [String: PrincipalActivity], principals: [String],
    window: Range<Int>, dataStart: Int
  ) -> [PrincipalExplanation] {
    precondition(
      principals.allSatisfy { activity[$0] != nil },
      "explain: every principal must have activity")
    let (histories, peers) = histories(
      activity, window: window, dataStart: dataStart)
    let findings = Dictionary(
      grouping: detect(activity, window: window, dataStart: dataStart),
      by: \.principal)
    return principals.map { principal in
      let history = histories[principal]!
      let compared = history.activeDays < settings.minimumActiveDays
      let peer = compared ? peers[history.activity.kind] : nil
      let baseline = history.baselines[.events]!
      return PrincipalExplanation(
        principal: principal, principalKind: history.activity.kind,
        window: .init(
          start: Timestamp(secondsSinceEpoch: Int64(window.lowerBound) * 3600),
          end: Timestamp(secondsSinceEpoch: Int64(window.upperBound) * 3600)),
        historyStart: Timestamp(
          secondsSinceEpoch: Int64(history.historyStart) * 3600),
        timeZoneIdentifier: settings.timeZoneIdentifier,
        activeDays: history.activeDays, comparedWithPeers: compared,
        layout: baseline.layout,
        weeklyProfile: baseline.profile(peer: peer).ratesPerHour,
        ewmaHalfLifeHours: Detector.explanationHalfLifeHours,
        hours: explainedHours(history, window: window, peer: peer),
        covariance: explainedCovariance(history, window: window),
        findings: findings[principal] ?? [])
    }
  }

  /// The expected count of a seasonal baseline in an hour and the top of
  /// its usual band, three standard deviations above; zeros while the
  /// baseline has too little history.
  static func band(
    _ baseline: SeasonalBaseline, hour: Int, peer: SeasonalProfile?
  ) -> (expected: Double, upper: Double) {
    let date = Date(timeIntervalSince1970: Double(hour) * 3600)
    guard case .expected(let e) = baseline.expectation(at: date, peer: peer)
    else { return (0, 0) }
    let expected = e.expectedCount
    let variance =
      expected + (e.negativeBinomialSize.map { expected * expected / $0 } ?? 0)
    return (expected, expected + 3 * variance.squareRoot())
  }

  private func explainedHours(
    _ history: PrincipalHistory, window: Range<Int>, peer: SeasonalProfile?
  ) -> [PrincipalExplanation.Hour] {
    let baseline = history.baselines[.events]!
    var active: [Int: HourStats] = [:]
    for s in history.activity.hours(
      from: history.historyStart, to: window.upperBound)
    {
      active[s.hour] = s
    }
    var average = EWMA(.halfLife(Detector.explanationHalfLifeHours))
    return (history.historyStart..<window.upperBound).map { hour in
      let s = active[hour]
      let (expected, upper) = Detector.band(baseline, hour: hour, peer: peer)
      let mean = average.mean
      let sd = average.standardDeviation
      let point = PrincipalExplanation.Hour(
        time: Timestamp(secondsSinceEpoch: Int64(hour) * 3600),
        hourOfWeek: baseline.hourOfWeek(
          Date(timeIntervalSince1970: Double(hour) * 3600)),
        inWindow: window.contains(hour), requests: s?.events ?? 0,
        reads: s?.reads ?? 0, deletes: s?.deletes ?? 0,
        enumerations: s?.enumerations ?? 0, denied: s?.denied ?? 0,
        expected: expected, upper: upper,
        ewmaMean: mean.isNaN ? nil : mean,
        ewmaUpper: sd.isNaN ? nil : mean + 3 * sd)
      average.update(Double(s?.events ?? 0))
      return point
    }
  }

  private func explainedCovariance(
    _ history: PrincipalHistory, window: Range<Int>
  ) -> PrincipalExplanation.Covariance? {
    guard let model = ExfiltrationModel(history, settings: settings) else {
      return nil
    }
    func row(_ s: HourStats, d2: Double, inWindow: Bool, support: Bool)
      -> PrincipalExplanation.Distance
    {
      let point = model.point(s, history.activity)
      let parts = model.distance.attribution(point)
      return PrincipalExplanation.Distance(
        time: Timestamp(secondsSinceEpoch: Int64(s.hour) * 3600),
        inWindow: inWindow, inSupport: support, squaredDistance: d2,
        surprise: model.surprise(squaredDistance: d2),
        values: point.map { expm1($0) },
        shares: parts.map { d2 > 0 ? $0 / d2 : 0 })
    }
    var rows: [PrincipalExplanation.Distance] = []
    for (i, s) in history.hours.enumerated() {
      rows.append(
        row(
          s, d2: model.historyDistances[i], inWindow: false,
          support: model.fit.support[i]))
    }
    for s in history.activity.hours(
      from: window.lowerBound, to: window.upperBound)
    {
      let d2 = model.distance.squaredDistance(model.point(s, history.activity))
      rows.append(row(s, d2: d2, inWindow: true, support: false))
    }
    return PrincipalExplanation.Covariance(
      features: model.columns.map { Detector.exfiltrationFeatures[$0] },
      typical: model.distance.location.map { expm1($0) },
      historyHours: history.hours.count,
      supportHours: model.fit.support.filter { $0 }.count,
      calibrationScale: model.scale, historyQuantile99: model.quantile99,
      hours: rows)
  }
}
