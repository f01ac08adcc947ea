import Foundation

/// A seeded xoshiro256** generator, itself seeded through SplitMix64, so
/// that every simulated month is reproducible from one number.
struct SimulationRandom: RandomNumberGenerator {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// Creates a generator from a seed and a stream number, so that separate
  /// parts of the workload draw independent sequences.
  init(seed: UInt64, stream: UInt64 = 0) {
    var x = seed ^ (stream &* 0x9E37_79B9_7F4A_7C15)
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  /// A uniform double in [0, 1).
  mutating func unit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// True with probability `p`.
  mutating func chance(_ p: Double) -> Bool { unit() < p }

  /// A uniform integer in the closed range.
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    Int.random(in: range, using: &self)
  }

  /// A standard normal deviate (Box-Muller).
  mutating func normal() -> Double {
    let u1 = max(unit(), 1e-300)
    let u2 = unit()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// A log-normal deviate with the given median and log-space sigma.
  mutating func logNormal(median: Double, sigma: Double) -> Double {
    median * exp(sigma * normal())
  }

  /// An exponential deviate with the given mean.
  mutating func exponential(mean: Double) -> Double {
    -mean * log(max(1 - unit(), 1e-300))
  }

  /// A Poisson deviate (inversion for small means, normal beyond 30).
  mutating func poisson(_ mean: Double) -> Int {
    if mean <= 0 { return 0 }
    if mean > 30 {
      return max(0, Int((mean + mean.squareRoot() * normal()).rounded()))
    }
    let limit = exp(-mean)
    var k = 0
    var p = unit()
    while p > limit {
      k += 1
      p *= unit()
    }
    return k
  }

  /// One element of a non-empty array.
  mutating func pick<T>(_ items: [T]) -> T {
    precondition(!items.isEmpty, "SimulationRandom.pick: empty array")
    return items[Int.random(in: 0..<items.count, using: &self)]
  }
}

private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
  (x << k) | (x >> (64 - k))
}

/// A 64-bit mix of a few values, for per-object properties that must not
/// depend on generation order.
func stableHash(_ values: UInt64...) -> UInt64 {
  var h: UInt64 = 0x243F_6A88_85A3_08D3
  for v in values {
    h ^= v &+ 0x9E37_79B9_7F4A_7C15 &+ (h << 6) &+ (h >> 2)
    h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
    h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
    h ^= h >> 31
  }
  return h
}
