#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A JSON value parsed in place into a flat node array (a "tape").
///
/// The parser validates the JSON grammar and records, for every value, its
/// kind and the byte range of its text, but converts nothing: strings are
/// decoded and numbers read only when an adapter asks for them, so a
/// CloudTrail record whose few interesting fields are read costs one pass
/// over its bytes and no allocation beyond the reused node array.
///
/// A document refers to the caller's bytes and must be used only while
/// those bytes are alive and unchanged; adapters parse and read inside one
/// `withUnsafeBytes` call. Nodes are addressed by index: node 0 is the root;
/// an object's children are key/value node pairs; every node records the
/// index just past its subtree, so skipping a value is O(1).
///
/// Strings may hold raw control bytes and invalid UTF-8 (both occur in
/// hostile logs): the parser accepts them and decoding repairs invalid
/// sequences with U+FFFD. Nesting is limited to ``maximumDepth`` so that no
/// input can exhaust the stack or memory through depth, and the values in
/// one document to ``maximumNodes``: a node takes 16 bytes, so without a
/// limit a record of `[0,0,0,...]` would need eight times its size.
///
/// TODO: building the tape runs at about 1 GB/s per core on CloudTrail and
/// is a fifth of `detect`'s time, so whole-pipeline parsing reaches about
/// 0.4 GB/s per core against a 1 GB/s target. Closing the gap needs a
/// vector structural index (simdjson's stage 1, through a small C++ shim
/// over Debian's libsimdjson-dev, or the same in Swift SIMD) and adapters
/// that intern field bytes straight into an `EventBatch` instead of
/// building `AccessEvent` strings first.
final class JSONDocument {
  /// The kind of a node.
  enum Kind: UInt8 {
    case object, array, string, number, `true`, `false`, null
  }

  /// One value of the document, in 16 bytes: offsets are 32-bit, since a
  /// record is far smaller than 2 GiB (the reader's limit is 256 MiB).
  struct Node {
    /// The value's kind.
    var kind: Kind
    /// For strings: whether the text holds backslash escapes.
    var escaped: Bool
    /// Children: members of an object, elements of an array.
    var count: Int32
    private var first: UInt32
    private var last: UInt32
    private var after: UInt32

    /// Creates a node.
    init(
      kind: Kind, escaped: Bool, count: Int32, start: Int, end: Int,
      next: Int
    ) {
      self.kind = kind
      self.escaped = escaped
      self.count = count
      first = UInt32(truncatingIfNeeded: start)
      last = UInt32(truncatingIfNeeded: end)
      after = UInt32(truncatingIfNeeded: next)
    }

    /// First byte: after the opening quote of a string; the bracket of a
    /// container; the first byte of a number or literal.
    var start: Int {
      get { Int(first) }
      set { first = UInt32(truncatingIfNeeded: newValue) }
    }
    /// One past the last byte: the closing quote of a string; one past the
    /// closing bracket of a container.
    var end: Int {
      get { Int(last) }
      set { last = UInt32(truncatingIfNeeded: newValue) }
    }
    /// The index of the node after this value's subtree.
    var next: Int {
      get { Int(after) }
      set { after = UInt32(truncatingIfNeeded: newValue) }
    }
  }

  /// The deepest nesting of arrays and objects accepted.
  let maximumDepth: Int
  /// The most values (nodes) one document may hold.
  let maximumNodes: Int
  /// The parsed nodes; empty until ``parse(_:)`` succeeds.
  private(set) var nodes: [Node] = []
  private var stack: [Int] = []
  private(set) var base = UnsafeRawBufferPointer(start: nil, count: 0)

  /// Creates an empty document whose parses accept a nesting depth.
  ///
  /// - Parameters:
  ///   - maximumDepth: The deepest nesting accepted; at least 1.
  ///   - maximumNodes: The most values accepted, at least 1. The default,
  ///     16 Mi values, is a 256 MiB tape; real CloudTrail delivery
  ///     documents hold about one value per 10 to 15 bytes, so it allows
  ///     documents of well over 150 MB.
  init(maximumDepth: Int = 256, maximumNodes: Int = 16 << 20) {
    precondition(maximumDepth >= 1, "JSONDocument: maximumDepth < 1")
    precondition(maximumNodes >= 1, "JSONDocument: maximumNodes < 1")
    self.maximumDepth = maximumDepth
    self.maximumNodes = maximumNodes
  }

