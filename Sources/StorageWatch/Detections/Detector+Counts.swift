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

  /// Bytes out far above the principal's usual hours: a robust z-score of
  /// log(1 + bytes) against its active history hours, counted with the
  /// bulk-download detection.
  private func bytesSignal(_ s: HourStats, _ history: PrincipalHistory)
    -> Signal?
  {
    guard s.hasByteCounts, s.bytesOut >= 1 << 30, s.reads > 0 else {
      return nil
    }
    let past = history.hours.filter { $0.hasByteCounts }.map {
      log1p(Double($0.bytesOut))
    }
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
