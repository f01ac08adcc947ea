/// AWS Signature Version 4 (the `AWS4-HMAC-SHA256` scheme): canonical
/// request, string to sign, signing key and `Authorization` header.
///
/// Paths are encoded once, segment by segment, and never normalized, as
/// S3 requires; query names and values are encoded and sorted. Checked
/// against the public SigV4 test-suite vectors.
public struct SigV4Signer: Sendable {
  /// A request to sign, with raw (unencoded) path and query.
  public struct Request: Sendable {
    /// `GET`, `POST`, ...
    public var method: String
    /// The raw path, starting with `/`.
    public var path: String
    /// Raw query names and values.
    public var query: [(String, String)]
    /// Headers to sign (names in any case); must include `host`.
    public var headers: [(String, String)]
    /// Lower-case hexadecimal SHA-256 of the body, or `UNSIGNED-PAYLOAD`.
    public var payloadHash: String

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - method: The HTTP method.
    ///   - path: The raw path.
    ///   - query: Raw query items.
    ///   - headers: Headers to sign.
    ///   - payloadHash: The body's SHA-256 in hexadecimal.
    public init(
      method: String, path: String, query: [(String, String)] = [],
      headers: [(String, String)],
      payloadHash: String = Digest.hex(Digest.sha256([]))
    ) {
      self.method = method
      self.path = path
      self.query = query
      self.headers = headers
      self.payloadHash = payloadHash
    }
  }

  /// The access key ID.
  public var accessKeyID: String
  /// The secret access key.
  public var secretAccessKey: String
  /// The region of the credential scope, e.g. `us-east-1`.
  public var region: String
  /// The service of the credential scope, e.g. `s3`.
  public var service: String

  /// Creates a signer.
  ///
  /// - Parameters:
  ///   - accessKeyID: The access key ID.
  ///   - secretAccessKey: The secret access key.
  ///   - region: The region.
  ///   - service: The service name.
  public init(
    accessKeyID: String, secretAccessKey: String, region: String,
    service: String
  ) {
    self.accessKeyID = accessKeyID
    self.secretAccessKey = secretAccessKey
    self.region = region
    self.service = service
  }

  /// The canonical URI: each path segment encoded once.
  ///
  /// - Parameter path: The raw path; empty means `/`.
  /// - Returns: The encoded path.
  public static func canonicalURI(_ path: String) -> String {
    path.isEmpty ? "/" : URIEncoding.encode(path, keepSlash: true)
  }

  /// The canonical request and the signed header list.
  ///
  /// Header names are lower-cased and sorted; values are trimmed with
  /// inner runs of spaces collapsed; repeated names are joined with `,`.
  ///
  /// - Parameter request: The request.
  /// - Returns: The canonical request text and `a;b;c`.
  public func canonicalRequest(_ request: Request) -> (
    text: String, signedHeaders: String
  ) {
    var merged: [String: [String]] = [:]
    for (name, value) in request.headers {
      let trimmed = value.split(separator: " ", omittingEmptySubsequences: true)
        .joined(separator: " ")
      merged[name.lowercased(), default: []].append(trimmed)
    }
    let names = merged.keys.sorted()
    let headerLines = names.map {
      "\($0):\(merged[$0]!.joined(separator: ","))"
    }
    let signed = names.joined(separator: ";")
    let text = [
      request.method, Self.canonicalURI(request.path),
      URIEncoding.canonicalQuery(request.query),
      headerLines.joined(separator: "\n") + "\n", signed,
      request.payloadHash,
    ].joined(separator: "\n")
    return (text, signed)
  }

  /// The credential scope, `YYYYMMDD/region/service/aws4_request`.
  ///
  /// - Parameter amzDate: `YYYYMMDD'T'HHMMSS'Z'`.
  /// - Returns: The scope.
  public func scope(amzDate: String) -> String {
    "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request"
  }

  /// The string to sign for a canonical request.
  ///
  /// - Parameters:
  ///   - canonicalRequest: The canonical request text.
  ///   - amzDate: `YYYYMMDD'T'HHMMSS'Z'`.
  /// - Returns: `AWS4-HMAC-SHA256\n<date>\n<scope>\n<hex sha256>`.
  public func stringToSign(canonicalRequest: String, amzDate: String)
    -> String
  {
    [
      "AWS4-HMAC-SHA256", amzDate, scope(amzDate: amzDate),
      Digest.hex(Digest.sha256(canonicalRequest)),
    ].joined(separator: "\n")
  }

  /// The hexadecimal signature of a string to sign, with the key derived
  /// from the secret, date, region and service.
  ///
  /// - Parameters:
  ///   - stringToSign: The string to sign.
  ///   - amzDate: `YYYYMMDD'T'HHMMSS'Z'`.
  /// - Returns: 64 hexadecimal digits.
  public func signature(stringToSign: String, amzDate: String) -> String {
    var key = Digest.hmacSHA256(
      key: Array("AWS4\(secretAccessKey)".utf8), String(amzDate.prefix(8)))
    key = Digest.hmacSHA256(key: key, region)
    key = Digest.hmacSHA256(key: key, service)
    key = Digest.hmacSHA256(key: key, "aws4_request")
    return Digest.hex(Digest.hmacSHA256(key: key, stringToSign))
  }

  /// The `Authorization` header value for a request whose headers already
  /// hold `x-amz-date` (and `x-amz-security-token` for temporary keys).
  ///
  /// - Parameters:
  ///   - request: The request.
  ///   - amzDate: The same `YYYYMMDD'T'HHMMSS'Z'` as its `x-amz-date`.
  /// - Returns: `AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
  ///   Signature=...`.
  public func authorization(_ request: Request, amzDate: String) -> String {
    let canonical = canonicalRequest(request)
    let toSign = stringToSign(
      canonicalRequest: canonical.text, amzDate: amzDate)
    return "AWS4-HMAC-SHA256 Credential=\(accessKeyID)/"
      + "\(scope(amzDate: amzDate)), SignedHeaders=\(canonical.signedHeaders)"
      + ", Signature=\(signature(stringToSign: toSign, amzDate: amzDate))"
  }

  /// `YYYYMMDD'T'HHMMSS'Z'` for an instant.
  ///
  /// - Parameter seconds: Seconds since 1970-01-01T00:00:00Z.
  /// - Returns: The SigV4 date.
  public static func amzDate(_ seconds: Int64) -> String {
    let day = CivilDay(containing: seconds)
    let rest = seconds - day.startSeconds
    return day.compact + "T" + CivilDay.pad(Int(rest / 3600), 2)
      + CivilDay.pad(Int(rest % 3600 / 60), 2)
      + CivilDay.pad(Int(rest % 60), 2) + "Z"
  }
}
