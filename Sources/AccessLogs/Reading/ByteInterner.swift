#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A table of byte strings, each stored once and named by a dense index.
///
/// Interning the same bytes twice gives the same index, so callers keep
/// 4-byte indices instead of `String` values and compare or hash those.
/// Bytes are kept in one growing arena; lookup is an open-addressing hash
/// table over a 64-bit word-at-a-time hash (see ``hash(_:)``), compared
/// byte for byte on a hash match, so distinct strings never merge.
/// `append(_:)` stores bytes without looking them up, for values such as
/// event ids that are read back but never repeated.
///
/// - Complexity: `intern(_:)` is O(*n*) in the length of the bytes,
///   amortized over table growth; memory is the bytes plus 12 bytes per
///   entry and 8 per table slot.
public struct ByteInterner: Sendable {
  private var arena: [UInt8] = []
  private var starts: [Int] = [0]
  private var hashes: [UInt64] = []
  private var table: [Int32]
  private var used = 0

  /// Creates an empty table.
  ///
  /// - Parameter capacity: Entries expected; the table grows past it.
  public init(capacity: Int = 64) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    table = [Int32](repeating: -1, count: size)
    hashes.reserveCapacity(capacity)
    starts.reserveCapacity(capacity + 1)
  }

  /// Forgets every entry, keeping the storage for reuse.
  public mutating func removeAll() {
    arena.removeAll(keepingCapacity: true)
    starts.removeAll(keepingCapacity: true)
    starts.append(0)
    hashes.removeAll(keepingCapacity: true)
    if used > 0 {
      for i in table.indices { table[i] = -1 }
      used = 0
    }
  }

  /// Entries stored, interned or appended.
  public var count: Int { starts.count - 1 }

  /// Bytes held in the arena.
  public var byteCount: Int { arena.count }

  /// The index of some bytes, storing them when new.
  ///
  /// - Parameter bytes: The bytes; they are copied.
  /// - Returns: The index, from 0 upward in order of first interning.
  /// - Complexity: O(*n*) in `bytes.count`, amortized.
  @inline(__always)
  public mutating func intern(_ bytes: UnsafeRawBufferPointer) -> Int32 {
    let h = ByteInterner.hash(bytes)
    let mask = table.count - 1
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let id = table[slot]
      if id < 0 { break }
      if hashes[Int(id)] == h && equals(Int(id), bytes) { return id }
      slot = (slot + 1) & mask
    }
    let id = Int32(store(bytes, hash: h))
    table[slot] = id
    used += 1
    if used * 4 >= table.count * 3 { grow() }
    return id
  }

  /// The index of a string's UTF-8 bytes, storing them when new.
  ///
  /// - Parameter text: The string.
  /// - Returns: The index.
  public mutating func intern(_ text: String) -> Int32 {
    var text = text
    return text.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
  }

  /// The index of bytes already interned, or `nil`.
  ///
  /// - Parameter bytes: The bytes to look up.
  /// - Returns: Their index when `intern(_:)` stored them.
  public func find(_ bytes: UnsafeRawBufferPointer) -> Int32? {
    let h = ByteInterner.hash(bytes)
    let mask = table.count - 1
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let id = table[slot]
      if id < 0 { return nil }
      if hashes[Int(id)] == h && equals(Int(id), bytes) { return id }
      slot = (slot + 1) & mask
    }
  }

  /// Stores bytes under a new index without looking them up.
  ///
  /// - Parameter bytes: The bytes; they are copied.
  /// - Returns: The new index; ``find(_:)`` does not see it.
  public mutating func append(_ bytes: UnsafeRawBufferPointer) -> Int32 {
    Int32(store(bytes, hash: 0))
  }

  /// Stores a string's UTF-8 bytes under a new index without looking
  /// them up.
  ///
  /// - Parameter text: The string.
  /// - Returns: The new index.
  public mutating func append(_ text: String) -> Int32 {
    var text = text
    return text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
  }

  /// Calls `body` with the bytes of an entry.
  ///
  /// - Parameters:
  ///   - id: An index returned by this table; anything else traps.
  ///   - body: Reads the bytes, valid only during the call.
  /// - Returns: What `body` returns.
  /// - Throws: Only what `body` throws.
  public func withBytes<R>(
    _ id: Int32, _ body: (UnsafeRawBufferPointer) throws -> R
  ) rethrows -> R {
    let i = Int(id)
    precondition(i >= 0 && i < count, "ByteInterner: no entry \(id)")
    return try arena.withUnsafeBytes {
      try body(UnsafeRawBufferPointer(rebasing: $0[starts[i]..<starts[i + 1]]))
    }
  }

  /// An entry as a string, invalid UTF-8 repaired with U+FFFD.
  ///
  /// - Parameter id: An index returned by this table.
  /// - Returns: The text.
  public func string(_ id: Int32) -> String {
    withBytes(id) { String(decoding: $0, as: UTF8.self) }
  }

  /// The length in bytes of an entry.
  ///
  /// - Parameter id: An index returned by this table.
  /// - Returns: The number of bytes; 0 for an empty entry.
  public func length(_ id: Int32) -> Int {
    starts[Int(id) + 1] - starts[Int(id)]
  }

  /// A stable 64-bit hash of bytes, read eight at a time and mixed by
  /// multiplication; the same on every run and platform.
  ///
  /// - Parameter bytes: The bytes.
  /// - Returns: The hash.
  @inline(__always)
  public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let n = bytes.count
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
    var i = 0
    while i + 8 <= n {
      let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 31
      i += 8
    }
    if i < n {
      var tail: UInt64 = 0
      var shift: UInt64 = 0
      while i < n {
        tail |= UInt64(bytes[i]) << shift
        shift += 8
        i += 1
      }
      h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
    }
    h ^= h >> 29
    h = h &* 0xBF58_476D_1CE4_E5B9
    return h ^ (h >> 32)
  }

  private mutating func store(
    _ bytes: UnsafeRawBufferPointer, hash: UInt64
  ) -> Int {
    arena.append(contentsOf: bytes)
    starts.append(arena.count)
    hashes.append(hash)
    return starts.count - 2
  }

  private func equals(_ id: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
    let start = starts[id]
    guard starts[id + 1] - start == bytes.count else { return false }
    if bytes.isEmpty { return true }
    return arena.withUnsafeBytes { stored in
      memcmp(stored.baseAddress! + start, bytes.baseAddress!, bytes.count)
        == 0
    }
  }

  private mutating func grow() {
    var bigger = [Int32](repeating: -1, count: table.count * 2)
    let mask = bigger.count - 1
    for id in table where id >= 0 {
      var slot = Int(truncatingIfNeeded: hashes[Int(id)]) & mask
      while bigger[slot] >= 0 { slot = (slot + 1) & mask }
      bigger[slot] = id
    }
    table = bigger
  }
}
