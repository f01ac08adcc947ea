#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension JSONDocument {
  /// The kind of the node at an index.
  func kind(_ node: Int) -> Kind { nodes[node].kind }

  /// The value of an object member, found by its key.
  ///
  /// Keys are compared byte for byte, decoding escapes only in keys that
  /// have them; the first matching member wins.
  ///
  /// - Parameters:
  ///   - object: The index of an object node; any other kind gives `nil`.
  ///   - key: The key to look for.
  /// - Returns: The index of the member's value node, or `nil`.
  /// - Complexity: O(*m*) in the number of members.
  func member(_ object: Int?, _ key: StaticString) -> Int? {
    let nodes = self.nodes
    guard let object, nodes[object].kind == .object else { return nil }
    let length = key.utf8CodeUnitCount
    guard let start = base.baseAddress else { return nil }
    var child = object + 1
    let end = nodes[object].next
    while child < end {
      let k = nodes[child]
      if !k.escaped {
        if k.end - k.start == length,
          memcmp(start + k.start, key.utf8Start, length) == 0
        {
          return child + 1
        }
      } else if string(child) == key.description {
        return child + 1
      }
      child = nodes[child + 1].next
    }
    return nil
  }

  /// Follows a path of object keys from a node.
  ///
  /// - Parameters:
  ///   - node: The starting node.
  ///   - path: Keys to follow in turn.
  /// - Returns: The final value's node, or `nil` when a step is missing or
  ///   not an object.
  func member(_ node: Int?, _ path: StaticString...) -> Int? {
    var current = node
    for key in path { current = member(current, key) }
    return current
  }

  /// The element nodes of an array, in order.
  ///
  /// - Parameter array: An array node; any other kind gives no elements.
  /// - Returns: The indices of the elements.
  /// - Complexity: O(*k*) in the number of elements.
  func elements(_ array: Int?) -> [Int] {
    let nodes = self.nodes
    guard let array, nodes[array].kind == .array else { return [] }
    var result: [Int] = []
    result.reserveCapacity(Int(nodes[array].count))
    var child = array + 1
    while child < nodes[array].next {
      result.append(child)
      child = nodes[child].next
    }
    return result
  }

  /// The key and value nodes of an object's members, in order.
  ///
  /// - Parameter object: An object node; any other kind gives no members.
  /// - Returns: Key and value node indices.
  func members(_ object: Int?) -> [(key: Int, value: Int)] {
    let nodes = self.nodes
    guard let object, nodes[object].kind == .object else { return [] }
    var result: [(key: Int, value: Int)] = []
    var child = object + 1
    while child < nodes[object].next {
      result.append((child, child + 1))
      child = nodes[child + 1].next
    }
    return result
  }

  /// The raw bytes of a node's text: a string's content without quotes and
  /// undecoded, a number's digits, a container's whole text.
  func rawBytes(_ node: Int) -> UnsafeRawBufferPointer {
    let n = nodes[node]
    return UnsafeRawBufferPointer(rebasing: base[n.start..<n.end])
  }

  /// Whether a string node's raw content equals some text, without
  /// decoding (escaped strings compare decoded).
  func stringEquals(_ node: Int?, _ text: StaticString) -> Bool {
    guard let node, nodes[node].kind == .string else { return false }
    let n = nodes[node]
    if n.escaped { return string(node) == text.description }
    let length = text.utf8CodeUnitCount
    return n.end - n.start == length
      && memcmp(base.baseAddress! + n.start, text.utf8Start, length) == 0
  }

  /// Whether ``text(_:)`` gives a value, without making it.
  func hasText(_ node: Int?) -> Bool {
    guard let node else { return false }
    switch nodes[node].kind {
    case .string: return nodes[node].end > nodes[node].start
    case .number, .true, .false: return true
    default: return false
    }
  }

  /// Calls `body` with the decoded bytes of a non-empty string node
  /// (escapes decoded, invalid UTF-8 left as it is).
  ///
  /// - Returns: What `body` returns, or `nil` for other kinds and empty
  ///   strings.
  func withStringBytes<R>(
    _ node: Int?, _ body: (UnsafeRawBufferPointer) -> R
  ) -> R? {
    guard let node, nodes[node].kind == .string else { return nil }
    let n = nodes[node]
    guard n.end > n.start else { return nil }
    let raw = UnsafeRawBufferPointer(rebasing: base[n.start..<n.end])
    if !n.escaped { return body(raw) }
    let decoded = unescape(raw)
    if decoded.isEmpty { return nil }
    return decoded.withUnsafeBytes { body($0) }
  }

  /// The decoded text of a string node, or `nil` for other kinds.
  ///
  /// Escapes are decoded (`\uD83D\uDE00` pairs included); a lone surrogate
  /// or invalid UTF-8 becomes U+FFFD, so decoding never fails.
  func string(_ node: Int?) -> String? {
    guard let node, nodes[node].kind == .string else { return nil }
    let n = nodes[node]
    let raw = UnsafeRawBufferPointer(rebasing: base[n.start..<n.end])
    if !n.escaped { return String(decoding: raw, as: UTF8.self) }
    return String(decoding: unescape(raw), as: UTF8.self)
  }

  /// The text of a string node, or of a number or literal's digits (some
  /// exporters write numbers as strings and others the reverse); `nil` for
  /// containers, `null` and empty strings.
  func text(_ node: Int?) -> String? {
    guard let node else { return nil }
    switch nodes[node].kind {
    case .string:
      let value = string(node)
      return value?.isEmpty == true ? nil : value
    case .number, .true, .false:
      return String(decoding: rawBytes(node), as: UTF8.self)
    default:
      return nil
    }
  }

  /// A node read as a whole number: an integer, a number with an integral
  /// value such as `12.0`, or a string holding one.
  ///
  /// - Returns: The value, or `nil` when absent, fractional, out of
  ///   `Int64` range or not a number.
  func int64(_ node: Int?) -> Int64? {
    guard let node else { return nil }
    let kind = nodes[node].kind
    guard kind == .number || kind == .string else { return nil }
    let raw = rawBytes(node)
    var value: Int64 = 0
    var negative = false
    var sawDigit = false
    var index = 0
    if index < raw.count, raw[index] == 0x2D {
      negative = true
      index += 1
    }
    while index < raw.count, raw[index] >= 0x30, raw[index] <= 0x39 {
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(Int64(raw[index] - 0x30))
      if o1 || o2 { return nil }
      value = a
      sawDigit = true
      index += 1
    }
    guard sawDigit else { return nil }
    if index < raw.count {
      guard let d = Double(String(decoding: raw, as: UTF8.self)),
        d.rounded() == d, abs(d) < 9.2e18
      else { return nil }
      return Int64(d)
    }
    return negative ? -value : value
  }

  /// A node read as a Boolean: `true`/`false` or the strings `"true"` and
  /// `"false"`.
  func bool(_ node: Int?) -> Bool? {
    guard let node else { return nil }
    switch nodes[node].kind {
    case .true: return true
    case .false: return false
    case .string:
      if stringEquals(node, "true") { return true }
      if stringEquals(node, "false") { return false }
      return nil
    default: return nil
    }
  }
}

