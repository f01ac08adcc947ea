/// An IPv4 or IPv6 address, parsed from its text.
///
/// Parsing is strict: dotted-quad IPv4 with no leading zeros (so
/// `010.1.2.3`, which some tools read as octal, is not an address) and
/// RFC 4291 IPv6 text with `::` compression and an optional embedded IPv4
/// tail. Zone identifiers (`%eth0`) are not accepted.
public enum IPAddress: Hashable, Sendable, CustomStringConvertible {
  /// An IPv4 address, most significant octet first.
  case v4(UInt32)
  /// An IPv6 address as its high and low 64 bits.
  case v6(high: UInt64, low: UInt64)

  /// Parses an address from text.
  ///
  /// - Parameter text: `192.0.2.1` or `2001:db8::1`, with no port,
  ///   brackets or white space.
  /// - Returns: The address, or `nil` when the text is not one.
  /// - Complexity: O(*n*) in the length of the text.
  public init?(_ text: some StringProtocol) {
    let bytes = Array(text.utf8)
    if let v4 = IPAddress.parseV4(bytes[...]) {
      self = .v4(v4)
    } else if let (high, low) = IPAddress.parseV6(bytes[...]) {
      self = .v6(high: high, low: low)
    } else {
      return nil
    }
  }

  /// Parses an address that may carry a port: `192.0.2.1:4362`,
  /// `[2001:db8::1]:443`, `[2001:db8::1]` or a bare address.
  ///
  /// - Parameter text: The host and optional port.
  /// - Returns: The address and the port when one was written, or `nil`
  ///   when the host part is not an address or the port is not 0-65535.
  /// - Complexity: O(*n*) in the length of the text.
  public static func parse(
    hostAndPort text: some StringProtocol
  ) -> (address: IPAddress, port: UInt16?)? {
    if let address = IPAddress(text) { return (address, nil) }
    let s = Substring(text)
    if s.hasPrefix("[") {
      guard let close = s.firstIndex(of: "]"),
        let address = IPAddress(s[s.index(after: s.startIndex)..<close])
      else { return nil }
      let rest = s[s.index(after: close)...]
      if rest.isEmpty { return (address, nil) }
      guard rest.hasPrefix(":"), let port = UInt16(rest.dropFirst())
      else { return nil }
      return (address, port)
    }
    guard let colon = s.lastIndex(of: ":"),
      let address = IPAddress(s[..<colon]), case .v4 = address,
      let port = UInt16(s[s.index(after: colon)...])
    else { return nil }
    return (address, port)
  }

  /// Whether the address is not globally routable: IPv4 private
  /// (10/8, 172.16/12, 192.168/16), shared (100.64/10), loopback,
  /// link-local and unspecified; IPv6 loopback, unspecified, unique local
  /// (fc00::/7), link-local (fe80::/10) and IPv4-mapped private addresses.
  public var isPrivate: Bool {
    switch self {
    case .v4(let a):
      return a >> 24 == 10 || a >> 20 == 0xAC1 || a >> 16 == 0xC0A8
        || a >> 22 == 0x191 || a >> 24 == 127 || a >> 16 == 0xA9FE
        || a == 0
    case .v6(let high, let low):
      if high == 0 && (low == 0 || low == 1) { return true }
      if high >> 57 == 0x7E || high >> 54 == 0x3FA { return true }
      if high == 0 && low >> 32 == 0xFFFF {
        return IPAddress.v4(UInt32(truncatingIfNeeded: low)).isPrivate
      }
      return false
    }
  }

