import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Amazon S3 (and S3-compatible stores) through ListObjectsV2 and GET,
/// signed with SigV4.
///
/// Requests go to `https://BUCKET.s3.REGION.amazonaws.com` (path-style
/// `https://s3.REGION.amazonaws.com/BUCKET` when the bucket name has a
/// dot), or path-style to a custom endpoint. When S3 answers that the
/// bucket lives in another region (`x-amz-bucket-region`), the request is
/// signed again for that region.
final class S3Store: ObjectStore {
  let location: RemoteLocation
  let credentialSource: String
  private let credentials: AWSCredentials
  private let client: HTTPClient
  private let regionLock = NSLock()
  private nonisolated(unsafe) var region: String

  /// Creates a store.
  ///
  /// - Parameters:
  ///   - location: The bucket and prefix.
  ///   - credentials: Keys, region and endpoint.
  ///   - client: The HTTP client.
  init(
    location: RemoteLocation, credentials: AWSCredentials, client: HTTPClient
  ) {
    self.location = location
    self.credentials = credentials
    self.client = client
    region = credentials.region
    credentialSource = credentials.source
  }

  private var currentRegion: String { regionLock.withLock { region } }

  func listPage(prefix: String, delimiter: String?, token: String?)
    async throws(RemoteLogsError) -> ListingPage
  {
    var query = [("list-type", "2"), ("prefix", prefix)]
    if let delimiter { query.append(("delimiter", delimiter)) }
    if let token { query.append(("continuation-token", token)) }
    let name = "s3://\(location.bucket)/\(prefix)"
    let (response, body) = try await send(path: "", query: query, name: name)
    guard response.statusCode == 200 else {
      throw failure(status: response.statusCode, body: body, name: name)
    }
    var page = ListingPage()
    var key = ""
    var size: Int64 = 0
    var etag = ""
    var truncated = false
    for element in XMLElements.parse(body) {
      switch element.path {
      case "ListBucketResult/Contents/Key": key = element.text
      case "ListBucketResult/Contents/Size": size = Int64(element.text) ?? 0
      case "ListBucketResult/Contents/ETag": etag = element.text
      case "ListBucketResult/Contents":
        page.objects.append(RemoteObject(key: key, size: size, etag: etag))
        (key, size, etag) = ("", 0, "")
      case "ListBucketResult/CommonPrefixes/Prefix":
        page.prefixes.append(element.text)
      case "ListBucketResult/IsTruncated": truncated = element.text == "true"
      case "ListBucketResult/NextContinuationToken":
        page.nextToken = element.text
      default: break
      }
    }
    if !truncated { page.nextToken = nil }
    if truncated && page.nextToken == nil {
      throw .malformedResponse(
        location: name, reason: "truncated without NextContinuationToken")
    }
    return page
  }

  func download(_ object: RemoteObject, to destination: URL)
    async throws(RemoteLogsError)
  {
    let name = "s3://\(location.bucket)/\(object.key)"
    let (response, body) = try await send(
      path: object.key, query: [], name: name, to: destination)
    guard (200..<300).contains(response.statusCode) else {
      throw failure(status: response.statusCode, body: body, name: name)
    }
  }

  /// Sends a signed GET, once more for the bucket's own region when S3
  /// names another one.
  private func send(
    path key: String, query: [(String, String)], name: String,
    to destination: URL? = nil
  ) async throws(RemoteLogsError) -> (HTTPURLResponse, Data) {
    var result = try await sendOnce(
      key: key, query: query, name: name, to: destination,
      region: currentRegion)
    if [301, 400].contains(result.0.statusCode),
      let actual = result.0.value(forHTTPHeaderField: "x-amz-bucket-region"),
      !actual.isEmpty, actual != currentRegion
    {
      regionLock.withLock { region = actual }
      result = try await sendOnce(
        key: key, query: query, name: name, to: destination, region: actual)
    }
    return result
  }

  private func sendOnce(
    key: String, query: [(String, String)], name: String, to destination: URL?,
    region: String
  ) async throws(RemoteLogsError) -> (HTTPURLResponse, Data) {
    let base: String
    var rawPath: String
    if let endpoint = credentials.endpoint {
      base = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
      rawPath = "/\(location.bucket)/\(key)"
    } else if location.bucket.contains(".") {
      base = "https://s3.\(region).amazonaws.com"
      rawPath = "/\(location.bucket)/\(key)"
    } else {
      base = "https://\(location.bucket).s3.\(region).amazonaws.com"
      rawPath = "/\(key)"
    }
    if key.isEmpty && rawPath.count > 1 { rawPath.removeLast() }
    let path = rawPath
    let credentials = self.credentials
    let signer = SigV4Signer(
      accessKeyID: credentials.accessKeyID,
      secretAccessKey: credentials.secretAccessKey, region: region,
      service: "s3")
    let canonicalQuery = URIEncoding.canonicalQuery(query)
    let urlText =
      base + SigV4Signer.canonicalURI(path)
      + (canonicalQuery.isEmpty ? "" : "?\(canonicalQuery)")
    guard let url = URL(string: urlText), let host = url.host else {
      throw .malformedLocation(name, reason: "cannot form a URL")
    }
    let hostHeader = url.port.map { "\(host):\($0)" } ?? host
    let build: HTTPClient.RequestBuilder = {
      let amzDate = SigV4Signer.amzDate(Int64(Date().timeIntervalSince1970))
      let payload = Digest.hex(Digest.sha256([]))
      var headers = [
        ("host", hostHeader), ("x-amz-date", amzDate),
        ("x-amz-content-sha256", payload),
      ]
      if let token = credentials.sessionToken {
        headers.append(("x-amz-security-token", token))
      }
      let authorization = signer.authorization(
        SigV4Signer.Request(
          method: "GET", path: path, query: query, headers: headers,
          payloadHash: payload),
        amzDate: amzDate)
      var request = URLRequest(url: url)
      for (header, value) in headers where header != "host" {
        request.setValue(value, forHTTPHeaderField: header)
      }
      request.setValue(authorization, forHTTPHeaderField: "Authorization")
      return request
    }
    if let destination {
      return try await client.download(build, to: destination, location: name)
    }
    return try await client.send(build, location: name)
  }
}
