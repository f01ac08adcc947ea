import Foundation

/// A small, fast, seedable generator: xoshiro256** seeded by SplitMix64.
///
/// Deterministic across platforms and Swift versions for a given seed
/// (the library draws bounded integers with its own multiply-high rule, not
/// the standard library's `random(in:)`).
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// Creates a generator from a 64-bit seed.
  ///
  /// - Parameter seed: any value; equal seeds give equal streams.
  /// - Complexity: O(1).
  public init(seed: UInt64) {
    var state = seed
    func splitMix() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  /// The next 64 random bits.
  ///
  /// - Returns: a uniformly distributed `UInt64`.
  /// - Complexity: O(1).
  public mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = s3 << 45 | s3 >> 19
    return result
  }

  /// A uniform integer in `0..<bound` by the multiply-high rule.
  ///
  /// - Parameter bound: exclusive upper bound, > 0.
  /// - Returns: the integer.
  /// - Complexity: O(1).
  public mutating func nextInt(below bound: Int) -> Int {
    precondition(bound > 0, "SeededGenerator: bound must be positive")
    return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
  }

  /// A uniform double in [0, 1) with 53 random bits.
  ///
  /// - Returns: the double.
  /// - Complexity: O(1).
  public mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A standard normal draw (Box–Muller, one of the pair).
  ///
  /// - Returns: the draw.
  /// - Complexity: O(1).
  public mutating func nextNormal() -> Double {
    let u1 = max(nextUnit(), 1e-300)
    let u2 = nextUnit()
    return (-2 * Foundation.log(u1)).squareRoot()
      * Foundation.cos(2 * Double.pi * u2)
  }
}
