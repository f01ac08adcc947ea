import AccessLogs
import AnomalyModels
import Foundation

extension Detector {
  /// Bulk-download, mass-deletion and enumeration: counts in one hour far
  /// above what the principal's seasonal baseline expects for that hour of
  /// the week.
  ///
  /// A count fires when all three hold: it reaches its floor (reads 100,
  /// deletes 50, listing and inspection 30, denied 10 by default), it is
  /// at least ``DetectionSettings/minimumRatio`` times the expected count,
  /// and its tail probability under the baseline (negative binomial when
  /// the principal's hourly counts are over-dispersed, Poisson otherwise)
  /// is below 10^-threshold. Enumeration also fires when an hour touches
  /// ``DetectionSettings/newBucketFloor`` buckets the principal never
  /// touched before.
  func countSignals(
    _ s: HourStats, _ history: PrincipalHistory, peer: SeasonalProfile?
  ) -> [Signal] {
    var signals: [Signal] = []
    func check(
      _ metric: PrincipalHistory.Metric, _ kind: DetectionKind,
      floor: Int, noun: String
    ) {
      let observed = metric.value(s)
      guard observed >= Double(floor),
        let score = history.tail(metric, s, peer: peer),
        observed >= settings.minimumRatio * score.expected,
        score.surprise >= settings.threshold(kind)
      else { return }
      signals.append(
        Signal(
          detection: kind, hour: s.hour, measure: noun,
          observed: observed, expected: score.expected,
          surprise: score.surprise,
          explanation:
            "\(Int(observed)) \(noun) in one hour where "
            + (score.expected < 0.05
              ? "almost none are usual"
              : "about \(format(score.expected)) are usual")))
    }
    check(.reads, .bulkDownload, floor: settings.bulkReadFloor, noun: "reads")
    if signals.isEmpty,
      let record = recordVolume(s, history, floor: settings.bulkReadFloor)
    {
      signals.append(record)
    }
    check(
      .deletes, .massDeletion, floor: settings.deleteFloor, noun: "deletes")
    check(
      .enumerations, .enumeration, floor: settings.enumerationFloor,
      noun: "listing and inspection calls")
    check(
      .denied, .enumeration, floor: settings.deniedFloor,
      noun: "access-denied calls")

    let newBuckets = history.activity.bucketFirstHour.values.filter {
      $0 == s.hour
    }.count
    if newBuckets >= settings.newBucketFloor,
      history.activeDays >= settings.minimumActiveDays
    {
      let known = max(
        1, history.activity.bucketFirstHour.values.filter { $0 < s.hour }.count)
      let surprise = min(
        10, Double(newBuckets) / Double(known) * 3 + 3)
      if surprise >= settings.threshold(.enumeration) - 3 {
        signals.append(
          Signal(
            detection: .enumeration, hour: s.hour, measure: "new buckets",
            observed: Double(newBuckets), expected: 0, surprise: surprise,
            explanation:
              "touched \(newBuckets) buckets never touched before "
              + "(\(known) known)"))
      }
    }
    if let bytes = bytesSignal(s, history) { signals.append(bytes) }
    return signals
  }

  /// Sustained volume: bytes sent over the trailing 12 hours at least
  /// ``DetectionSettings/recordRatio`` times the most the principal ever
  /// sent in 12 hours of its history, and at least 10 GiB. It catches
  /// exfiltration paced to stay under every hourly threshold. Reported
  /// once, at the first hour that crosses, as a bulk-download signal at
  /// its threshold. Needs ``DetectionSettings/minimumActiveDays`` days.
  func sustainedVolumeSignals(
    _ window: [HourStats], _ history: PrincipalHistory
  ) -> [Signal] {
    guard history.activeDays >= settings.minimumActiveDays,
      let firstWindowHour = window.first?.hour
    else { return [] }
    let span = 12
    var bytesByHour: [Int: Int64] = [:]
    for s in history.hours { bytesByHour[s.hour] = s.bytesOut }
    for s in window { bytesByHour[s.hour] = s.bytesOut }
    func trailing(_ end: Int) -> Int64 {
      (end - span + 1...end).reduce(0) { $0 + (bytesByHour[$1] ?? 0) }
    }
    var most: Int64 = 0
    for s in history.hours { most = max(most, trailing(s.hour)) }
    guard most > 0 else { return [] }
    for s in window where s.hour >= firstWindowHour {
      let total = trailing(s.hour)
      if total >= 10 << 30,
        Double(total) >= settings.recordRatio * Double(most)
      {
        return [
          Signal(
            detection: .bulkDownload, hour: s.hour,
            measure: "bytes out (12 h)", observed: Double(total),
            expected: Double(most),
            surprise: settings.threshold(.bulkDownload),
            explanation:
              "\(bytesText(Double(total))) sent in 12 hours, "
              + "\(format(Double(total) / Double(most))) times the most it "
              + "sent in any 12 hours of its history")
        ]
      }
    }
    return []
  }

