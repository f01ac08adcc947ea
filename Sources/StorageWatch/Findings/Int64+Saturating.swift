extension Int64 {
  /// The sum, or `Int64.max` / `Int64.min` when it would overflow.
  ///
  /// Byte counts come from logs that an attacker may have written, so a
  /// few records claiming 9e18 bytes each must not crash a sum.
  ///
  /// - Parameter other: The value to add.
  /// - Returns: The sum, clamped to the range of `Int64`.
  func saturatingAdd(_ other: Int64) -> Int64 {
    let (sum, overflow) = addingReportingOverflow(other)
    guard overflow else { return sum }
    return other > 0 ? .max : .min
  }
}
