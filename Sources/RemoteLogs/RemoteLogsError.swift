/// Why remote logs could not be listed or fetched. Descriptions name the
/// location (bucket and prefix) and never contain a secret.
public enum RemoteLogsError: Error, Sendable, Equatable,
  CustomStringConvertible
{
  /// The text is not a location this module reads.
  case malformedLocation(String, reason: String)
  /// No credentials were found for a cloud; `hint` says where they are
  /// looked for.
  case noCredentials(String, hint: String)
  /// A credentials or config file could not be used.
  case badCredentials(String)
  /// The store refused access (HTTP 401 or 403).
  case accessDenied(location: String, status: Int, message: String)
  /// The bucket or container does not exist (HTTP 404 on a listing).
  case notFound(location: String, message: String)
  /// Another HTTP failure, after retries when it was transient.
  case http(location: String, status: Int, message: String)
  /// A network failure after retries.
  case transport(location: String, message: String)
  /// A listing response could not be parsed.
  case malformedResponse(location: String, reason: String)
  /// The walk found more folders than the limit: the prefix is too broad.
  case tooManyFolders(location: String, limit: Int)
  /// The cache directory could not be written.
  case cache(path: String, message: String)

  /// A one-line explanation.
  public var description: String {
    switch self {
    case .malformedLocation(let text, let reason):
      // Up to the query, which may hold a SAS token.
      let shown = text.split(separator: "?", maxSplits: 1).first ?? ""
      return "not a remote location: \(shown): \(reason)"
    case .noCredentials(let service, let hint):
      return "no \(service) credentials found: \(hint)"
    case .badCredentials(let message):
      return message
    case .accessDenied(let location, let status, let message):
      return "access denied (HTTP \(status)) to \(location): \(message); "
        + "check the credentials' permission to list and read it"
    case .notFound(let location, let message):
      return "not found: \(location): \(message); check the bucket or "
        + "container name"
    case .http(let location, let status, let message):
      return "HTTP \(status) from \(location): \(message)"
    case .transport(let location, let message):
      return "cannot reach \(location): \(message)"
    case .malformedResponse(let location, let reason):
      return "unexpected listing response for \(location): \(reason)"
    case .tooManyFolders(let location, let limit):
      return "more than \(limit) folders under \(location) that are not "
        + "date folders; give a narrower prefix"
    case .cache(let path, let message):
      return "cannot write the cache \(path): \(message)"
    }
  }
}
