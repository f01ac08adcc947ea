import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Google Cloud Storage through the JSON API (`objects.list` and
/// `objects.get?alt=media`) with an OAuth bearer token.
final class GCSStore: ObjectStore {
  let location: RemoteLocation
  let credentialSource: String
  private let credentials: GCSCredentials
  private let client: HTTPClient

  /// Creates a store.
  ///
  /// - Parameters:
  ///   - location: The bucket and prefix.
  ///   - credentials: Token and endpoint.
  ///   - client: The HTTP client.
  init(
    location: RemoteLocation, credentials: GCSCredentials, client: HTTPClient
  ) {
    self.location = location
    self.credentials = credentials
    self.client = client
    credentialSource = credentials.source
  }

  func listPage(prefix: String, delimiter: String?, token: String?)
    async throws(RemoteLogsError) -> ListingPage
  {
    var query = [("prefix", prefix), ("maxResults", "1000")]
    if let delimiter { query.append(("delimiter", delimiter)) }
    if let token { query.append(("pageToken", token)) }
    let name = "gs://\(location.bucket)/\(prefix)"
    let url = try makeURL(
      "/storage/v1/b/\(URIEncoding.encode(location.bucket))/o", query: query,
      name: name)
    let (response, body) = try await client.send(
      request(url), location: name)
    guard response.statusCode == 200 else {
      throw failure(status: response.statusCode, body: body, name: name)
    }
    guard
      let object = try? JSONSerialization.jsonObject(with: body)
        as? [String: Any]
    else {
      throw .malformedResponse(location: name, reason: "not a JSON object")
    }
    var page = ListingPage()
    for item in object["items"] as? [[String: Any]] ?? [] {
      guard let key = item["name"] as? String else { continue }
      let size = (item["size"] as? String).flatMap { Int64($0) } ?? 0
      let etag =
        item["etag"] as? String ?? item["generation"] as? String
        ?? item["md5Hash"] as? String ?? ""
      page.objects.append(RemoteObject(key: key, size: size, etag: etag))
    }
    page.prefixes = object["prefixes"] as? [String] ?? []
    page.nextToken = object["nextPageToken"] as? String
    return page
  }

  func download(_ object: RemoteObject, to destination: URL)
    async throws(RemoteLogsError)
  {
    let name = "gs://\(location.bucket)/\(object.key)"
    let url = try makeURL(
      "/storage/v1/b/\(URIEncoding.encode(location.bucket))/o/"
        + URIEncoding.encode(object.key),
      query: [("alt", "media")], name: name)
    let (response, body) = try await client.download(
      request(url), to: destination, location: name)
    guard (200..<300).contains(response.statusCode) else {
      throw failure(status: response.statusCode, body: body, name: name)
    }
  }

  private func makeURL(
    _ path: String, query: [(String, String)], name: String
  ) throws(RemoteLogsError) -> URL {
    let text =
      credentials.endpoint + path + "?" + URIEncoding.canonicalQuery(query)
    guard let url = URL(string: text) else {
      throw .malformedLocation(name, reason: "cannot form a URL")
    }
    return url
  }

  private func request(_ url: URL) -> HTTPClient.RequestBuilder {
    let token = credentials.accessToken
    return {
      var request = URLRequest(url: url)
      if let token {
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
      }
      return request
    }
  }
}
