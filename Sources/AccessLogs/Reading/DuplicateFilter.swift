/// Recognises event ids already read, within a bounded memory.
///
/// Ids are kept as 64-bit keys (see `eventKey`) in two generations: when
/// the current one holds `window` keys it becomes the previous one and the
/// older generation is forgotten. So the last `window` distinct ids read
/// are always remembered, and at most `2 × window` are, whatever the
/// number of events: about 16 to 32 bytes per remembered id. Duplicate
/// deliveries arrive minutes to an hour apart, far closer than the default
/// window of 2,000,000 ids.
struct DuplicateFilter {
  private var current = Set<UInt64>()
  private var previous = Set<UInt64>()
  private let window: Int

  /// Creates a filter remembering at least `window` ids.
  init(window: Int) {
    precondition(window > 0, "DuplicateFilter: window must be > 0")
    self.window = window
  }

  /// Records a key and says whether it was seen before.
  ///
  /// - Returns: `true` the first time a key is given (within the window).
  @inline(__always)
  mutating func insert(_ key: UInt64) -> Bool {
    if previous.contains(key) { return false }
    guard current.insert(key).inserted else { return false }
    if current.count >= window {
      previous = current
      current = Set(minimumCapacity: min(window, 1 << 16))
    }
    return true
  }
}