  /// Parses one JSON value that spans `bytes`, with optional white space
  /// around it.
  ///
  /// - Parameter bytes: The text; must stay valid while nodes are read.
  /// - Throws: `JSONSyntaxError` with the byte offset of the first error.
  /// - Complexity: O(*n*) in the number of bytes.
  func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) {
    base = bytes
    // Work on local storage: the hot loop then needs no dynamic
    // exclusivity checks on the class's properties.
    var builder = TapeBuilder(
      nodes: [], stack: [], depthLimit: maximumDepth,
      nodeLimit: maximumNodes)
    swap(&builder.nodes, &nodes)
    swap(&builder.stack, &stack)
    builder.nodes.removeAll(keepingCapacity: true)
    builder.stack.removeAll(keepingCapacity: true)
    defer {
      swap(&builder.nodes, &nodes)
      swap(&builder.stack, &stack)
    }
    guard let p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
    else { throw JSONSyntaxError(reason: .empty, offset: 0) }
    precondition(
      bytes.count < Int(UInt32.max), "JSONDocument: text of 4 GiB or more")
    do {
      try builder.run(p, bytes.count)
    } catch {
      builder.nodes.removeAll(keepingCapacity: true)
      throw error
    }
  }
}

/// The parser's state while it builds a tape.
private struct TapeBuilder {
  typealias Node = JSONDocument.Node
  typealias Kind = JSONDocument.Kind

  var nodes: [Node]
  var stack: [Int]
  let depthLimit: Int
  let nodeLimit: Int

  mutating func run(
    _ p: UnsafePointer<UInt8>, _ n: Int
  ) throws(JSONSyntaxError) {
    var i = skipSpace(p, 0, n)
    if i == n { throw JSONSyntaxError(reason: .empty, offset: 0) }

    var needValue = true
    while true {
      if needValue {
        guard i < n else {
          throw JSONSyntaxError(reason: .unexpectedEnd, offset: i)
        }
        if let parent = stack.last { nodes[parent].count += 1 }
        let c = p[i]
        guard nodes.count < nodeLimit else {
          throw JSONSyntaxError(reason: .tooManyValues, offset: i, byte: c)
        }
        switch c {
        case 0x7B, 0x5B:  // { [
          guard stack.count < depthLimit else {
            throw JSONSyntaxError(reason: .tooDeep, offset: i, byte: c)
          }
          let kind: Kind = c == 0x7B ? .object : .array
          stack.append(nodes.count)
          nodes.append(
            Node(
              kind: kind, escaped: false, count: 0, start: i, end: i,
              next: 0))
          i = skipSpace(p, i + 1, n)
          guard i < n else {
            throw JSONSyntaxError(reason: .unexpectedEnd, offset: i)
          }
          if p[i] == (c == 0x7B ? 0x7D : 0x5D) {
            close(&i)
            needValue = false
          } else if kind == .object {
            try parseKey(p, &i, n)
          }
        case 0x22:
          try parseString(p, &i, n)
          needValue = false
        case 0x2D, 0x30...0x39:
          try parseNumber(p, &i, n)
          needValue = false
        case 0x74:
          try parseLiteral(p, &i, n, "true", .true)
          needValue = false
        case 0x66:
          try parseLiteral(p, &i, n, "false", .false)
          needValue = false
        case 0x6E:
          try parseLiteral(p, &i, n, "null", .null)
          needValue = false
        default:
          throw JSONSyntaxError(reason: .unexpectedByte, offset: i, byte: c)
        }
      } else {
        guard let top = stack.last else { break }
        i = skipSpace(p, i, n)
        guard i < n else {
          throw JSONSyntaxError(reason: .unexpectedEnd, offset: i)
        }
        let c = p[i]
        let isObject = nodes[top].kind == .object
        if c == 0x2C {
          i = skipSpace(p, i + 1, n)
          if isObject { try parseKey(p, &i, n) }
          needValue = true
        } else if c == (isObject ? 0x7D : 0x5D) {
          close(&i)
        } else {
          throw JSONSyntaxError(reason: .unexpectedByte, offset: i, byte: c)
        }
      }
    }

    i = skipSpace(p, i, n)
    if i != n {
      throw JSONSyntaxError(reason: .trailingContent, offset: i, byte: p[i])
    }
  }