  /// Record volume: reads at least ``DetectionSettings/recordRatio`` times
  /// the principal's busiest history hour (and above the floor), for
  /// principals whose hourly counts vary so much that the negative
  /// binomial tail stays modest. It needs 24 active history hours and
  /// ``DetectionSettings/minimumActiveDays`` days, and is reported at the
  /// bulk-download threshold.
  private func recordVolume(
    _ s: HourStats, _ history: PrincipalHistory, floor: Int
  ) -> Signal? {
    guard history.activeDays >= settings.minimumActiveDays,
      history.hours.count >= 24, s.reads >= floor
    else { return nil }
    let busiest = history.hours.map(\.reads).max() ?? 0
    guard Double(s.reads) >= settings.recordRatio * Double(max(busiest, 1))
    else { return nil }
    return Signal(
      detection: .bulkDownload, hour: s.hour, measure: "reads (record)",
      observed: Double(s.reads), expected: Double(busiest),
      surprise: settings.threshold(.bulkDownload),
      explanation:
        "\(s.reads) reads in one hour, \(format(Double(s.reads) / Double(max(busiest, 1))))"
        + " times its busiest hour in the history (\(busiest))")
  }

  /// Bytes out far above the principal's usual hours: a robust z-score of
  /// log(1 + bytes) against its active history hours, counted with the
  /// bulk-download detection.
  private func bytesSignal(_ s: HourStats, _ history: PrincipalHistory)
    -> Signal?
  {
    guard s.hasByteCounts, s.bytesOut >= 1 << 30, s.reads > 0 else {
      return nil
    }
    // Hours that read something: zero-byte hours (listing, writing) would
    // widen the spread and hide a download.
    let past = history.hours.filter {
      $0.hasByteCounts && $0.reads > 0 && $0.bytesOut > 0
    }.map { log1p(Double($0.bytesOut)) }
    guard past.count >= 24, let robust = try? RobustScale(fitting: past) else {
      return nil
    }
    let z = (log1p(Double(s.bytesOut)) - robust.median) / robust.scale
    // One-sided normal tail, -log10 P(Z >= z).
    let surprise = -log10(max(0.5 * erfc(z / 2.0.squareRoot()), 1e-300))
    let typical = expm1(robust.median)
    guard surprise >= settings.threshold(.bulkDownload),
      Double(s.bytesOut) >= settings.minimumRatio * 4 * max(typical, 1)
    else { return nil }
    return Signal(
      detection: .bulkDownload, hour: s.hour, measure: "bytes out",
      observed: Double(s.bytesOut), expected: typical, surprise: surprise,
      explanation:
        "\(bytesText(Double(s.bytesOut))) sent in one hour where "
        + "\(bytesText(typical)) is usual")
  }
}

/// A count for sentences: whole numbers as such, small ones with a
/// decimal.
func format(_ value: Double) -> String {
  if value >= 10 { return String(Int(value.rounded())) }
  if value < 0.05 { return "almost none" }
  return String(format: "%.1f", value)
}

/// Bytes in binary units for sentences.
func bytesText(_ bytes: Double) -> String {
  let units = ["B", "KiB", "MiB", "GiB", "TiB"]
  var value = bytes
  var unit = 0
  while value >= 1024 && unit < units.count - 1 {
    value /= 1024
    unit += 1
  }
  return unit == 0
    ? "\(Int(value)) B" : String(format: "%.1f %@", value, units[unit])
}
