import Foundation

/// An object in a store: its key, size and entity tag.
public struct RemoteObject: Sendable, Hashable {
  /// The full key (object name).
  public var key: String
  /// The size in bytes.
  public var size: Int64
  /// The entity tag (or generation), which changes when the object does.
  public var etag: String

  /// Creates an object description.
  ///
  /// - Parameters:
  ///   - key: The key.
  ///   - size: The size in bytes.
  ///   - etag: The entity tag.
  public init(key: String, size: Int64, etag: String) {
    self.key = key
    self.size = size
    self.etag = etag
  }
}

/// One page of a listing.
struct ListingPage: Sendable {
  /// Objects directly matched (all below the prefix when there is no
  /// delimiter).
  var objects: [RemoteObject] = []
  /// Common prefixes ("folders"), each ending in the delimiter.
  var prefixes: [String] = []
  /// The token for the next page, or nil on the last.
  var nextToken: String?
}

/// What the fetcher needs of a cloud's API: paged listing with an optional
/// delimiter, and download to a file.
protocol ObjectStore: Sendable {
  /// The bucket and the prefix the user gave.
  var location: RemoteLocation { get }
  /// Where the credentials came from.
  var credentialSource: String { get }

  /// Lists one page.
  ///
  /// - Parameters:
  ///   - prefix: Keys starting with this.
  ///   - delimiter: Groups keys at the next `/` into prefixes, or nil.
  ///   - token: The previous page's ``ListingPage/nextToken``.
  /// - Returns: The page.
  /// - Throws: ``RemoteLogsError`` naming the bucket and prefix.
  func listPage(prefix: String, delimiter: String?, token: String?)
    async throws(RemoteLogsError) -> ListingPage

  /// Downloads an object to a file.
  ///
  /// - Parameters:
  ///   - object: The object.
  ///   - destination: The file to write.
  /// - Throws: ``RemoteLogsError`` naming the object.
  func download(_ object: RemoteObject, to destination: URL)
    async throws(RemoteLogsError)
}

extension ObjectStore {
  /// Lists every page.
  ///
  /// - Parameters:
  ///   - prefix: Keys starting with this.
  ///   - delimiter: `/` to group folders, or nil for every key below.
  ///   - firstPageOnly: Stop after the first page.
  /// - Returns: The objects and prefixes of all pages, and whether more
  ///   pages were left unread.
  /// - Throws: ``RemoteLogsError``.
  func list(prefix: String, delimiter: String?, firstPageOnly: Bool = false)
    async throws(RemoteLogsError) -> (page: ListingPage, truncated: Bool)
  {
    var all = ListingPage()
    var token: String?
    repeat {
      let page = try await listPage(
        prefix: prefix, delimiter: delimiter, token: token)
      all.objects += page.objects
      all.prefixes += page.prefixes
      token = page.nextToken
      if firstPageOnly { return (all, token != nil) }
    } while token != nil
    return (all, false)
  }

  /// The error for a failed response, naming what was asked for.
  ///
  /// - Parameters:
  ///   - status: The HTTP status.
  ///   - body: The start of the response body.
  ///   - name: The bucket and prefix, or the object.
  /// - Returns: Access denied for 401 and 403, not found for 404, else an
  ///   HTTP error, with the store's own message.
  func failure(status: Int, body: Data, name: String) -> RemoteLogsError {
    let message = Self.message(body)
    switch status {
    case 401, 403:
      return .accessDenied(
        location: name, status: status, message: message)
    case 404: return .notFound(location: name, message: message)
    default: return .http(location: name, status: status, message: message)
    }
  }

  /// The store's message from an XML (`<Code>`, `<Message>`) or JSON
  /// (`error.message`) error body, else its first 200 characters.
  static func message(_ body: Data) -> String {
    if let object = try? JSONSerialization.jsonObject(with: body)
      as? [String: Any],
      let error = object["error"] as? [String: Any],
      let text = error["message"] as? String
    {
      return text
    }
    let elements = XMLElements.parse(body)
    let code = elements.last { $0.path.hasSuffix("Code") }?.text
    let message = elements.last { $0.path.hasSuffix("Message") }?.text
    if code != nil || message != nil {
      return [code, message].compactMap { $0 }.joined(separator: ": ")
    }
    let text = String(decoding: body.prefix(200), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    return text.isEmpty ? "no message" : text
  }
}
