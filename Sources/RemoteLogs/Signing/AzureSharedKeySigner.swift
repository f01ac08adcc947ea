import Foundation

/// Azure Storage Shared Key authorization (the `SharedKey` scheme,
/// service version 2015-02-21 and later): HMAC-SHA256 of the string to
/// sign under the base64-decoded account key.
public struct AzureSharedKeySigner: Sendable {
  /// The storage account.
  public var account: String
  /// The decoded account key; never printed.
  public var key: [UInt8]

  /// Creates a signer.
  ///
  /// - Parameters:
  ///   - account: The storage account.
  ///   - key: The decoded account key.
  public init(account: String, key: [UInt8]) {
    self.account = account
    self.key = key
  }

  /// The string to sign for a request without a body.
  ///
  /// Twelve standard header lines (verb, then Content-Encoding,
  /// Content-Language, Content-Length (empty when zero), Content-MD5,
  /// Content-Type, Date, If-Modified-Since, If-Match, If-None-Match,
  /// If-Unmodified-Since, Range), then the `x-ms-` headers lower-cased and
  /// sorted as `name:value` lines, then the canonicalized resource:
  /// `/account/path` followed by one `\nname:value` line per query
  /// parameter, names lower-cased and sorted, repeated values sorted and
  /// joined with `,`.
  ///
  /// - Parameters:
  ///   - method: The HTTP method.
  ///   - encodedPath: The request's path as sent (percent-encoded).
  ///   - query: Raw query names and values.
  ///   - headers: Request headers (only `x-ms-` ones and `Range` count).
  /// - Returns: The string to sign.
  public func stringToSign(
    method: String, encodedPath: String, query: [(String, String)],
    headers: [String: String]
  ) -> String {
    var lower: [String: String] = [:]
    for (name, value) in headers { lower[name.lowercased()] = value }
    var lines = [method]
    lines.append(contentsOf: Array(repeating: "", count: 10))
    lines.append(lower["range"] ?? "")
    for name in lower.keys.filter({ $0.hasPrefix("x-ms-") }).sorted() {
      lines.append(
        "\(name):\(lower[name]!.trimmingCharacters(in: .whitespaces))")
    }
    var resource = "/\(account)\(encodedPath.isEmpty ? "/" : encodedPath)"
    var parameters: [String: [String]] = [:]
    for (name, value) in query {
      parameters[name.lowercased(), default: []].append(value)
    }
    for name in parameters.keys.sorted() {
      resource +=
        "\n\(name):\(parameters[name]!.sorted().joined(separator: ","))"
    }
    lines.append(resource)
    return lines.joined(separator: "\n")
  }

  /// The `Authorization` header value.
  ///
  /// - Parameter stringToSign: From ``stringToSign(method:encodedPath:query:headers:)``.
  /// - Returns: `SharedKey account:base64(HMAC-SHA256)`.
  public func authorization(stringToSign: String) -> String {
    let mac = Digest.hmacSHA256(key: key, stringToSign)
    return "SharedKey \(account):\(Data(mac).base64EncodedString())"
  }

  /// An RFC 1123 date for `x-ms-date`, e.g. `Sun, 30 Aug 2015 12:36:00
  /// GMT`.
  ///
  /// - Parameter seconds: Seconds since 1970-01-01T00:00:00Z.
  /// - Returns: The date text.
  public static func httpDate(_ seconds: Int64) -> String {
    let day = CivilDay(containing: seconds)
    let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
      "Nov", "Dec",
    ]
    let weekday = weekdays[Int(((day.daysSinceEpoch % 7) + 7) % 7)]
    let rest = seconds - day.startSeconds
    return "\(weekday), \(CivilDay.pad(day.day, 2)) \(months[day.month - 1]) "
      + "\(day.year) \(CivilDay.pad(Int(rest / 3600), 2)):"
      + "\(CivilDay.pad(Int(rest % 3600 / 60), 2)):"
      + "\(CivilDay.pad(Int(rest % 60), 2)) GMT"
  }
}
