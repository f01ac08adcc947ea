import Foundation

/// Exponentially weighted moving mean and variance, matching pandas
/// `Series.ewm(...).mean()` and `.var(bias:)` and updated one value at a
/// time.
///
/// With decay factor `f = 1 − α` per observation (or `f = 2^(−Δt/h)` over
/// an elapsed time `Δt` with half-life `h` seconds) the recursion is the
/// one pandas uses: weights of past values are multiplied by `f`, the new
/// value gets weight 1 (`adjust: true`) or `1 − f` (`adjust: false`, after
/// which the accumulated weight is renormalized to 1; `1 − f = α` for
/// regular steps), and
///
///     mean  = (w_old · mean + w_new · x) / (w_old + w_new)
///     varB  = (w_old · (varB + (mean_old − mean)²) + w_new · (x − mean)²)
///             / (w_old + w_new)
///     var   = varB · S² / (S² − S₂)      (bias: false)
///
/// where `S` and `S₂` are the sums of weights and of squared weights.
///
/// Warm-up: before any value `mean` and `variance` are NaN; after the first
/// value `mean` is that value and `variance` is 0 with `bias: true` and NaN
/// with `bias: false` (as pandas, whose unbiased correction is undefined
/// for a single weight). NaN inputs are skipped and leave the state
/// unchanged (pandas `ignore_na=True`); with time decay, the elapsed time
/// still counts at the next real value.
///
/// Memory per entity: 9 stored words plus the configuration, about 100
/// bytes.
public struct EWMA: Sendable, Hashable, Codable, SchemaVersioned {
  /// How fast old values fade.
  public enum Decay: Sendable, Hashable, Codable {
    /// Smoothing factor `α` in (0, 1].
    case alpha(Double)
    /// Span `s ≥ 1`: `α = 2 / (s + 1)`.
    case span(Double)
    /// Half-life in observations `h > 0`: `α = 1 − exp(−ln 2 / h)`.
    case halfLife(Double)
    /// Half-life in seconds for irregular times (pandas
    /// `ewm(halflife=h, times=...)`); use `update(_:at:)`.
    case halfLifeSeconds(Double)
  }

  /// The encoded layout version this build reads and writes.
  static let currentSchemaVersion = 1
  /// Version of the encoded layout; decoding refuses any other with
  /// `ModelDecodingError.unsupportedSchemaVersion`.
  @CheckedSchemaVersion<EWMA>
  public private(set) var schemaVersion = EWMA.currentSchemaVersion
  /// The configured decay.
  public let decay: Decay
  /// pandas `adjust`: `true` uses the finite-history weights, `false` the
  /// recursive form `mean = (1 − α) mean + α x`.
  public let adjust: Bool
  /// pandas `bias` for `variance`: `true` is the weighted population
  /// variance, `false` applies the effective-sample-size correction.
  public let bias: Bool

  /// Number of non-NaN values seen.
  public private(set) var count = 0
  private var currentMean = 0.0
  private var biasedVariance = 0.0
  private var sumWeights = 0.0
  private var sumSquaredWeights = 0.0
  private var oldWeight = 0.0
  /// Time of the last value, for time-decayed updates.
  public private(set) var lastTime: Double?

  /// Creates an empty average.
  ///
  /// - Parameters:
  ///   - decay: `α`, span, half-life in observations or in seconds.
  ///   - adjust: pandas `adjust` (default `true`).
  ///   - bias: pandas `bias` for `variance` (default `false`).
  /// - Complexity: O(1).
  public init(_ decay: Decay, adjust: Bool = true, bias: Bool = false) {
    switch decay {
    case .alpha(let a):
      precondition(a > 0 && a <= 1, "EWMA: alpha must be in (0, 1]")
    case .span(let s):
      precondition(s >= 1, "EWMA: span must be >= 1")
    case .halfLife(let h), .halfLifeSeconds(let h):
      precondition(h > 0 && h.isFinite, "EWMA: half-life must be > 0")
    }
    self.decay = decay
    self.adjust = adjust
    self.bias = bias
  }

