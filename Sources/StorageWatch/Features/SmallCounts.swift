/// Counts per small integer id, kept as a short list searched linearly
/// and moved to a dictionary once it holds more than 16 ids.
///
/// An hour of one principal names few buckets, operations, agents and
/// sources, so the list is the common case: no hashing, one small
/// allocation.
struct SmallCounts: Sendable {
  private var ids: [Int32] = []
  private var counts: [Int] = []
  private var large: [Int32: Int]?

  /// Adds one to an id's count.
  @inline(__always)
  mutating func increment(_ id: Int32) {
    if large != nil {
      large![id, default: 0] += 1
      return
    }
    for i in ids.indices where ids[i] == id {
      counts[i] += 1
      return
    }
    if ids.count < 16 {
      ids.append(id)
      counts.append(1)
      return
    }
    var table = [Int32: Int](minimumCapacity: 64)
    for i in ids.indices { table[ids[i]] = counts[i] }
    table[id] = 1
    large = table
    ids = []
    counts = []
  }

  /// Calls `body` with each id and its count, in no particular order.
  func forEach(_ body: (Int32, Int) -> Void) {
    if let large {
      for (id, count) in large { body(id, count) }
    } else {
      for i in ids.indices { body(ids[i], counts[i]) }
    }
  }
}
