import Foundation

/// Per-entity seasonal baseline of hourly event counts with exponential
/// forgetting and empirical-Bayes shrinkage.
///
/// Storage: for each of the 168 local hours of the week (assigned by the
/// wall-clock time in `configuration.timeZone`, so across a DST change
/// the repeated hour counts twice and the skipped hour not at all), the
/// decayed sum of counts, of squared counts and of observed hours
/// (exposure). Decay is `2^(−age / halfLife)`, applied lazily through a
/// reference time so an update is O(1); statistics are decayed to the
/// latest observation.
///
/// Estimation for a slot `g` of the active layout (168 slots, or 48 =
/// hour of day × weekday/weekend while fewer than
/// `fullLayoutMinimumHours` = 672 hours (4 weeks) have been observed):
///
/// - entity level `R* = (C + k₀ P̄) / (E + k₀)` with the peer profile's
///   overall rate `P̄` and `k₀ = peerStrengthHours`, or `R* = C / E`
///   without a peer profile (`C`, `E` the decayed totals);
/// - slot prior `m_g = R* · P_g / P̄` (peer shape) or `m_g = R*`;
/// - Gamma–Poisson posterior mean `λ_g = (c_g + k m_g) / (e_g + k)`, with
///   `k = R / τ²` chosen by the method of moments from the between-slot
///   variance `τ² = (Σ_g e_g (c_g/e_g − m_g)² − (G − 1) R φ) / E` (slots
///   with exposure, `R = C/E`, `φ` the dispersion below), clamped to
///   `[0.001, 10 · max(E, 1)]` hours; `τ² ≤ 0` gives the upper clamp
///   (full pooling);
/// - dispersion `φ = (Σ q_g − Σ c_g²/e_g) / C` (pooled within-slot
///   variance over mean of the hourly counts); when `φ > 1` and at least
///   `minimumHours` were observed, the tail uses a negative binomial with
///   size `μ / (φ − 1)`, otherwise Poisson.
///
/// With no history the estimate is the peer profile; with long history
/// `e_g ≫ k` and it is the entity's own slot rate. Without a peer profile
/// and fewer than `minimumHours` observed, the state is
/// `.insufficientHistory`.
///
/// Memory per entity: 3 × 168 doubles plus about 80 bytes, about 4.1 KB.
public struct SeasonalBaseline: Sendable, Hashable, Codable, SchemaVersioned {
  /// Settings shared by the entities of a population.
  public struct Configuration: Sendable, Hashable, Codable {
    /// Time zone whose wall-clock hours define the slots.
    public var timeZone: TimeZone
    /// Half-life of the forgetting, in seconds (default 14 days).
    public var halfLife: Double
    /// Observed hours needed for the 168-slot layout (default 672).
    public var fullLayoutMinimumHours: Double
    /// Observed hours needed without a peer profile (default 24).
    public var minimumHours: Double
    /// Prior strength of the peer overall rate, in hours (default 168).
    public var peerStrengthHours: Double

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - timeZone: slot time zone (default UTC).
    ///   - halfLife: seconds, > 0 (default 14 days).
    ///   - fullLayoutMinimumHours: ≥ 0 (default 672).
    ///   - minimumHours: ≥ 0 (default 24).
    ///   - peerStrengthHours: > 0 (default 168).
    /// - Complexity: O(1).
    public init(
      timeZone: TimeZone = TimeZone(identifier: "UTC")!,
      halfLife: Double = 14 * 86_400, fullLayoutMinimumHours: Double = 672,
      minimumHours: Double = 24, peerStrengthHours: Double = 168
    ) {
      precondition(halfLife > 0, "SeasonalBaseline: halfLife must be > 0")
      precondition(peerStrengthHours > 0, "SeasonalBaseline: bad strength")
      self.timeZone = timeZone
      self.halfLife = halfLife
      self.fullLayoutMinimumHours = fullLayoutMinimumHours
      self.minimumHours = minimumHours
      self.peerStrengthHours = peerStrengthHours
    }
  }

  /// Whether the baseline can produce expectations on its own.
  public enum State: Sendable, Hashable {
    /// Fewer than `requiredHours` observed (and no peer profile given).
    case insufficientHistory(observedHours: Double, requiredHours: Double)
    /// Ready, with the active layout.
    case ready(SlotLayout)
  }

  /// An expectation for one hour (or a number of hours) in one slot.
  public struct Estimate: Sendable, Hashable {
    /// Expected events in the requested hours, `ratePerHour · hours`.
    public var expectedCount: Double
    /// Posterior events per hour `λ_g`.
    public var ratePerHour: Double
    /// Slot index in `layout`.
    public var slot: Int
    /// Active layout.
    public var layout: SlotLayout
    /// Weight of the prior, `k / (e_g + k)` in [0, 1].
    public var priorWeight: Double
    /// Negative binomial size when over-dispersed, else `nil` (Poisson).
    public var negativeBinomialSize: Double?
  }