  private mutating func close(_ i: inout Int) {
    let top = stack.removeLast()
    i += 1
    nodes[top].end = i
    nodes[top].next = nodes.count
  }

  private mutating func parseKey(
    _ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int
  ) throws(JSONSyntaxError) {
    guard i < n else {
      throw JSONSyntaxError(reason: .unexpectedEnd, offset: i)
    }
    guard p[i] == 0x22 else {
      throw JSONSyntaxError(reason: .expectedKey, offset: i, byte: p[i])
    }
    try parseString(p, &i, n)
    i = skipSpace(p, i, n)
    guard i < n else {
      throw JSONSyntaxError(reason: .unexpectedEnd, offset: i)
    }
    guard p[i] == 0x3A else {
      throw JSONSyntaxError(reason: .expectedColon, offset: i, byte: p[i])
    }
    i = skipSpace(p, i + 1, n)
  }

  private mutating func parseString(
    _ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int
  ) throws(JSONSyntaxError) {
    let start = i + 1
    guard let (end, escaped) = findStringEnd(p, start, n) else {
      throw JSONSyntaxError(reason: .unexpectedEnd, offset: n)
    }
    nodes.append(
      Node(
        kind: .string, escaped: escaped, count: 0, start: start, end: end,
        next: nodes.count + 1))
    i = end + 1
  }

  private mutating func parseNumber(
    _ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int
  ) throws(JSONSyntaxError) {
    let start = i
    var j = i
    if p[j] == 0x2D { j += 1 }
    let intStart = j
    while j < n, p[j] >= 0x30, p[j] <= 0x39 { j += 1 }
    guard j > intStart, p[intStart] != 0x30 || j == intStart + 1 else {
      throw JSONSyntaxError(reason: .invalidNumber, offset: start)
    }
    if j < n, p[j] == 0x2E {
      j += 1
      let fracStart = j
      while j < n, p[j] >= 0x30, p[j] <= 0x39 { j += 1 }
      guard j > fracStart else {
        throw JSONSyntaxError(reason: .invalidNumber, offset: start)
      }
    }
    if j < n, p[j] == 0x65 || p[j] == 0x45 {
      j += 1
      if j < n, p[j] == 0x2B || p[j] == 0x2D { j += 1 }
      let expStart = j
      while j < n, p[j] >= 0x30, p[j] <= 0x39 { j += 1 }
      guard j > expStart else {
        throw JSONSyntaxError(reason: .invalidNumber, offset: start)
      }
    }
    nodes.append(
      Node(
        kind: .number, escaped: false, count: 0, start: start, end: j,
        next: nodes.count + 1))
    i = j
  }

  private mutating func parseLiteral(
    _ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int,
    _ text: StaticString, _ kind: Kind
  ) throws(JSONSyntaxError) {
    let length = text.utf8CodeUnitCount
    guard n - i >= length,
      memcmp(p + i, text.utf8Start, length) == 0
    else {
      throw JSONSyntaxError(reason: .invalidLiteral, offset: i, byte: p[i])
    }
    nodes.append(
      Node(
        kind: kind, escaped: false, count: 0, start: i, end: i + length,
        next: nodes.count + 1))
    i += length
  }
}

/// Finds the closing quote of a JSON string whose content starts at
/// `start`, jumping between quotes and backslashes with ``ByteScan``.
///
/// - Returns: The offset of the closing quote and whether a backslash
///   occurs before it, or `nil` when the text ends first.
@inline(__always)
func findStringEnd(
  _ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int
) -> (end: Int, escaped: Bool)? {
  var i = start
  var escaped = false
  while true {
    i = ByteScan.quoteOrBackslash(p, i, n)
    if i >= n { return nil }
    if p[i] == 0x22 { return (i, escaped) }
    // A backslash: the next byte is escaped, whatever it is.
    escaped = true
    i += 2
    if i > n { return nil }
  }
}

@inline(__always)
private func skipSpace(
  _ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int
) -> Int {
  var i = start
  while i < n {
    let c = p[i]
    guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { break }
    i += 1
  }
  return i
}
