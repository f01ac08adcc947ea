import Foundation

/// Errors for data that cannot produce a robust scale.
public enum RobustScaleError: Error, Sendable, Hashable {
  /// No finite values were given.
  case noFiniteValues(count: Int)
}

/// Robust centre and spread of a sample: the median and the normalized
/// median absolute deviation, with a documented fallback when the MAD is 0.
///
/// `scale = 1.482602218505602 · median(|x − median(x)|)`, the constant being
/// `1 / Φ⁻¹(3/4)` as in scipy's `median_abs_deviation(scale='normal')`.
/// When that is 0 (common for sparse counts), the scale falls back to the
/// mean absolute deviation around the median times `√(π/2) ≈ 1.2533`
/// (consistent for the normal), and when that is also 0 (all values equal)
/// to the Poisson spread `√max(median, 1)`. The scale is therefore always
/// finite and positive, and `method` records which rule produced it.
///
/// Memory per entity: 4 words.
public struct RobustScale: Sendable, Hashable, Codable, SchemaVersioned {
  /// Which rule produced `scale`.
  public enum Method: String, Sendable, Hashable, Codable {
    /// `1.482602218505602 · MAD`.
    case medianAbsoluteDeviation
    /// `1.2533141373155 · mean |x − median|`, used when the MAD is 0.
    case meanAbsoluteDeviation
    /// `√max(median, 1)`, used when every value equals the median.
    case poisson
  }

  /// `1 / Φ⁻¹(3/4)`, the normal-consistency constant for the MAD.
  public static let madToSigma = 1.482602218505602
  /// `√(π/2)`, the normal-consistency constant for the mean absolute
  /// deviation.
  public static let meanDeviationToSigma = 1.2533141373155003

  /// The encoded layout version this build reads and writes.
  static let currentSchemaVersion = 1
  /// Version of the encoded layout; decoding refuses any other with
  /// `ModelDecodingError.unsupportedSchemaVersion`.
  @CheckedSchemaVersion<RobustScale>
  public private(set) var schemaVersion = RobustScale.currentSchemaVersion
  /// Median of the finite values.
  public var median: Double
  /// Robust standard deviation, always finite and > 0.
  public var scale: Double
  /// Rule that produced `scale`.
  public var method: Method
  /// Number of finite values used.
  public var count: Int

  /// Creates a scale from known parts.
  ///
  /// - Parameters:
  ///   - median: the centre.
  ///   - scale: the spread, > 0.
  ///   - method: the rule that produced it.
  ///   - count: number of values.
  /// - Complexity: O(1).
  public init(median: Double, scale: Double, method: Method, count: Int) {
    precondition(scale > 0 && scale.isFinite, "RobustScale: bad scale")
    self.median = median
    self.scale = scale
    self.method = method
    self.count = count
  }

  /// Fits the median and robust scale of `values`, ignoring NaN and
  /// infinite entries.
  ///
  /// - Parameter values: the sample.
  /// - Throws: `RobustScaleError.noFiniteValues` when nothing finite is
  ///   left.
  /// - Complexity: O(n log n).
  public init(fitting values: some Sequence<Double>) throws(RobustScaleError) {
    var sorted = values.filter { $0.isFinite }
    guard !sorted.isEmpty else {
      throw .noFiniteValues(count: sorted.count)
    }
    sorted.sort()
    self = RobustScale.fromSorted(sorted)
  }

  /// `(x − median) / scale`, never infinite for finite `x`.
  ///
  /// - Parameter value: the value to score.
  /// - Returns: the robust z-score; NaN for NaN.
  /// - Complexity: O(1).
  public func zScore(_ value: Double) -> Double {
    (value - median) / scale
  }

  /// Builds the scale from an ascending, finite, non-empty array.
  static func fromSorted(_ sorted: [Double]) -> RobustScale {
    let median = RobustScale.median(ofSorted: sorted)
    var deviations = sorted.map { abs($0 - median) }
    deviations.sort()
    let mad = RobustScale.median(ofSorted: deviations)
    if mad > 0 {
      return RobustScale(
        median: median, scale: madToSigma * mad,
        method: .medianAbsoluteDeviation, count: sorted.count)
    }
    let meanDeviation =
      deviations.reduce(0, +) / Double(deviations.count)
    if meanDeviation > 0 {
      return RobustScale(
        median: median, scale: meanDeviationToSigma * meanDeviation,
        method: .meanAbsoluteDeviation, count: sorted.count)
    }
    return RobustScale(
      median: median, scale: max(median, 1).squareRoot(), method: .poisson,
      count: sorted.count)
  }

