import AccessLogs

/// What one principal did in one clock hour (UTC).
///
/// Counts are exact; distinct counts are exact too (object keys are kept
/// as 64-bit hashes while the hour is being built, so two different keys
/// are merged with probability about 2^-64 per pair). Samples keep the
/// first few values seen, for explaining findings.
public struct HourStats: Sendable, Hashable {
  /// The hour, as whole hours since 1970-01-01T00:00Z.
  public var hour: Int
  /// All requests.
  public var events = 0
  /// Requests per action category.
  public var actions: [ActionCategory: Int] = [:]
  /// Requests refused for permission or credentials.
  public var denied = 0
  /// Requests that failed otherwise.
  public var errors = 0
  /// Response bytes sent, summed over requests that logged them.
  public var bytesOut: Int64 = 0
  /// Request bytes received, summed over requests that logged them.
  public var bytesIn: Int64 = 0
  /// Whether any request in the hour logged a byte count (GCS never does).
  public var hasByteCounts = false
  /// Distinct object keys (bucket and key) touched.
  public var distinctObjects = 0
  /// Distinct objects read.
  public var distinctObjectsRead = 0
  /// Buckets touched, with request counts.
  public var buckets: [String: Int] = [:]
  /// Source keys (see ``SourceKey``) with request counts.
  public var sources: [SourceKey: Int] = [:]
  /// User agents with request counts.
  public var userAgents: [String: Int] = [:]
  /// Operations with request counts.
  public var operations: [String: Int] = [:]
  /// The first object keys seen, at most ``sampleLimit``.
  public var sampleObjects: [String] = []
  /// The first event or request ids seen, at most ``sampleLimit``.
  public var sampleEventIDs: [String] = []
  /// The first and last request times.
  public var firstTime: Timestamp
  /// The last request time.
  public var lastTime: Timestamp

  /// How many sample objects and ids an hour keeps.
  public static let sampleLimit = 5

  /// Creates an empty hour.
  ///
  /// - Parameters:
  ///   - hour: Whole hours since the epoch.
  ///   - time: The first request's time.
  public init(hour: Int, time: Timestamp) {
    self.hour = hour
    self.firstTime = time
    self.lastTime = time
  }

  /// Requests in a category.
  ///
  /// - Parameter action: The category.
  /// - Returns: Its count; 0 when the hour has none.
  public func count(_ action: ActionCategory) -> Int { actions[action] ?? 0 }

  /// Reads of object data.
  public var reads: Int { count(.read) }
  /// Deletes.
  public var deletes: Int { count(.delete) }
  /// Listing and bucket-inspection requests (list and metadata-read).
  public var enumerations: Int { count(.list) + count(.metadataRead) }
}

/// Where a request came from, keyed so that novelty is judged sensibly.
///
/// Public addresses are keyed by address; private addresses and VPC
/// endpoint traffic by the endpoint (or by `private`), since private
/// addresses are reassigned freely inside a network; service names
/// (`s3.amazonaws.com`, `AWS Internal`) by name.
public struct SourceKey: Hashable, Sendable, Comparable,
  CustomStringConvertible
{
  /// How the source is reached.
  public enum Kind: String, Sendable, Hashable, Comparable {
    /// A public IP address.
    case publicAddress = "public"
    /// A private IP address or a VPC endpoint.
    case privateNetwork = "private"
    /// A service name or other non-address text.
    case serviceName = "service"

    /// Orders kinds by name.
    ///
    /// - Parameters:
    ///   - lhs: A kind.
    ///   - rhs: Another kind.
    /// - Returns: Whether `lhs` sorts first by raw value.
    public static func < (lhs: Kind, rhs: Kind) -> Bool {
      lhs.rawValue < rhs.rawValue
    }
  }

  /// How the source is reached.
  public var kind: Kind
  /// The address, endpoint id or name.
  public var value: String
  /// For public addresses, the network: the /24 of an IPv4 address or
  /// the /48 of an IPv6 one.
  public var network: String?

  /// Keys an event's source.
  ///
  /// - Parameter event: The event.
  /// - Returns: The key, or `nil` when the log recorded no source.
  public static func of(_ event: AccessEvent) -> SourceKey? {
    if let path = event.networkPath, !path.isEmpty {
      return SourceKey(kind: .privateNetwork, value: path, network: nil)
    }
    switch event.sourceAddress {
    case .none:
      return nil
    case .name(let name)?:
      return SourceKey(kind: .serviceName, value: name, network: nil)
    case .ip(let address)?:
      if address.isPrivate {
        return SourceKey(kind: .privateNetwork, value: "private", network: nil)
      }
      return SourceKey(
        kind: .publicAddress, value: address.description,
        network: SourceKey.network(of: address))
    }
  }

  static func network(of address: IPAddress) -> String {
    switch address {
    case .v4(let a):
      return "\(a >> 24).\(a >> 16 & 255).\(a >> 8 & 255).0/24"
    case .v6(let high, _):
      let masked = IPAddress.v6(high: high & 0xFFFF_FFFF_FFFF_0000, low: 0)
      return "\(masked)/48"
    }
  }

  /// Orders by kind, then value.
  ///
  /// - Parameters:
  ///   - lhs: A key.
  ///   - rhs: Another key.
  /// - Returns: Whether `lhs` sorts first by kind, then by value.
  public static func < (lhs: SourceKey, rhs: SourceKey) -> Bool {
    (lhs.kind, lhs.value) < (rhs.kind, rhs.value)
  }

  /// The value as shown in reports.
  public var description: String { value }
}
