/// Splits the paths that Azure Storage logs write into account, container
/// and blob.
enum AzureObjectPath {
  /// The parts of an object path; each `nil` when the path stops short.
  struct Parts: Equatable {
    /// The storage account.
    var account: String?
    /// The container (or Data Lake file system).
    var container: String?
    /// The blob name, with any `/` inside it.
    var blob: String?
  }

  /// Splits an `objectKey`, `/<account>/<container>/<blob>`, decoding
  /// percent escapes; the blob keeps every `/` after the container.
  ///
  /// - Parameter key: The logged key; a key that does not start with `/`
  ///   is read as if it did.
  /// - Returns: The parts present (`/acct` names only the account).
  static func split(objectKey key: String) -> Parts {
    var path = key.utf8[...]
    if path.first == 0x2F { path = path.dropFirst() }
    return splitPath(path, account: nil)
  }

  /// Splits a request URI, `https://<account>.blob.core.windows.net[:443]/
  /// <container>/<blob>?<query>`, decoding percent escapes.
  ///
  /// - Parameter uri: The logged URI.
  /// - Returns: The parts, or `nil` when the host is not a `blob` or `dfs`
  ///   endpoint (IP-addressed and emulator URIs name the account in the
  ///   path and are not split).
  static func split(uri: String) -> Parts? {
    var rest = uri.utf8[...]
    if let scheme = uri.utf8.firstRange(of: "://".utf8) {
      rest = rest[scheme.upperBound...]
    }
    let hostEnd = rest.firstIndex(of: 0x2F) ?? rest.endIndex
    let host = rest[..<hostEnd]
    guard let dot = host.firstIndex(of: 0x2E) else { return nil }
    let domain = host[dot...]
    guard
      domain.starts(with: ".blob.".utf8) || domain.starts(with: ".dfs.".utf8)
    else { return nil }
    var path = rest[hostEnd...]
    if let query = path.firstIndex(where: { $0 == 0x3F || $0 == 0x23 }) {
      path = path[..<query]
    }
    if path.first == 0x2F { path = path.dropFirst() }
    return splitPath(path, account: String(Substring(host[..<dot])))
  }

  private static func splitPath(
    _ path: Substring.UTF8View, account: String?
  ) -> Parts {
    var parts = Parts(account: account)
    var rest = path
    if account == nil {
      let end = rest.firstIndex(of: 0x2F) ?? rest.endIndex
      if end > rest.startIndex { parts.account = decoded(rest[..<end]) }
      rest =
        end < rest.endIndex ? rest[rest.index(after: end)...] : rest[end...]
    }
    let end = rest.firstIndex(of: 0x2F) ?? rest.endIndex
    if end > rest.startIndex { parts.container = decoded(rest[..<end]) }
    if end < rest.endIndex {
      let blob = rest[rest.index(after: end)...]
      if !blob.isEmpty { parts.blob = decoded(blob) }
    }
    return parts
  }

  /// Decodes `%XX` escapes; a `%` not followed by two hexadecimal digits
  /// is kept as is, and invalid UTF-8 becomes U+FFFD. `+` is kept (it is
  /// literal in a path).
  static func decoded(_ text: Substring.UTF8View) -> String {
    guard text.contains(0x25) else { return String(Substring(text)) }
    let bytes = Array(text)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      if bytes[i] == 0x25, i + 2 < bytes.count,
        let high = hexDigit(bytes[i + 1]), let low = hexDigit(bytes[i + 2])
      {
        out.append(high << 4 | low)
        i += 3
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The account of an Azure resource id `.../storageAccounts/<a>/...`,
  /// in lower case (account names are lower case; exports often write the
  /// whole id in upper case).
  static func account(ofResourceId id: String) -> String? {
    let lower = id.lowercased()
    guard let range = lower.firstRange(of: "/storageaccounts/") else {
      return nil
    }
    let rest = lower[range.upperBound...]
    let account = rest[..<(rest.firstIndex(of: "/") ?? rest.endIndex)]
    return account.isEmpty ? nil : String(account)
  }

  private static func hexDigit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: return byte - 0x30
    case 0x41...0x46: return byte - 0x41 + 10
    case 0x61...0x66: return byte - 0x61 + 10
    default: return nil
    }
  }
}