  /// Smoothing factor per observation: `α`, `2/(span+1)`, or
  /// `1 − exp(−ln 2 / h)`; 0.5 for a half-life in seconds, where the
  /// effective factor per update is `1 − 2^(−Δt/h)`.
  public var alpha: Double {
    switch decay {
    case .alpha(let a): return a
    case .span(let s): return 2 / (s + 1)
    case .halfLife(let h): return -Foundation.expm1(-Foundation.log(2.0) / h)
    case .halfLifeSeconds: return 0.5
    }
  }

  /// Current weighted mean; NaN before the first value.
  public var mean: Double { count == 0 ? .nan : currentMean }

  /// Current weighted variance per `bias`; NaN before the first value, and
  /// with `bias: false` also while `S² − S₂ ≤ 0` (the first value).
  public var variance: Double {
    if count == 0 { return .nan }
    if bias { return biasedVariance }
    let numerator = sumWeights * sumWeights
    let denominator = numerator - sumSquaredWeights
    return denominator > 0 ? numerator / denominator * biasedVariance : .nan
  }

  /// Square root of `variance`.
  public var standardDeviation: Double { variance.squareRoot() }

  /// Adds one value with the per-observation decay.
  ///
  /// - Parameter value: the new value; NaN is skipped.
  /// - Complexity: O(1).
  public mutating func update(_ value: Double) {
    if case .halfLifeSeconds = decay {
      preconditionFailure("EWMA: a half-life in seconds needs update(_:at:)")
    }
    apply(value, factor: 1 - alpha)
  }

  /// Adds one value observed at `time`, decaying the old weights by
  /// `2^(−Δt/h)` for a half-life in seconds, or by `1 − α` per call for
  /// the other decays.
  ///
  /// - Parameters:
  ///   - value: the new value; NaN is skipped.
  ///   - time: seconds on any fixed clock, non-decreasing across calls.
  /// - Complexity: O(1).
  public mutating func update(_ value: Double, at time: Double) {
    guard case .halfLifeSeconds(let h) = decay else {
      update(value)
      return
    }
    if value.isNaN { return }
    var factor = 1.0
    if let lastTime {
      precondition(time >= lastTime, "EWMA: times must not decrease")
      factor = Foundation.exp2(-(time - lastTime) / h)
    }
    lastTime = time
    apply(value, factor: factor)
  }

  /// Adds one value observed at `date` (see `update(_:at:)`).
  ///
  /// - Parameters:
  ///   - value: the new value; NaN is skipped.
  ///   - date: observation time, non-decreasing across calls.
  /// - Complexity: O(1).
  public mutating func update(_ value: Double, at date: Date) {
    update(value, at: date.timeIntervalSince1970)
  }

  /// `(x − mean) / standardDeviation`; NaN during warm-up or when the
  /// variance is 0.
  ///
  /// - Parameter value: the value to score.
  /// - Returns: the standard score.
  /// - Complexity: O(1).
  public func standardScore(of value: Double) -> Double {
    let sd = standardDeviation
    return sd > 0 ? (value - mean) / sd : .nan
  }

  private mutating func apply(_ value: Double, factor: Double) {
    if value.isNaN { return }
    if count == 0 {
      count = 1
      currentMean = value
      biasedVariance = 0
      sumWeights = 1
      sumSquaredWeights = 1
      oldWeight = 1
      return
    }
    count += 1
    let newWeight = adjust ? 1 : 1 - factor
    sumWeights *= factor
    sumSquaredWeights *= factor * factor
    oldWeight *= factor
    let oldMean = currentMean
    if currentMean != value {
      currentMean =
        (oldWeight * oldMean + newWeight * value) / (oldWeight + newWeight)
    }
    let meanShift = oldMean - currentMean
    let deviation = value - currentMean
    biasedVariance =
      (oldWeight * (biasedVariance + meanShift * meanShift)
        + newWeight * deviation * deviation) / (oldWeight + newWeight)
    sumWeights += newWeight
    sumSquaredWeights += newWeight * newWeight
    oldWeight += newWeight
    if !adjust {
      sumWeights /= oldWeight
      sumSquaredWeights /= oldWeight * oldWeight
      oldWeight = 1
    }
  }
}
