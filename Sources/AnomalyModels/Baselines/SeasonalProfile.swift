import Foundation

/// How hours are grouped into seasonal slots, by local wall-clock time.
public enum SlotLayout: String, Sendable, Hashable, Codable {
  /// 168 slots: `weekday · 24 + hour`, Monday 00:00–00:59 is slot 0.
  case hourOfWeek
  /// 48 slots: `(weekend ? 24 : 0) + hour`, weekend = Saturday, Sunday.
  case hourOfDayByDayType

  /// Number of slots (168 or 48).
  public var slotCount: Int { self == .hourOfWeek ? 168 : 48 }

  /// The slot of an hour-of-week index (0..<168) in this layout.
  ///
  /// - Parameter hourOfWeek: `weekday · 24 + hour`, Monday = 0.
  /// - Returns: the slot index.
  /// - Complexity: O(1).
  public func slot(hourOfWeek: Int) -> Int {
    switch self {
    case .hourOfWeek: return hourOfWeek
    case .hourOfDayByDayType:
      return (hourOfWeek / 24 >= 5 ? 24 : 0) + hourOfWeek % 24
    }
  }
}

/// Expected events per hour for each of the 168 local hours of the week,
/// used as the prior of entities with little history (for example the
/// pooled profile of a peer group).
///
/// Memory: 168 doubles, or 336 when the profile keeps the exposures it
/// was pooled from.
public struct SeasonalProfile: Sendable, Hashable, Codable, SchemaVersioned {
  /// The encoded layout version this build reads and writes.
  static let currentSchemaVersion = 1
  /// Version of the encoded layout; decoding refuses any other with
  /// `ModelDecodingError.unsupportedSchemaVersion`.
  @CheckedSchemaVersion<SeasonalProfile>
  public private(set) var schemaVersion = SeasonalProfile.currentSchemaVersion
  /// Events per hour, hour-of-week order (Monday 00 first), all finite and
  /// ≥ 0.
  public let ratesPerHour: [Double]
  /// The (decayed) hours of observation behind each rate, hour-of-week
  /// order, when the profile was pooled from baselines; `nil` for a
  /// profile given as bare rates. Used to weight hours when they are
  /// grouped into coarser slots.
  public let exposureHours: [Double]?

  /// Wraps 168 hourly rates.
  ///
  /// - Parameters:
  ///   - ratesPerHour: 168 finite rates ≥ 0.
  ///   - exposureHours: `nil`, or 168 finite exposures ≥ 0 behind the
  ///     rates.
  /// - Complexity: O(1).
  public init(ratesPerHour: [Double], exposureHours: [Double]? = nil) {
    precondition(ratesPerHour.count == 168, "SeasonalProfile: need 168 rates")
    precondition(
      ratesPerHour.allSatisfy { $0 >= 0 && $0.isFinite },
      "SeasonalProfile: rates must be finite and >= 0")
    if let exposureHours {
      precondition(
        exposureHours.count == 168
          && exposureHours.allSatisfy { $0 >= 0 && $0.isFinite },
        "SeasonalProfile: need 168 finite exposures >= 0")
    }
    self.ratesPerHour = ratesPerHour
    self.exposureHours = exposureHours
  }

  /// A flat profile with the same rate in every hour.
  ///
  /// - Parameter ratePerHour: finite rate ≥ 0.
  /// - Complexity: O(1).
  public init(constant ratePerHour: Double) {
    self.init(ratesPerHour: Array(repeating: ratePerHour, count: 168))
  }

  /// Pools the raw decayed counts and exposures of several baselines:
  /// `rate_s = Σ counts_s / Σ exposure_s`, slots without exposure getting
  /// the pooled overall rate; an empty pool gives all zeros. The pooled
  /// exposures are kept in ``exposureHours``.
  ///
  /// - Parameter baselines: the peer group.
  /// - Complexity: O(168 · baselines).
  public init(pooling baselines: [SeasonalBaseline]) {
    var counts = [Double](repeating: 0, count: 168)
    var exposure = [Double](repeating: 0, count: 168)
    for baseline in baselines {
      let (c, e) = baseline.decayedSlots()
      for s in 0..<168 {
        counts[s] += c[s]
        exposure[s] += e[s]
      }
    }
    let totalExposure = exposure.reduce(0, +)
    let overall = totalExposure > 0 ? counts.reduce(0, +) / totalExposure : 0
    self.init(
      ratesPerHour: (0..<168).map {
        exposure[$0] > 0 ? counts[$0] / exposure[$0] : overall
      },
      exposureHours: exposure)
  }

  /// Mean of the 168 rates (events per hour over a week).
  public var overallRate: Double { ratesPerHour.reduce(0, +) / 168 }

  /// Rate of the hours that fall in `slot` of `layout`.
  ///
  /// For the 48-slot layout the member hours are weighted by
  /// ``exposureHours`` (`Σ rate_h · e_h / Σ e_h`, which is the pooled
  /// `Σ counts / Σ exposure` of the slot); a profile without exposures, or
  /// whose member hours have none, takes their plain mean.
  ///
  /// - Parameters:
  ///   - slot: slot index in the layout.
  ///   - layout: the layout.
  /// - Returns: events per hour.
  /// - Complexity: O(168) for the 48-slot layout, O(1) otherwise.
  public func rate(slot: Int, layout: SlotLayout) -> Double {
    if layout == .hourOfWeek { return ratesPerHour[slot] }
    var sum = 0.0
    var count = 0.0
    var weighted = 0.0
    var weight = 0.0
    for h in 0..<168 where layout.slot(hourOfWeek: h) == slot {
      sum += ratesPerHour[h]
      count += 1
      if let e = exposureHours?[h] {
        weighted += ratesPerHour[h] * e
        weight += e
      }
    }
    return weight > 0 ? weighted / weight : sum / count
  }
}
