import Foundation

/// Upper-tail surprise of an observed event count under an expected rate.
///
/// `surprise = −log10 Pr(X ≥ k)` where `X` is Poisson with mean `μ`, or
/// negative binomial with mean `μ` and size `r` (variance `μ + μ²/r`) when
/// the history is over-dispersed. Probabilities are computed in log space
/// from the regularized incomplete gamma and beta functions, so the
/// surprise stays accurate far below `Double.leastNormalMagnitude`; it is
/// clamped to `CountTail.maximumSurprise` (300).
public enum CountTail {
  /// Largest surprise returned; also the value for "impossible" counts
  /// such as `k > 0` under `μ = 0`.
  public static let maximumSurprise = 300.0

  /// Which count distribution produced a score.
  public enum Model: Sendable, Hashable, Codable {
    /// Poisson with the expected mean.
    case poisson
    /// Negative binomial with the given size `r` (variance `μ + μ²/r`).
    case negativeBinomial(size: Double)
  }

  /// An upper-tail score of one observed count.
  public struct Score: Sendable, Hashable, Codable {
    /// The observed count `k`.
    public var observed: Double
    /// The expected mean `μ`.
    public var expected: Double
    /// `log10 Pr(X ≥ k)`, finite unless the probability is exactly 0.
    public var log10PValue: Double
    /// `min(−log10 Pr(X ≥ k), maximumSurprise)`, ≥ 0.
    public var surprise: Double
    /// The distribution used.
    public var model: Model

    /// `Pr(X ≥ k)`, which underflows to 0 beyond about 1e-308.
    public var pValue: Double { Foundation.pow(10, log10PValue) }
  }

  /// Poisson upper tail `Pr(X ≥ k) = P(k, μ)` (regularized lower
  /// incomplete gamma), equal to scipy's `poisson.sf(k − 1, μ)`.
  ///
  /// - Parameters:
  ///   - observed: count `k`; non-integers are rounded up (the event
  ///     `X ≥ k` for integer `X`); `k ≤ 0` scores 0.
  ///   - expected: mean `μ ≥ 0`; `μ = 0` with `k > 0` scores the maximum.
  /// - Returns: the score; NaN input gives surprise 0 and NaN p.
  /// - Complexity: O(√k) at worst, usually O(1).
  public static func poisson(observed: Double, expected: Double) -> Score {
    let k = observed.rounded(.up)
    let logP: Double
    if observed.isNaN || expected.isNaN || expected < 0 {
      logP = .nan
    } else if k <= 0 {
      logP = 0
    } else if expected == 0 {
      logP = -.infinity
    } else {
      logP = SpecialFunctions.logRegularizedGamma(k, expected).logP
    }
    return makeScore(observed, expected, logP, .poisson)
  }

  /// Negative binomial upper tail `Pr(X ≥ k) = I_{μ/(r+μ)}(k, r)`
  /// (regularized incomplete beta), equal to scipy's
  /// `nbinom.sf(k − 1, r, r/(r+μ))`.
  ///
  /// - Parameters:
  ///   - observed: count `k`, rounded up; `k ≤ 0` scores 0.
  ///   - expected: mean `μ ≥ 0`.
  ///   - size: `r > 0`; `r = +infinity` falls back to Poisson.
  /// - Returns: the score.
  /// - Complexity: O(√max(k, r)) at worst.
  public static func negativeBinomial(
    observed: Double, expected: Double, size: Double
  ) -> Score {
    precondition(size > 0, "negativeBinomial: size must be positive")
    if size == .infinity {
      return poisson(observed: observed, expected: expected)
    }
    let k = observed.rounded(.up)
    let logP: Double
    if observed.isNaN || expected.isNaN || expected < 0 {
      logP = .nan
    } else if k <= 0 {
      logP = 0
    } else if expected == 0 {
      logP = -.infinity
    } else {
      let x = expected / (size + expected)
      let y = size / (size + expected)
      logP = SpecialFunctions.logRegularizedBeta(k, size, x: x, y: y).logI
    }
    return makeScore(observed, expected, logP, .negativeBinomial(size: size))
  }

  /// Method-of-moments negative binomial size from a history's mean and
  /// variance: `r = mean² / (variance − mean)`, or `nil` (use Poisson)
  /// when the history is not over-dispersed (`variance ≤ mean`), is empty
  /// or has zero mean.
  ///
  /// - Parameters:
  ///   - mean: sample mean of past counts.
  ///   - variance: sample variance of past counts.
  /// - Returns: the size `r`, or `nil` for Poisson.
  /// - Complexity: O(1).
  public static func momentSize(mean: Double, variance: Double) -> Double? {
    guard mean > 0, variance.isFinite, variance > mean * (1 + 1e-9) else {
      return nil
    }
    return mean * mean / (variance - mean)
  }

  /// Score under a history-chosen model: negative binomial with
  /// `size` when over-dispersed, else Poisson.
  ///
  /// - Parameters:
  ///   - observed: count `k`.
  ///   - expected: mean `μ` for this observation.
  ///   - size: size from `momentSize(mean:variance:)`, `nil` for Poisson.
  /// - Returns: the score.
  /// - Complexity: as the chosen model.
  public static func score(
    observed: Double, expected: Double, size: Double?
  ) -> Score {
    if let size {
      return negativeBinomial(
        observed: observed, expected: expected, size: size)
    }
    return poisson(observed: observed, expected: expected)
  }

  private static func makeScore(
    _ observed: Double, _ expected: Double, _ logP: Double, _ model: Model
  ) -> Score {
    let log10P = min(logP / Foundation.log(10.0), 0)
    let surprise: Double
    if log10P.isNaN {
      surprise = 0
    } else {
      surprise = min(max(-log10P, 0), maximumSurprise)
    }
    return Score(
      observed: observed, expected: expected,
      log10PValue: logP.isNaN ? .nan : log10P, surprise: surprise,
      model: model)
  }
}
