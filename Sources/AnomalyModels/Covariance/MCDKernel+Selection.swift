/// Choosing the `h` rows of smallest distance, the step every C-step
/// takes over all `n` rows.
extension MCDKernel {
  /// Indices of the `h` smallest distances, in increasing index order
  /// among the rows strictly below the `h`-th smallest value, followed by
  /// the rows equal to it, by index, until `h` are chosen.
  ///
  /// NaN distances are never chosen; when fewer than `h` values are
  /// ordered below a NaN threshold, fewer than `h` indices come back.
  ///
  /// - Complexity: O(*n*): a histogram pass, a pass gathering one bucket,
  ///   a selection within it and two collecting passes without
  ///   data-dependent branches in the common case.
  static func smallest(_ distances: [Double], h: Int) -> [Int] {
    let n = distances.count
    if h >= n { return Array(0..<n) }
    precondition(h > 0, "smallest: h must be positive")
    let threshold = orderStatistic(distances, h - 1)
    return distances.withUnsafeBufferPointer { d in
      [Int](unsafeUninitializedCapacity: h) { result, written in
        // At most h - 1 values lie strictly below the h-th smallest, so
        // the unconditional store stays inside the buffer.
        var k = 0
        for i in 0..<n {
          result[k] = i
          k &+= d[i] < threshold ? 1 : 0
        }
        var i = 0
        while k < h && i < n {
          if d[i] == threshold {
            result[k] = i
            k += 1
          }
          i += 1
        }
        written = k
      }
    }
  }

  /// Key whose unsigned order is the order of the doubles (negative
  /// values below positive ones, `-0` just below `+0`).
  @inline(__always)
  static func orderKey(_ value: Double) -> UInt64 {
    let bits = value.bitPattern
    return bits & (1 << 63) == 0 ? bits | (1 << 63) : ~bits
  }

  /// The double whose ``orderKey(_:)`` is `key`.
  @inline(__always)
  static func value(ofOrderKey key: UInt64) -> Double {
    Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
  }

  /// The `k`-th smallest value (0-based) in the order of
  /// ``orderKey(_:)``, leaving `values` untouched.
  ///
  /// The top 16 bits of the keys (sign, exponent and four mantissa bits)
  /// are counted into 65,536 buckets; only the bucket holding rank `k`
  /// is copied out and searched with ``kthSmallest(_:_:)``. For the
  /// distances of a C-step that bucket holds a few percent of the rows.
  ///
  /// - Complexity: O(*n*) time and O(*n*) extra space in the worst case
  ///   (every value in one bucket).
  static func orderStatistic(_ values: [Double], _ k: Int) -> Double {
    precondition(
      k >= 0 && k < values.count, "orderStatistic: rank out of range")
    let buckets = 1 << 16
    var counts = [UInt32](repeating: 0, count: buckets)
    values.withUnsafeBufferPointer { v in
      counts.withUnsafeMutableBufferPointer { c in
        for x in v { c[Int(truncatingIfNeeded: orderKey(x) >> 48)] &+= 1 }
      }
    }
    var bucket = 0
    var below = 0
    while below + Int(counts[bucket]) <= k {
      below += Int(counts[bucket])
      bucket += 1
    }
    var keys: [UInt64] = []
    keys.reserveCapacity(Int(counts[bucket]))
    for x in values {
      let key = orderKey(x)
      if Int(truncatingIfNeeded: key >> 48) == bucket { keys.append(key) }
    }
    return value(ofOrderKey: kthSmallest(&keys, k - below))
  }

  /// The `k`-th smallest value (0-based) by Hoare quickselect with a
  /// median-of-three pivot; reorders `values`.
  ///
  /// - Complexity: O(*n*) expected, O(*n*²) in the worst case.
  static func kthSmallest<T: Comparable>(_ values: inout [T], _ k: Int) -> T {
    precondition(k >= 0 && k < values.count, "kthSmallest: rank out of range")
    return values.withUnsafeMutableBufferPointer { a in
      var low = 0
      var high = a.count - 1
      while high > low {
        let mid = low + (high - low) / 2
        if a[mid] < a[low] { a.swapAt(mid, low) }
        if a[high] < a[low] { a.swapAt(high, low) }
        if a[high] < a[mid] { a.swapAt(high, mid) }
        let pivot = a[mid]
        var i = low
        var j = high
        while i <= j {
          while a[i] < pivot { i += 1 }
          while pivot < a[j] { j -= 1 }
          if i <= j {
            a.swapAt(i, j)
            i += 1
            j -= 1
          }
        }
        if k <= j {
          high = j
        } else if k >= i {
          low = i
        } else {
          return a[k]
        }
      }
      return a[k]
    }
  }
}
