import Foundation

/// Special functions used by the tail scores and the MCD cut-offs.
///
/// Regularized incomplete gamma and beta functions are computed with a
/// power series or a modified-Lentz continued fraction (the split points of
/// Numerical Recipes, own implementation) and are available in log space so
/// that far-tail probabilities far below `Double.leastNormalMagnitude` keep
/// full relative accuracy. The log prefactor `x^a e^{-x} / Γ(a)` uses
/// Loader's deviance form (`bd0`) and the Stirling remainder for `a ≥ 10`,
/// which avoids cancellation when `a` and `x` are large and close.
public enum SpecialFunctions {
  /// Natural logarithm of `|Γ(x)|` (Foundation `lgamma`).
  ///
  /// - Parameter x: any real; poles (0, −1, …) give `+infinity`.
  /// - Returns: `log|Γ(x)|`; NaN for NaN input.
  /// - Complexity: O(1).
  public static func logGamma(_ x: Double) -> Double {
    Foundation.lgamma(x)
  }

  /// Regularized lower incomplete gamma `P(a, x) = γ(a, x) / Γ(a)`.
  ///
  /// - Parameters:
  ///   - a: shape, `a > 0`.
  ///   - x: argument, `x ≥ 0`; `P(a, 0) = 0`, `P(a, ∞) = 1`.
  /// - Returns: `P(a, x)` in [0, 1]; NaN when `a ≤ 0`, `x < 0` or either
  ///   is NaN.
  /// - Complexity: O(√a) iterations at worst, typically under 100.
  public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
    let (logP, logQ) = logRegularizedGamma(a, x)
    return logP > logQ ? -Foundation.expm1(logQ) : Foundation.exp(logP)
  }

  /// Regularized upper incomplete gamma `Q(a, x) = 1 − P(a, x)`.
  ///
  /// - Parameters:
  ///   - a: shape, `a > 0`.
  ///   - x: argument, `x ≥ 0`; `Q(a, 0) = 1`.
  /// - Returns: `Q(a, x)` in [0, 1], accurate in relative terms in the
  ///   upper tail; NaN for invalid input as for `regularizedGammaP`.
  /// - Complexity: as `regularizedGammaP`.
  public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
    let (logP, logQ) = logRegularizedGamma(a, x)
    return logQ > logP ? -Foundation.expm1(logP) : Foundation.exp(logQ)
  }

  /// Natural logs of `P(a, x)` and `Q(a, x)`, each accurate in relative
  /// terms even when the value underflows a `Double`.
  ///
  /// The smaller of the two is computed directly (series for `P` when
  /// `x < a + 1`, continued fraction for `Q` otherwise) and the larger as
  /// `log1p(−smaller)`.
  ///
  /// - Parameters:
  ///   - a: shape, `a > 0`.
  ///   - x: argument, `x ≥ 0`.
  /// - Returns: `(logP, logQ)`; `(−∞, 0)` at `x = 0`, `(NaN, NaN)` for
  ///   invalid input.
  /// - Complexity: as `regularizedGammaP`.
  public static func logRegularizedGamma(
    _ a: Double, _ x: Double
  ) -> (logP: Double, logQ: Double) {
    guard a > 0, x >= 0, a.isFinite, !x.isNaN else { return (.nan, .nan) }
    if x == 0 { return (-.infinity, 0) }
    if x == .infinity { return (0, -.infinity) }
    if x < a + 1 {
      let logP = logGammaSeries(a, x)
      return (logP, log1mexp(logP))
    }
    let logQ = logGammaContinuedFraction(a, x)
    return (log1mexp(logQ), logQ)
  }

  /// Regularized incomplete beta `I_x(a, b)`.
  ///
  /// - Parameters:
  ///   - a: first shape, `a > 0`.
  ///   - b: second shape, `b > 0`.
  ///   - x: argument in [0, 1].
  /// - Returns: `I_x(a, b)` in [0, 1]; NaN for invalid input.
  /// - Complexity: O(√max(a, b)) continued-fraction terms at worst.
  public static func regularizedBeta(
    _ a: Double, _ b: Double, x: Double
  ) -> Double {
    let (logI, logComplement) = logRegularizedBeta(a, b, x: x, y: 1 - x)
    return logI > logComplement
      ? -Foundation.expm1(logComplement) : Foundation.exp(logI)
  }

  /// Natural logs of `I_x(a, b)` and `1 − I_x(a, b) = I_y(b, a)`.
  ///
  /// Pass `y = 1 − x` computed without rounding when it is available
  /// (for example `x = μ/(r+μ)`, `y = r/(r+μ)`), which keeps the far tail
  /// accurate.
  ///
  /// - Parameters:
  ///   - a: first shape, `a > 0`.
  ///   - b: second shape, `b > 0`.
  ///   - x: argument in [0, 1].
  ///   - y: `1 − x`.
  /// - Returns: `(logI, logComplement)`; NaN pair for invalid input.
  /// - Complexity: as `regularizedBeta`.
  public static func logRegularizedBeta(
    _ a: Double, _ b: Double, x: Double, y: Double
  ) -> (logI: Double, logComplement: Double) {
    guard a > 0, b > 0, x >= 0, x <= 1, y >= 0, y <= 1 else {
      return (.nan, .nan)
    }
    if x == 0 { return (-.infinity, 0) }
    if y == 0 { return (0, -.infinity) }
    let logFront =
      logGamma(a + b) - logGamma(a) - logGamma(b) + a * Foundation.log(x)
      + b * Foundation.log(y)
    if x < (a + 1) / (a + b + 2) {
      let logI =
        logFront + Foundation.log(betaContinuedFraction(a, b, x))
        - Foundation.log(a)
      return (logI, log1mexp(logI))
    }
    let logComplement =
      logFront + Foundation.log(betaContinuedFraction(b, a, y))
      - Foundation.log(b)
    return (log1mexp(logComplement), logComplement)
  }

  /// Chi-square cumulative distribution `P(k/2, x/2)`.
  ///
  /// - Parameters:
  ///   - x: value; negative values give 0.
  ///   - degreesOfFreedom: `k > 0`.
  /// - Returns: `Pr(χ²_k ≤ x)`; NaN for NaN input or `k ≤ 0`.
  /// - Complexity: as `regularizedGammaP`.
  public static func chiSquareCDF(
    _ x: Double, degreesOfFreedom: Double
  ) -> Double {
    if x <= 0 { return degreesOfFreedom > 0 ? 0 : .nan }
    return regularizedGammaP(degreesOfFreedom / 2, x / 2)
  }

  /// Chi-square survival function `Q(k/2, x/2) = Pr(χ²_k > x)`, accurate
  /// in relative terms in the upper tail.
  ///
  /// - Parameters:
  ///   - x: value; negative values give 1.
  ///   - degreesOfFreedom: `k > 0`.
  /// - Returns: the upper-tail probability; NaN for NaN input or `k ≤ 0`.
  /// - Complexity: as `regularizedGammaP`.
  public static func chiSquareSF(
    _ x: Double, degreesOfFreedom: Double
  ) -> Double {
    if x <= 0 { return degreesOfFreedom > 0 ? 1 : .nan }
    return regularizedGammaQ(degreesOfFreedom / 2, x / 2)
  }

  /// Chi-square quantile (inverse CDF), e.g. `chiSquareQuantile(0.975,
  /// degreesOfFreedom: p)` for the MCD reweighting cut-off.
  ///
  /// Starts from the Wilson–Hilferty approximation and refines with
  /// safeguarded Newton steps on whichever of `P` or `Q` is smaller, to a
  /// relative accuracy of about 1e-14.
  ///
  /// - Parameters:
  ///   - probability: in [0, 1]; 0 gives 0 and 1 gives `+infinity`.
  ///   - degreesOfFreedom: `k > 0`.
  /// - Returns: `x` with `Pr(χ²_k ≤ x) = probability`; NaN when the
  ///   probability is outside [0, 1], NaN, or `k ≤ 0`.
  /// - Complexity: O(1) Newton steps, each as `regularizedGammaP`.
  public static func chiSquareQuantile(
    _ probability: Double, degreesOfFreedom: Double
  ) -> Double {
    let k = degreesOfFreedom
    guard probability >= 0, probability <= 1, k > 0, k.isFinite else {
      return .nan
    }
    if probability == 0 { return 0 }
    if probability == 1 { return .infinity }
    let upper = probability > 0.5
    let target = upper ? 1 - probability : probability
    let logTarget = Foundation.log(target)
    let z = normalQuantile(probability)
    let c = 2 / (9 * k)
    var x = k * Foundation.pow(max(1 - c + z * c.squareRoot(), 0.01), 3)
    if !(x > 0) || !x.isFinite { x = k }
    var low = 0.0
    var high = Double.infinity
    for _ in 0..<200 {
      let (logP, logQ) = logRegularizedGamma(k / 2, x / 2)
      let logValue = upper ? logQ : logP
      // P increases with x; Q decreases.
      let tooHigh = upper ? logValue < logTarget : logValue > logTarget
      if tooHigh { high = x } else { low = x }
      let logDensity =
        (k / 2 - 1) * Foundation.log(x / 2) - x / 2 - logGamma(k / 2)
        - Foundation.log(2.0)
      // d(log value)/dx = ± density / value.
      let slope = Foundation.exp(logDensity - logValue) * (upper ? -1 : 1)
      var next = x - (logValue - logTarget) / slope
      if !(next > low && next < high) || !next.isFinite {
        next = high.isFinite ? (low + high) / 2 : max(2 * x, x + 1)
      }
      if abs(next - x) <= 1e-15 * x { return next }
      x = next
    }
    return x
  }

  /// Standard normal quantile `Φ⁻¹(p)`.
  ///
  /// Acklam's rational approximation followed by one Halley refinement
  /// with `erfc`, giving about 1e-15 relative accuracy.
  ///
  /// - Parameter probability: in (0, 1); 0 and 1 give ∓infinity.
  /// - Returns: the quantile; NaN outside [0, 1].
  /// - Complexity: O(1).
  public static func normalQuantile(_ probability: Double) -> Double {
    let p = probability
    guard p >= 0, p <= 1 else { return .nan }
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }
    // 1 − p is exact for p ≥ 0.5; refine in the lower tail only.
    if p > 0.5 { return -normalQuantile(1 - p) }
    let a = [
      -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
    ]
    let b = [
      -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
      6.680131188771972e+01, -1.328068155288572e+01,
    ]
    let c = [
      -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
    ]
    let d = [
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
      3.754408661907416e+00,
    ]
    var x: Double
    if p < 0.02425 || p > 1 - 0.02425 {
      let q = Foundation.sqrt(-2 * Foundation.log(min(p, 1 - p)))
      let numerator = ((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4])
      x =
        (numerator * q + c[5])
        / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
      if p > 0.5 { x = -x }
    } else {
      let q = p - 0.5
      let r = q * q
      let numerator = ((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4])
      x =
        (numerator * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
    let error = 0.5 * Foundation.erfc(-x / 2.0.squareRoot()) - p
    let u = error * (2 * Double.pi).squareRoot() * Foundation.exp(x * x / 2)
    return x - u / (1 + x * u / 2)
  }

  // MARK: - Internals

  /// `log(1 − exp(v))` for `v ≤ 0`, accurate for all `v`.
  static func log1mexp(_ v: Double) -> Double {
    if v >= 0 { return -.infinity }
    return v > -Foundation.log(2.0)
      ? Foundation.log(-Foundation.expm1(v))
      : Foundation.log1p(-Foundation.exp(v))
  }

  /// Loader's `bd0(x, m) = x log(x/m) + m − x` without cancellation.
  static func bd0(_ x: Double, _ m: Double) -> Double {
    if abs(x - m) < 0.1 * (x + m) {
      var v = (x - m) / (x + m)
      let s0 = (x - m) * v
      var s = s0
      var ej = 2 * x * v
      v *= v
      var j = 1.0
      while j < 1000 {
        ej *= v
        let next = s + ej / (2 * j + 1)
        if next == s { return next }
        s = next
        j += 1
      }
      return s
    }
    return x * Foundation.log(x / m) + m - x
  }

  /// Stirling remainder `log Γ(a) − ((a − ½) log a − a + ½ log 2π)`.
  static func stirlingError(_ a: Double) -> Double {
    if a < 15 {
      return logGamma(a)
        - ((a - 0.5) * Foundation.log(a) - a
          + 0.5 * Foundation.log(2 * Double.pi))
    }
    let a2 = a * a
    return
      (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - 1.0 / (1680 * a2)) / a2)
        / a2)
      / a
  }

  /// `log(x^a e^{-x} / Γ(a))`.
  static func logGammaPrefactor(_ a: Double, _ x: Double) -> Double {
    if a < 10 {
      return a * Foundation.log(x) - x - logGamma(a)
    }
    return -bd0(a, x) + 0.5 * Foundation.log(a)
      - 0.5 * Foundation.log(2 * Double.pi) - stirlingError(a)
  }

  /// `log P(a, x)` by the series, for `x < a + 1`.
  static func logGammaSeries(_ a: Double, _ x: Double) -> Double {
    var term = 1.0 / a
    var sum = term
    var n = 1.0
    while n < 100_000 {
      term *= x / (a + n)
      sum += term
      if term < sum * 1e-17 { break }
      n += 1
    }
    return logGammaPrefactor(a, x) + Foundation.log(sum)
  }

  /// `log Q(a, x)` by the Legendre continued fraction, for `x ≥ a + 1`.
  static func logGammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    var i = 1.0
    while i < 100_000 {
      let an = -i * (i - a)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-16 { break }
      i += 1
    }
    return logGammaPrefactor(a, x) + Foundation.log(h)
  }

  /// Continued fraction for the incomplete beta (modified Lentz).
  static func betaContinuedFraction(
    _ a: Double, _ b: Double, _ x: Double
  ) -> Double {
    let tiny = 1e-300
    let qab = a + b
    let qap = a + 1
    let qam = a - 1
    var c = 1.0
    var d = 1 - qab * x / qap
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    var m = 1.0
    while m < 100_000 {
      let m2 = 2 * m
      var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-16 { break }
      m += 1
    }
    return h
  }
}