  /// Result of `expectation(at:hours:peer:)`.
  public enum Expectation: Sendable, Hashable {
    /// Not enough history and no peer profile.
    case insufficientHistory(observedHours: Double, requiredHours: Double)
    /// The estimate.
    case expected(Estimate)
  }

  /// The encoded layout version this build reads and writes.
  static let currentSchemaVersion = 1
  /// Version of the encoded layout; decoding refuses any other with
  /// `ModelDecodingError.unsupportedSchemaVersion`.
  @CheckedSchemaVersion<SeasonalBaseline>
  public private(set) var schemaVersion = SeasonalBaseline.currentSchemaVersion
  /// The settings.
  public let configuration: Configuration
  private var counts = [Double](repeating: 0, count: 168)
  private var squares = [Double](repeating: 0, count: 168)
  private var exposure = [Double](repeating: 0, count: 168)
  private var referenceTime = 0.0
  /// Undecayed number of observed hours.
  public private(set) var observedHours = 0.0
  /// Latest observation time (seconds since 1970), if any.
  public private(set) var lastTime: Double?

  /// Creates an empty baseline.
  ///
  /// - Parameter configuration: the settings.
  /// - Complexity: O(1).
  public init(configuration: Configuration = Configuration()) {
    self.configuration = configuration
  }

  /// Hour-of-week index (Monday 00 = 0) of an instant by wall-clock time
  /// in the configured time zone.
  ///
  /// - Parameter date: the instant.
  /// - Returns: `weekday · 24 + hour` in 0..<168.
  /// - Complexity: O(1) (one Foundation `TimeZone.secondsFromGMT(for:)`).
  public func hourOfWeek(_ date: Date) -> Int {
    let t = date.timeIntervalSince1970
    let local = t + Double(configuration.timeZone.secondsFromGMT(for: date))
    let days = (local / 86_400).rounded(.down)
    let hour = Int(((local - days * 86_400) / 3600).rounded(.down))
    // 1970-01-01 was a Thursday (Monday-based weekday 3).
    let weekday = ((Int(days) + 3) % 7 + 7) % 7
    return weekday * 24 + min(max(hour, 0), 23)
  }

  /// Records the event count of one observed hour.
  ///
  /// Hours with no events must be recorded with `count: 0`, since they are
  /// the exposure. Observations may arrive out of order.
  ///
  /// - Parameters:
  ///   - count: events in the hour, finite and ≥ 0.
  ///   - date: any instant within the hour.
  /// - Complexity: O(1) amortized (O(168) once per 50 half-lives).
  public mutating func observe(count: Double, hourStarting date: Date) {
    precondition(
      count >= 0 && count.isFinite, "SeasonalBaseline: count must be >= 0")
    let t = date.timeIntervalSince1970
    if lastTime == nil {
      referenceTime = t
    } else if (t - referenceTime) / configuration.halfLife > 50 {
      rebase(to: t)
    }
    lastTime = max(lastTime ?? t, t)
    let weight = Foundation.exp2((t - referenceTime) / configuration.halfLife)
    let s = hourOfWeek(date)
    counts[s] += weight * count
    squares[s] += weight * count * count
    exposure[s] += weight
    observedHours += 1
  }

  /// Readiness without a peer profile.
  public var state: State {
    if observedHours < configuration.minimumHours {
      return .insufficientHistory(
        observedHours: observedHours,
        requiredHours: configuration.minimumHours)
    }
    return .ready(layout)
  }

  /// The active layout: 48 slots below `fullLayoutMinimumHours` observed
  /// hours, else 168.
  public var layout: SlotLayout {
    observedHours < configuration.fullLayoutMinimumHours
      ? .hourOfDayByDayType : .hourOfWeek
  }

