/// Finds the candidate closest to a mistyped name.
enum Suggestion {
  /// Returns the candidate with the smallest edit distance to `input`, if
  /// it is close enough to be a plausible typo.
  ///
  /// The threshold grows with the length of `input`: one edit for short
  /// names, up to three for long ones. Ties go to the earliest candidate.
  ///
  /// - Complexity: O(*c* × *n* × *m*) for *c* candidates of length *m* and
  ///   an input of length *n*.
  static func closest(to input: String, in candidates: [String]) -> String? {
    let limit = min(3, max(1, input.count / 3))
    var best: (name: String, distance: Int)?
    for candidate in candidates where candidate != input {
      let distance = editDistance(input, candidate)
      if distance <= limit, distance < (best?.distance ?? .max) {
        best = (candidate, distance)
      }
    }
    return best?.name
  }

  /// The optimal string alignment distance: insertions, deletions,
  /// substitutions and swaps of adjacent characters each cost one.
  static func editDistance(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs)
    let b = Array(rhs)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          value = min(value, previous2[j - 2] + 1)
        }
        current[j] = value
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
  }
}