  /// The canonical text: dotted quad, or RFC 5952 IPv6 (lower case, the
  /// longest run of two or more zero groups compressed to `::`).
  public var description: String {
    switch self {
    case .v4(let a):
      return "\(a >> 24).\(a >> 16 & 255).\(a >> 8 & 255).\(a & 255)"
    case .v6(let high, let low):
      var groups = [UInt16](repeating: 0, count: 8)
      for i in 0..<4 {
        groups[i] = UInt16(truncatingIfNeeded: high >> (48 - 16 * i))
        groups[i + 4] = UInt16(truncatingIfNeeded: low >> (48 - 16 * i))
      }
      var bestStart = -1
      var bestLength = 1
      var i = 0
      while i < 8 {
        var j = i
        while j < 8 && groups[j] == 0 { j += 1 }
        if j - i > bestLength {
          bestStart = i
          bestLength = j - i
        }
        i = j == i ? i + 1 : j
      }
      func hex(_ range: Range<Int>) -> String {
        range.map { String(groups[$0], radix: 16) }.joined(separator: ":")
      }
      if bestStart < 0 { return hex(0..<8) }
      return hex(0..<bestStart) + "::"
        + hex((bestStart + bestLength)..<8)
    }
  }

  static func parseV4(_ bytes: ArraySlice<UInt8>) -> UInt32? {
    var value: UInt32 = 0
    var octets = 0
    var p = bytes.startIndex
    while octets < 4 {
      var octet = 0
      var digitCount = 0
      let start = p
      while p < bytes.endIndex, bytes[p] >= 0x30, bytes[p] <= 0x39 {
        octet = octet * 10 + Int(bytes[p] - 0x30)
        digitCount += 1
        p += 1
        if digitCount > 3 { return nil }
      }
      guard digitCount > 0, octet <= 255 else { return nil }
      if digitCount > 1 && bytes[start] == 0x30 { return nil }
      value = value << 8 | UInt32(octet)
      octets += 1
      if octets < 4 {
        guard p < bytes.endIndex, bytes[p] == 0x2E else { return nil }
        p += 1
      }
    }
    return p == bytes.endIndex ? value : nil
  }

  static func parseV6(_ bytes: ArraySlice<UInt8>) -> (UInt64, UInt64)? {
    guard bytes.count >= 2, bytes.count <= 45 else { return nil }
    var head: [UInt16] = []
    var tail: [UInt16] = []
    var sawGap = false
    var p = bytes.startIndex
    let end = bytes.endIndex
    if bytes[p] == 0x3A {
      guard bytes[p + 1] == 0x3A else { return nil }
      sawGap = true
      p += 2
    }
    while p < end {
      let groupStart = p
      var value = 0
      var hexCount = 0
      while p < end, let d = hexValue(bytes[p]) {
        value = value << 4 | d
        hexCount += 1
        p += 1
        if hexCount > 4 { return nil }
      }
      if p < end, bytes[p] == 0x2E {
        guard let v4 = parseV4(bytes[groupStart..<end]) else { return nil }
        let pair = [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
        if sawGap { tail += pair } else { head += pair }
        p = end
        break
      }
      guard hexCount > 0 else { return nil }
      if sawGap {
        tail.append(UInt16(value))
      } else {
        head.append(UInt16(value))
      }
      if p == end { break }
      guard bytes[p] == 0x3A, p + 1 < end else { return nil }
      p += 1
      if bytes[p] == 0x3A {
        guard !sawGap else { return nil }
        sawGap = true
        p += 1
      }
    }
    let count = head.count + tail.count
    guard sawGap ? count <= 7 : count == 8 else { return nil }
    let groups =
      head + [UInt16](repeating: 0, count: 8 - count) + tail
    var high: UInt64 = 0
    var low: UInt64 = 0
    for i in 0..<4 {
      high = high << 16 | UInt64(groups[i])
      low = low << 16 | UInt64(groups[i + 4])
    }
    return (high, low)
  }
}

private func hexValue(_ byte: UInt8) -> Int? {
  switch byte {
  case 0x30...0x39: return Int(byte - 0x30)
  case 0x41...0x46: return Int(byte - 0x41 + 10)
  case 0x61...0x66: return Int(byte - 0x61 + 10)
  default: return nil
  }
}