  /// Posterior expectation for `hours` hours starting at `date`.
  ///
  /// - Parameters:
  ///   - date: an instant in the hour to predict.
  ///   - hours: exposure of the prediction, > 0 (default 1).
  ///   - peer: optional peer-group profile used as the prior.
  /// - Returns: `.expected` with the estimate, or `.insufficientHistory`
  ///   when there is no peer profile and fewer than `minimumHours` hours.
  /// - Complexity: O(168).
  public func expectation(
    at date: Date, hours: Double = 1, peer: SeasonalProfile? = nil
  ) -> Expectation {
    precondition(hours > 0, "SeasonalBaseline: hours must be > 0")
    if peer == nil,
      case .insufficientHistory(let observed, let required) =
        state
    {
      return .insufficientHistory(
        observedHours: observed, requiredHours: required)
    }
    let layout = self.layout
    let g = layout.slot(hourOfWeek: hourOfWeek(date))
    let (c, q, e) = groupedSlots(layout)
    let totalCounts = c.reduce(0, +)
    let totalExposure = e.reduce(0, +)

    // Priors.
    let peerOverall = peer?.overallRate ?? 0
    let level: Double
    if peer != nil {
      let k0 = configuration.peerStrengthHours
      level = (totalCounts + k0 * peerOverall) / (totalExposure + k0)
    } else {
      level = totalExposure > 0 ? totalCounts / totalExposure : 0
    }
    func prior(_ slot: Int) -> Double {
      guard let peer, peerOverall > 0 else { return level }
      return level * peer.rate(slot: slot, layout: layout) / peerOverall
    }

    // Dispersion of hourly counts.
    var within = 0.0
    for s in 0..<layout.slotCount where e[s] > 0 {
      within += q[s] - c[s] * c[s] / e[s]
    }
    let dispersion = totalCounts > 0 ? max(within / totalCounts, 0) : 1

    // Method-of-moments prior strength.
    let overall = totalExposure > 0 ? totalCounts / totalExposure : 0
    var between = 0.0
    var slotsWithExposure = 0.0
    for s in 0..<layout.slotCount where e[s] > 0 {
      let deviation = c[s] / e[s] - prior(s)
      between += e[s] * deviation * deviation
      slotsWithExposure += 1
    }
    let upper = 10 * max(totalExposure, 1)
    var k = upper
    if totalExposure > 0 {
      let noise = max(slotsWithExposure - 1, 0) * overall * max(dispersion, 1)
      let tau2 = (between - noise) / totalExposure
      if tau2 > 0 { k = min(max(overall / tau2, 1e-3), upper) }
    }

    let m = prior(g)
    let rate = (c[g] + k * m) / (e[g] + k)
    let size: Double? =
      dispersion > 1 + 1e-9 && observedHours >= configuration.minimumHours
        && rate > 0 ? rate * hours / (dispersion - 1) : nil
    return .expected(
      Estimate(
        expectedCount: rate * hours, ratePerHour: rate, slot: g,
        layout: layout, priorWeight: k / (e[g] + k),
        negativeBinomialSize: size))
  }

  /// Upper-tail score of an observed count against `expectation`.
  ///
  /// - Parameters:
  ///   - observed: events seen in the `hours` starting at `date`.
  ///   - date: an instant in that hour.
  ///   - hours: exposure, > 0 (default 1).
  ///   - peer: optional peer profile.
  /// - Returns: the score, or `nil` when the history is insufficient.
  /// - Complexity: O(168) plus the tail evaluation.
  public func tailScore(
    observed: Double, at date: Date, hours: Double = 1,
    peer: SeasonalProfile? = nil
  ) -> CountTail.Score? {
    guard
      case .expected(let estimate) =
        expectation(at: date, hours: hours, peer: peer)
    else { return nil }
    return CountTail.score(
      observed: observed, expected: estimate.expectedCount,
      size: estimate.negativeBinomialSize)
  }

  /// The entity's own posterior rates as a profile (168 hours; in the
  /// 48-slot layout each hour gets its slot's rate); zeros while
  /// insufficient.
  ///
  /// - Parameter peer: optional prior profile.
  /// - Returns: the profile.
  /// - Complexity: O(168²).
  public func profile(peer: SeasonalProfile? = nil) -> SeasonalProfile {
    var rates = [Double](repeating: 0, count: 168)
    // 2024-01-01 00:00 UTC is a Monday; walk its week in local time.
    let monday = 1_704_067_200.0
    let offset = Double(
      configuration.timeZone.secondsFromGMT(
        for: Date(timeIntervalSince1970: monday)))
    for h in 0..<168 {
      let date = Date(timeIntervalSince1970: monday - offset + Double(h) * 3600)
      if case .expected(let e) = expectation(at: date, peer: peer) {
        rates[hourOfWeek(date)] = e.ratePerHour
      }
    }
    return SeasonalProfile(ratesPerHour: rates)
  }

  /// Decayed counts and exposures per hour of week, at `lastTime`.
  func decayedSlots() -> (counts: [Double], exposure: [Double]) {
    let f = decayFactor
    return (counts.map { $0 * f }, exposure.map { $0 * f })
  }

  private var decayFactor: Double {
    guard let lastTime else { return 0 }
    return Foundation.exp2(-(lastTime - referenceTime) / configuration.halfLife)
  }

  private func groupedSlots(_ layout: SlotLayout)
    -> (counts: [Double], squares: [Double], exposure: [Double])
  {
    let f = decayFactor
    var c = [Double](repeating: 0, count: layout.slotCount)
    var q = c
    var e = c
    for h in 0..<168 {
      let g = layout.slot(hourOfWeek: h)
      c[g] += counts[h] * f
      q[g] += squares[h] * f
      e[g] += exposure[h] * f
    }
    return (c, q, e)
  }

  private mutating func rebase(to time: Double) {
    let f = Foundation.exp2(-(time - referenceTime) / configuration.halfLife)
    for s in 0..<168 {
      counts[s] *= f
      squares[s] *= f
      exposure[s] *= f
    }
    referenceTime = time
  }
}
