import Foundation

/// A bucket (or container) and key prefix in a cloud object store, parsed
/// from the form a user types.
///
/// Accepted forms:
/// - `s3://bucket/prefix`
/// - `gs://bucket/prefix`
/// - `https://account.blob.core.windows.net/container/prefix[?SAS]`
/// - `http(s)://host:port/account/container/prefix[?SAS]` for Azure
///   emulators on a loopback or IP address (path-style, as Azurite).
public struct RemoteLocation: Sendable, Hashable, CustomStringConvertible {
  /// The cloud.
  public enum Service: String, Sendable, Hashable {
    /// Amazon S3 (or an S3-compatible store).
    case s3
    /// Google Cloud Storage.
    case gcs = "gs"
    /// Azure Blob Storage.
    case azure
  }

  /// The cloud.
  public let service: Service
  /// The bucket, or the Azure container.
  public let bucket: String
  /// The key prefix, possibly empty; not necessarily ending in `/`.
  public let prefix: String
  /// The Azure storage account; nil for other clouds.
  public let account: String?
  /// The Azure endpoint, e.g. `https://acct.blob.core.windows.net`;
  /// nil for other clouds.
  public let endpoint: String?
  /// A SAS token given in the URL (without `?`); never printed.
  public let sasToken: String?

  /// Creates a location.
  ///
  /// - Parameters:
  ///   - service: The cloud.
  ///   - bucket: The bucket or container.
  ///   - prefix: The key prefix.
  ///   - account: The Azure account.
  ///   - endpoint: The Azure endpoint.
  ///   - sasToken: A SAS token.
  public init(
    service: Service, bucket: String, prefix: String, account: String? = nil,
    endpoint: String? = nil, sasToken: String? = nil
  ) {
    self.service = service
    self.bucket = bucket
    self.prefix = prefix
    self.account = account
    self.endpoint = endpoint
    self.sasToken = sasToken
  }

  /// The location as typed, without any SAS token.
  public var description: String {
    switch service {
    case .s3, .gcs: return "\(service.rawValue)://\(bucket)/\(prefix)"
    case .azure: return "\(endpoint ?? "")/\(bucket)/\(prefix)"
    }
  }

  /// Whether a path names a remote location rather than a local file:
  /// it starts with `s3://`, `gs://`, `http://` or `https://`.
  ///
  /// - Parameter path: A command-line path.
  /// - Returns: Whether ``parse(_:)`` should be used.
  public static func isRemote(_ path: String) -> Bool {
    ["s3://", "gs://", "https://", "http://"].contains {
      path.lowercased().hasPrefix($0)
    }
  }

  /// Parses a remote location.
  ///
  /// - Parameter text: One of the forms above.
  /// - Returns: The location.
  /// - Throws: ``RemoteLogsError/malformedLocation(_:reason:)`` when the
  ///   bucket is missing or the URL is not an Azure Blob URL.
  public static func parse(_ text: String) throws(RemoteLogsError)
    -> RemoteLocation
  {
    let lower = text.lowercased()
    for (scheme, service) in [("s3://", Service.s3), ("gs://", .gcs)]
    where lower.hasPrefix(scheme) {
      let rest = text.dropFirst(scheme.count)
      let parts = rest.split(
        separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
      guard let bucket = parts.first, !bucket.isEmpty else {
        throw .malformedLocation(text, reason: "no bucket name")
      }
      return RemoteLocation(
        service: service, bucket: String(bucket),
        prefix: parts.count > 1 ? String(parts[1]) : "")
    }
    return try parseAzure(text)
  }

  private static func parseAzure(_ text: String) throws(RemoteLogsError)
    -> RemoteLocation
  {
    let schemeEnd = text.range(of: "://")!
    let scheme = text[..<schemeEnd.lowerBound].lowercased()
    var rest = Substring(text[schemeEnd.upperBound...])
    var sas: String?
    if let question = rest.firstIndex(of: "?") {
      let query = String(rest[rest.index(after: question)...])
      sas = query.isEmpty ? nil : query
      rest = rest[..<question]
    }
    let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
      .map(String.init)
    let host = parts[0]
    let hostName = host.split(separator: ":").first.map(String.init) ?? host
    let suffix = ".blob.core.windows.net"
    var index = 1
    let account: String
    if hostName.lowercased().hasSuffix(suffix) {
      account = String(hostName.dropLast(suffix.count))
    } else if isLocalOrAddress(hostName), parts.count > 1, !parts[1].isEmpty {
      account = parts[1]
      index = 2
    } else {
      throw .malformedLocation(
        text,
        reason: "expected s3://, gs:// or an Azure Blob URL such as "
          + "https://ACCOUNT.blob.core.windows.net/CONTAINER/PREFIX")
    }
    guard parts.count > index, !parts[index].isEmpty else {
      throw .malformedLocation(text, reason: "no container name")
    }
    let endpoint =
      "\(scheme)://\(host)" + (index == 2 ? "/\(account)" : "")
    return RemoteLocation(
      service: .azure, bucket: parts[index],
      prefix: parts[(index + 1)...].joined(separator: "/"),
      account: account, endpoint: endpoint, sasToken: sas)
  }

  private static func isLocalOrAddress(_ host: String) -> Bool {
    host == "localhost" || host.hasPrefix("[")
      || host.allSatisfy { $0.isNumber || $0 == "." }
  }
}
