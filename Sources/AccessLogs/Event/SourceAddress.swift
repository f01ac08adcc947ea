/// Where a request came from, as the log wrote it.
///
/// Logs write an IP address most of the time, but not always: CloudTrail
/// writes the calling service's name (`s3.amazonaws.com`) or `AWS Internal`
/// for requests that AWS makes itself, GCS may write `private` or nothing,
/// and some tools anonymise addresses into invalid text. Such values are
/// kept as ``name(_:)`` so that nothing is lost and nothing is mistaken for
/// an address.
public enum SourceAddress: Hashable, Sendable, CustomStringConvertible {
  /// A parsed IPv4 or IPv6 address.
  case ip(IPAddress)
  /// Text that is not an IP address, kept verbatim.
  case name(String)

  /// Classifies source text: an address when it parses as one (a port or
  /// brackets are removed first), otherwise the verbatim text.
  ///
  /// - Parameter text: The logged value; empty text and `-` give `nil`.
  /// - Returns: The source, or `nil` when the log recorded none.
  /// - Complexity: O(*n*) in the length of the text.
  public static func classify(_ text: String) -> SourceAddress? {
    if text.isEmpty || text == "-" { return nil }
    if let parsed = IPAddress.parse(hostAndPort: text) {
      return .ip(parsed.address)
    }
    return .name(text)
  }

  /// The address, when the source is one.
  public var ipAddress: IPAddress? {
    if case .ip(let address) = self { return address }
    return nil
  }

  /// How the source is written in reports: `ipv4`, `ipv6` or `name`.
  public var kindName: String {
    switch self {
    case .ip(.v4): return "ipv4"
    case .ip(.v6): return "ipv6"
    case .name: return "name"
    }
  }

  /// The canonical address text, or the verbatim name.
  public var description: String {
    switch self {
    case .ip(let address): return address.description
    case .name(let text): return text
    }
  }
}
