/// Percent-encoding as the signing schemes define it: every byte but the
/// unreserved characters `A-Z a-z 0-9 - . _ ~` becomes `%XX` (upper-case
/// hexadecimal) of its UTF-8 bytes.
enum URIEncoding {
  /// Encodes a path or query component.
  ///
  /// - Parameters:
  ///   - text: The raw text.
  ///   - keepSlash: Whether `/` stays as is (object keys in paths).
  /// - Returns: The encoded text.
  static func encode(_ text: String, keepSlash: Bool = false) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var out = [UInt8]()
    out.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        out.append(byte)
      case UInt8(ascii: "/") where keepSlash:
        out.append(byte)
      default:
        out.append(UInt8(ascii: "%"))
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0x0F)])
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A query string of encoded names and values, sorted by encoded name
  /// and then value, as SigV4's canonical query string (and the request's
  /// own query, so both agree byte for byte).
  ///
  /// - Parameter items: Raw names and values; an empty value gives
  ///   `name=`.
  /// - Returns: `a=1&b=2`, or "" when there are no items.
  static func canonicalQuery(_ items: [(String, String)]) -> String {
    items.map { (encode($0.0), encode($0.1)) }
      .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
      .map { "\($0.0)=\($0.1)" }
      .joined(separator: "&")
  }
}