/// Decodes JSON string escapes into UTF-8 bytes.
///
/// Unknown escapes keep the escaped character; bad `\u` sequences and lone
/// surrogates become U+FFFD.
func unescape(_ raw: UnsafeRawBufferPointer) -> [UInt8] {
  var out: [UInt8] = []
  out.reserveCapacity(raw.count)
  var i = 0
  let n = raw.count
  func hex4(_ at: Int) -> UInt32? {
    guard at + 4 <= n else { return nil }
    var v: UInt32 = 0
    for k in at..<(at + 4) {
      let c = raw[k]
      let d: UInt8
      switch c {
      case 0x30...0x39: d = c - 0x30
      case 0x41...0x46: d = c - 0x41 + 10
      case 0x61...0x66: d = c - 0x61 + 10
      default: return nil
      }
      v = v << 4 | UInt32(d)
    }
    return v
  }
  func append(_ scalar: UInt32) {
    let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
    out.append(contentsOf: String(Character(s)).utf8)
  }
  while i < n {
    let c = raw[i]
    guard c == 0x5C, i + 1 < n else {
      out.append(c)
      i += 1
      continue
    }
    let e = raw[i + 1]
    i += 2
    switch e {
    case 0x6E: out.append(0x0A)
    case 0x74: out.append(0x09)
    case 0x72: out.append(0x0D)
    case 0x62: out.append(0x08)
    case 0x66: out.append(0x0C)
    case 0x75:
      guard let u = hex4(i) else {
        append(0xFFFD)
        continue
      }
      i += 4
      if (0xD800..<0xDC00).contains(u) {
        if i + 6 <= n, raw[i] == 0x5C, raw[i + 1] == 0x75,
          let low = hex4(i + 2), (0xDC00..<0xE000).contains(low)
        {
          i += 6
          append(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00))
        } else {
          append(0xFFFD)
        }
      } else if (0xDC00..<0xE000).contains(u) {
        append(0xFFFD)
      } else {
        append(u)
      }
    default: out.append(e)
    }
  }
  return out
}

