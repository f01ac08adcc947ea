/// The events of one input file in a compact form: the fields that
/// activity features read, with every string held once in a file-local
/// ``ByteInterner`` and named by index.
///
/// ``EventReader/readBatches(_:threads:progress:_:)`` produces one batch
/// per file, on worker threads, and hands them to the caller in file order
/// with duplicates already marked. A consumer maps each batch's string
/// indices to its own (one lookup per distinct string per file, not per
/// event), so no `String` or dictionary keyed by text is made per event.
public struct EventBatch: Sendable {
  /// Where a request came from, as ``SourceAddress`` and the network path
  /// give it.
  public enum Source: Sendable, Hashable {
    /// The log recorded no source.
    case none
    /// A private network path such as a VPC endpoint id (a string index).
    case networkPath(Int32)
    /// A service name or other non-address text (a string index).
    case name(Int32)
    /// A private IP address.
    case privateAddress
    /// A public IP address.
    case publicAddress(IPAddress)
  }

  /// One event.
  public struct Event: Sendable {
    /// When the request was made.
    public var time: Timestamp
    /// Response bytes sent, or `nil` when the log has none.
    public var bytesOut: Int64?
    /// Request bytes received, or `nil` when the log has none.
    public var bytesIn: Int64?
    /// Where the request came from.
    public var source: Source
    /// The principal (string index).
    public var principal: Int32
    /// The owning account, or -1.
    public var account: Int32
    /// The bucket or container, or -1.
    public var bucket: Int32
    /// The object key, or -1 (stored, not interned).
    public var objectKey: Int32
    /// The operation name.
    public var operation: Int32
    /// The user agent, or -1.
    public var userAgent: Int32
    /// The event id, else the request id, or -1 (stored, not interned).
    public var sampleID: Int32
    /// What kind of identity the principal is.
    public var principalKind: PrincipalKind
    /// The source format.
    public var format: LogFormat
    /// What the request did.
    public var action: ActionCategory
    /// How the request ended.
    public var outcome: Outcome
    /// Whether the reader's time or bucket filters leave it out; such
    /// events stay in the batch only so that duplicates of them are
    /// recognised as in a sequential read.
    public var filtered: Bool
    /// Whether ``EventReader`` recognised it as a duplicate delivery.
    public var duplicate: Bool
  }

  /// The file read.
  public let path: String
  /// The strings the events name.
  public internal(set) var strings = ByteInterner(capacity: 256)
  /// The events in record order, duplicates and filtered ones included
  /// but flagged.
  public internal(set) var events: [Event] = []
  /// Per event: the 64-bit key of its format and event id (see
  /// `eventKey`), or 0 when it has no event id.
  var keys: [UInt64] = []
  /// Per event: where its record starts.
  var locations: [(line: Int32, offset: Int64)] = []
  /// Per event: its event id's string index, or -1.
  var eventIDs: [Int32] = []
  /// Per event: how many skip examples its file's summary held when it
  /// was read, to keep examples in reading order.
  var examplesBefore: [Int32] = []

  /// Events neither filtered out nor duplicates.
  public var keptCount: Int {
    events.reduce(0) { $0 + ($1.filtered || $1.duplicate ? 0 : 1) }
  }

  /// Creates an empty batch.
  ///
  /// - Parameter path: The file its events come from.
  public init(path: String) {
    self.path = path
  }

  /// Empties the batch, keeping its storage for reuse.
  public mutating func removeAll() {
    strings.removeAll()
    events.removeAll(keepingCapacity: true)
    keys.removeAll(keepingCapacity: true)
    locations.removeAll(keepingCapacity: true)
    eventIDs.removeAll(keepingCapacity: true)
    examplesBefore.removeAll(keepingCapacity: true)
  }

  /// Appends an event, interning its strings.
  ///
  /// - Parameters:
  ///   - event: The event.
  ///   - location: Where its record starts.
  ///   - filtered: Whether the reader's filters leave it out.
  public mutating func append(
    _ event: AccessEvent, at location: RecordLocation, filtered: Bool
  ) {
    let source: Source
    if let path = event.networkPath, !path.isEmpty {
      source = .networkPath(strings.intern(path))
    } else {
      switch event.sourceAddress {
      case .none: source = .none
      case .name(let name)?: source = .name(strings.intern(name))
      case .ip(let address)?:
        source = address.isPrivate ? .privateAddress : .publicAddress(address)
      }
    }
    let id = event.eventID ?? event.requestID
    let sampleID = id.map { strings.append($0) } ?? -1
    events.append(
      Event(
        time: event.time, bytesOut: event.bytesOut, bytesIn: event.bytesIn,
        source: source, principal: strings.intern(event.principal),
        account: event.account.map { strings.intern($0) } ?? -1,
        bucket: event.bucket.map { strings.intern($0) } ?? -1,
        objectKey: event.objectKey.map { strings.append($0) } ?? -1,
        operation: strings.intern(event.operation),
        userAgent: event.userAgent.map { strings.intern($0) } ?? -1,
        sampleID: sampleID, principalKind: event.principalKind,
        format: event.format, action: event.action, outcome: event.outcome,
        filtered: filtered, duplicate: false))
    keys.append(event.eventID.map { eventKey(event.format, $0) } ?? 0)
    eventIDs.append(event.eventID == nil ? -1 : sampleID)
    locations.append(
      (Int32(clamping: location.line), location.offset))
  }
}
