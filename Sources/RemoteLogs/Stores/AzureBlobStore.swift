import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Azure Blob Storage through List Blobs and Get Blob, authorized by a
/// SAS token or Shared Key.
final class AzureBlobStore: ObjectStore {
  let location: RemoteLocation
  let credentialSource: String
  private let credentials: AzureCredentials
  private let client: HTTPClient

  /// The service version requested (`x-ms-version`).
  static let version = "2021-08-06"

  /// Creates a store.
  ///
  /// - Parameters:
  ///   - location: The account, container and prefix.
  ///   - credentials: SAS token or account key.
  ///   - client: The HTTP client.
  init(
    location: RemoteLocation, credentials: AzureCredentials,
    client: HTTPClient
  ) {
    self.location = location
    self.credentials = credentials
    self.client = client
    credentialSource = credentials.source
  }

  func listPage(prefix: String, delimiter: String?, token: String?)
    async throws(RemoteLogsError) -> ListingPage
  {
    var query = [
      ("restype", "container"), ("comp", "list"), ("prefix", prefix),
      ("maxresults", "5000"),
    ]
    if let delimiter { query.append(("delimiter", delimiter)) }
    if let token { query.append(("marker", token)) }
    let name = "\(location.endpoint ?? "")/\(location.bucket)/\(prefix)"
    let (response, body) = try await client.send(
      try request(path: "/\(location.bucket)", query: query, name: name),
      location: name)
    guard response.statusCode == 200 else {
      throw failure(status: response.statusCode, body: body, name: name)
    }
    var page = ListingPage()
    var key = ""
    var size: Int64 = 0
    var etag = ""
    for element in XMLElements.parse(body) {
      switch element.path {
      case "EnumerationResults/Blobs/Blob/Name": key = element.text
      case "EnumerationResults/Blobs/Blob/Properties/Content-Length":
        size = Int64(element.text) ?? 0
      case "EnumerationResults/Blobs/Blob/Properties/Etag": etag = element.text
      case "EnumerationResults/Blobs/Blob":
        page.objects.append(RemoteObject(key: key, size: size, etag: etag))
        (key, size, etag) = ("", 0, "")
      case "EnumerationResults/Blobs/BlobPrefix/Name":
        page.prefixes.append(element.text)
      case "EnumerationResults/NextMarker":
        page.nextToken = element.text.isEmpty ? nil : element.text
      default: break
      }
    }
    return page
  }

  func download(_ object: RemoteObject, to destination: URL)
    async throws(RemoteLogsError)
  {
    let name = "\(location.endpoint ?? "")/\(location.bucket)/\(object.key)"
    let (response, body) = try await client.download(
      try request(
        path: "/\(location.bucket)/\(object.key)", query: [], name: name),
      to: destination, location: name)
    guard (200..<300).contains(response.statusCode) else {
      throw failure(status: response.statusCode, body: body, name: name)
    }
  }

  private func request(
    path: String, query: [(String, String)], name: String
  ) throws(RemoteLogsError) -> HTTPClient.RequestBuilder {
    let endpoint = location.endpoint ?? ""
    var queryText = URIEncoding.canonicalQuery(query)
    if case .sas(let token) = credentials.method {
      queryText += (queryText.isEmpty ? "" : "&") + token
    }
    let encodedPath = URIEncoding.encode(path, keepSlash: true)
    guard
      let url = URL(
        string: endpoint + encodedPath
          + (queryText.isEmpty ? "" : "?\(queryText)"))
    else {
      throw .malformedLocation(name, reason: "cannot form a URL")
    }
    let method = credentials.method
    let signer: AzureSharedKeySigner?
    if case .sharedKey(let key) = method {
      signer = AzureSharedKeySigner(account: location.account ?? "", key: key)
    } else {
      signer = nil
    }
    return {
      var request = URLRequest(url: url)
      let date = AzureSharedKeySigner.httpDate(
        Int64(Date().timeIntervalSince1970))
      let headers = ["x-ms-date": date, "x-ms-version": Self.version]
      for (header, value) in headers {
        request.setValue(value, forHTTPHeaderField: header)
      }
      if let signer {
        let toSign = signer.stringToSign(
          method: "GET",
          encodedPath: url.path.isEmpty ? "/" : encodedPathOf(url),
          query: query, headers: headers)
        request.setValue(
          signer.authorization(stringToSign: toSign),
          forHTTPHeaderField: "Authorization")
      }
      return request
    }
  }
}

/// The percent-encoded path of a URL as it is sent.
private func encodedPathOf(_ url: URL) -> String {
  URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath
    ?? url.path
}