/// A fixed set of object keys to find in one pass over an object's
/// members (see ``JSONDocument/members(_:_:into:)``).
struct JSONKeySet: Sendable {
  private struct Key: Sendable {
    var slot: Int
    var bytes: [UInt8]
    var prefix: UInt64
  }
  /// Keys by length.
  private var byLength: [[Key]]
  /// Keys given, in order.
  let count: Int

  /// Creates a key set; each key's slot is its position in `keys`.
  init(_ keys: [StaticString]) {
    let longest = keys.map(\.utf8CodeUnitCount).max() ?? 0
    byLength = Array(repeating: [], count: longest + 1)
    for (slot, key) in keys.enumerated() {
      let bytes = Array(
        UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
      byLength[bytes.count].append(
        Key(slot: slot, bytes: bytes, prefix: JSONKeySet.prefix(bytes)))
    }
    count = keys.count
  }

  /// The first eight bytes (fewer, zero-padded, for short keys).
  private static func prefix(_ bytes: [UInt8]) -> UInt64 {
    var value: UInt64 = 0
    for (i, byte) in bytes.prefix(8).enumerated() {
      value |= UInt64(byte) << (8 * UInt64(i))
    }
    return value
  }

  /// The slot of a key, or `nil`.
  @inline(__always)
  func slot(_ p: UnsafeRawPointer, _ length: Int) -> Int? {
    guard length < byLength.count else { return nil }
    let candidates = byLength[length]
    if candidates.isEmpty { return nil }
    var first: UInt64 = 0
    if length >= 8 {
      first = p.loadUnaligned(as: UInt64.self)
    } else {
      for i in 0..<length {
        first |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << (8 * i)
      }
    }
    for key in candidates where key.prefix == first {
      if length <= 8 { return key.slot }
      let same = key.bytes.withUnsafeBytes {
        memcmp($0.baseAddress! + 8, p + 8, length - 8) == 0
      }
      if same { return key.slot }
    }
    return nil
  }

  /// The slot of an escaped key, compared after decoding.
  func slot(decoded bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBytes {
      slot($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, $0.count)
    }
  }
}

extension JSONDocument {
  /// Finds several members of an object in one pass over its members.
  ///
  /// - Parameters:
  ///   - object: An object node; any other kind (or `nil`) finds nothing.
  ///   - keys: The keys to look for.
  ///   - slots: Set to `keys.count` entries: the value node of each key,
  ///     or -1; the first matching member wins, as with ``member(_:_:)``.
  /// - Complexity: O(*m*) in the number of members.
  func members(_ object: Int?, _ keys: JSONKeySet, into slots: inout [Int]) {
    slots.removeAll(keepingCapacity: true)
    slots.append(contentsOf: repeatElement(-1, count: keys.count))
    guard let object, nodes[object].kind == .object,
      let start = base.baseAddress
    else { return }
    nodes.withUnsafeBufferPointer { nodes in
      var child = object + 1
      let end = nodes[object].next
      while child < end {
        let k = nodes[child]
        let found: Int?
        if !k.escaped {
          found = keys.slot(start + k.start, k.end - k.start)
        } else {
          found = keys.slot(
            decoded: unescape(
              UnsafeRawBufferPointer(rebasing: base[k.start..<k.end])))
        }
        if let found, slots[found] < 0 { slots[found] = child + 1 }
        child = nodes[child + 1].next
      }
    }
  }
}