  /// Same as `fromSorted` for finite, non-empty values in any order, by
  /// quickselect: O(n) instead of O(n log n).
  static func fromUnsorted(_ values: [Double]) -> RobustScale {
    var scratch = values
    let median = selectMedian(&scratch)
    var deviations = values.map { abs($0 - median) }
    let mad = selectMedian(&deviations)
    if mad > 0 {
      return RobustScale(
        median: median, scale: madToSigma * mad,
        method: .medianAbsoluteDeviation, count: values.count)
    }
    let meanDeviation = deviations.reduce(0, +) / Double(deviations.count)
    if meanDeviation > 0 {
      return RobustScale(
        median: median, scale: meanDeviationToSigma * meanDeviation,
        method: .meanAbsoluteDeviation, count: values.count)
    }
    return RobustScale(
      median: median, scale: max(median, 1).squareRoot(), method: .poisson,
      count: values.count)
  }

  /// Median by quickselect (mean of the middle two for even counts);
  /// reorders `values`.
  static func selectMedian(_ values: inout [Double]) -> Double {
    let n = values.count
    let upper = MCDKernel.kthSmallest(&values, n / 2)
    if n % 2 == 1 { return upper }
    // After selection every value left of n/2 is ≤ upper.
    let lower = values[0..<(n / 2)].max()!
    return 0.5 * (lower + upper)
  }

  /// Median of an ascending non-empty array (mean of the middle two for
  /// even counts, as numpy).
  static func median(ofSorted sorted: [Double]) -> Double {
    let n = sorted.count
    if n % 2 == 1 { return sorted[n / 2] }
    return 0.5 * (sorted[n / 2 - 1] + sorted[n / 2])
  }
}

/// Robust z-score over a sliding window of the last `capacity` finite
/// values.
///
/// Each `score` uses the `RobustScale` (median, MAD × 1.482602218505602 and
/// its fallbacks) of the values currently in the window, before the scored
/// value is added; `push` then inserts it and drops the oldest once the
/// window is full.
///
/// Memory per entity: `2 · capacity` doubles plus a few words.
public struct SlidingRobustZScore: Sendable, Hashable, Codable, SchemaVersioned
{
  /// The encoded layout version this build reads and writes.
  static let currentSchemaVersion = 1
  /// Version of the encoded layout; decoding refuses any other with
  /// `ModelDecodingError.unsupportedSchemaVersion`.
  @CheckedSchemaVersion<SlidingRobustZScore>
  public private(set) var schemaVersion = SlidingRobustZScore
    .currentSchemaVersion
  /// Maximum number of values in the window.
  public let capacity: Int
  private var ring: [Double] = []
  private var next = 0
  private var sorted: [Double] = []

  /// Creates an empty window.
  ///
  /// - Parameter capacity: window length, ≥ 1.
  /// - Complexity: O(1).
  public init(capacity: Int) {
    precondition(capacity >= 1, "SlidingRobustZScore: capacity must be >= 1")
    self.capacity = capacity
  }

  /// Number of values in the window.
  public var count: Int { sorted.count }

  /// Robust scale of the window, or `nil` while it is empty.
  ///
  /// - Complexity: O(w log w) for window length w.
  public var currentScale: RobustScale? {
    sorted.isEmpty ? nil : RobustScale.fromSorted(sorted)
  }

  /// Robust z-score of `value` against the current window, or `nil` while
  /// the window is empty.
  ///
  /// - Parameter value: the value to score.
  /// - Returns: `(value − median) / scale`.
  /// - Complexity: O(w log w).
  public func score(_ value: Double) -> Double? {
    currentScale?.zScore(value)
  }

  /// Adds a value, evicting the oldest when full; NaN and infinities are
  /// ignored.
  ///
  /// - Parameter value: the new value.
  /// - Complexity: O(w).
  public mutating func push(_ value: Double) {
    guard value.isFinite else { return }
    if ring.count < capacity {
      ring.append(value)
    } else {
      let old = ring[next]
      ring[next] = value
      next = (next + 1) % capacity
      if let index = lowerBound(old) { sorted.remove(at: index) }
    }
    let position = lowerBound(value) ?? sorted.count
    sorted.insert(value, at: position)
  }

  /// Scores `value` against the window, then pushes it.
  ///
  /// - Parameter value: the new value.
  /// - Returns: the score before insertion, `nil` for the first value.
  /// - Complexity: O(w log w).
  public mutating func scoreAndPush(_ value: Double) -> Double? {
    let result = score(value)
    push(value)
    return result
  }

  private func lowerBound(_ value: Double) -> Int? {
    var low = 0
    var high = sorted.count
    while low < high {
      let mid = (low + high) / 2
      if sorted[mid] < value { low = mid + 1 } else { high = mid }
    }
    return low < sorted.count ? low : nil
  }
}
