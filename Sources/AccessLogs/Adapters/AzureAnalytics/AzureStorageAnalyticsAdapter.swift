/// Reads Azure Storage Analytics logs (the classic `$logs` container),
/// versions 1.0 and 2.0, and keeps those of Blob Storage.
///
/// One record per line, fields separated by `;` with quote-aware splitting
/// (see ``AzureAnalyticsSplitter``). Version 1.0 lines have 30 fields and
/// version 2.0 lines 38 (the 30 of version 1.0, then the OAuth identity
/// and authorization detail).
///
/// | # | Field | Event |
/// |---|---|---|
/// | 2 | request-start-time | ``AccessEvent/time`` (ISO 8601, 7 fractional digits kept) |
/// | 3 | operation-type | ``AccessEvent/operation``, ``AccessEvent/action`` (see ``AzureAnalyticsOperation``) |
/// | 4, 5 | request-status, http-status-code | ``AccessEvent/outcome`` (see ``outcome(status:httpStatus:)``); ``AccessEvent/errorCode`` is the request-status when not a success |
/// | 8, 9, 31, 33, 36 | authentication-type, requester-account-name, user-object-id, application-id, user-principal-name | ``AccessEvent/principal``, kind, ``AccessEvent/authentication`` (see ``identity(type:status:requester:owner:oauthIdentity:)``); ``AccessEvent/principalAccount`` is the requester account |
/// | 10 | owner-account-name | ``AccessEvent/account`` |
/// | 11 | service-type | only `blob` is kept; other services are skipped as ``SkipReason/notStorage`` |
/// | 13, 12 | requested-object-key, else request-url | ``AccessEvent/bucket`` (the container) and ``AccessEvent/objectKey`` (the blob name) |
/// | 14, 15 | request-id-header, operation-count | ``AccessEvent/requestID``; ``AccessEvent/eventID`` is `<request-id>#<operation-count>` |
/// | 16 | requester-ip-address | ``AccessEvent/sourceAddress`` (a port and IPv6 brackets are removed; other text such as `268.20.203.21:4362` is kept verbatim as a name) |
/// | 21 | response-packet-size | ``AccessEvent/bytesOut`` |
/// | 22 | request-content-length | ``AccessEvent/bytesIn`` |
/// | 28 | user-agent-header | ``AccessEvent/userAgent`` |
///
/// The requested object key is `/<account>/<container>/<blob>`, or for a
/// copy's source a URL `https://<host>/<container>/<blob>`; both are
/// decoded from HTML entities (`&amp;`) and URL encoding (`%XX`; `+` stays
/// `+`). A key of `/<account>/<container>` names a container only, and
/// `/<account>` neither.
///
/// Bytes out: the log has no body size; response-packet-size counts the
/// response body as sent on the wire, which is the body size for the
/// object reads that matter here, and is used as it.
///
/// Malformed input: a version other than 1.0 or 2.0, or a line whose
/// field count is not that of its version (an unquoted value holding `;`,
/// a cut line), is skipped as ``SkipReason/malformedRecord`` with the count
/// in the detail; an invalid time as ``SkipReason/badTimestamp``. Nothing
/// in a line can stop the reading.
struct AzureStorageAnalyticsAdapter: LogAdapter {
  /// The format read: Storage Analytics logs.
  static let format = LogFormat.azureStorageAnalytics
  /// One record per line.
  static let framing = RecordFraming.lines

  /// Whether the first line starts with `1.0;` or `2.0;` and a time.
  static func matches(prefix: UnsafeRawBufferPointer) -> Bool {
    guard prefix.count >= 5, prefix[0] == 0x31 || prefix[0] == 0x32,
      prefix[1] == 0x2E, prefix[2] == 0x30, prefix[3] == 0x3B
    else { return false }
    var end = 4
    while end < prefix.count && prefix[end] != 0x3B && prefix[end] != 0x0A {
      end += 1
    }
    guard end < prefix.count, prefix[end] == 0x3B else { return false }
    return Timestamp.parseISO8601(
      UnsafeRawBufferPointer(rebasing: prefix[4..<end])) != nil
  }

  private var splitter = AzureAnalyticsSplitter()
  private var operationCache = FieldStringCache()
  private var statusCache = FieldStringCache()
  private var typeCache = FieldStringCache()
  private var requesterCache = FieldStringCache()
  private var ownerCache = FieldStringCache()
  private var oauthCache = FieldStringCache()
  private var agentCache = FieldStringCache()
  private var containerCache = FieldStringCache()
  private var lastType = ""
  private var lastStatus = ""
  private var lastRequester: String?
  private var lastOwner: String?
  private var lastOAuth: String?
  private var hasIdentity = false
  private var lastIdentity = AzureAnalyticsIdentity(
    principal: "unknown", kind: .unknown, authentication: .unknown)
  private var categories: [String: ActionCategory] = [:]

  /// Creates an adapter for one input.
  init() {}

  /// Decodes one line into one event or one skip, as described above.
  ///
  /// - Parameters:
  ///   - record: The line, without its line break.
  ///   - sink: Receives the event or the skip; counts one record.
  mutating func decode(
    _ record: UnsafeRawBufferPointer, into sink: inout RecordSink
  ) {
    sink.records += 1
    splitter.split(record)
    let f = splitter.spans
    let count = splitter.count
    let expected: Int
    if LineBytes.equals(record, f[0], "1.0") {
      expected = 30
    } else if LineBytes.equals(record, f[0], "2.0") {
      expected = 38
    } else {
      sink.skip(
        .malformedRecord,
        "unsupported version \"\(LineBytes.excerpt(record, f[0]))\"", at: 0)
      return
    }
    guard count == expected else {
      sink.skip(
        .malformedRecord,
        "\(count) fields, expected \(expected) for version "
          + LineBytes.string(record, f[0]), at: 0)
      return
    }
    guard
      let time = Timestamp.parseISO8601(LineBytes.slice(record, f[1]))
    else {
      sink.skip(
        .badTimestamp,
        "request-start-time \"\(LineBytes.excerpt(record, f[1]))\"",
        at: f[1].start)
      return
    }
    guard LineBytes.equals(record, f[10], "blob") else {
      sink.skip(
        .notStorage, "\(LineBytes.excerpt(record, f[10])) service",
        at: f[10].start)
      return
    }
    guard !f[2].isEmpty else {
      sink.skip(.malformedRecord, "no operation-type", at: f[2].start)
      return
    }
    let operation = operationCache.string(LineBytes.slice(record, f[2]))
    let status = statusCache.string(LineBytes.slice(record, f[3]))
    let type = typeCache.string(LineBytes.slice(record, f[7]))
    let requester =
      f[8].isEmpty
      ? nil : requesterCache.string(LineBytes.slice(record, f[8]))
    let owner =
      f[9].isEmpty ? nil : ownerCache.string(LineBytes.slice(record, f[9]))
    var oauthIdentity: String?
    if expected == 38 {
      for i in [35, 30, 32] where !f[i].isEmpty {
        oauthIdentity = oauthCache.string(LineBytes.slice(record, f[i]))
        break
      }
    }
    if !hasIdentity || type != lastType || status != lastStatus
      || requester != lastRequester || owner != lastOwner
      || oauthIdentity != lastOAuth
    {
      lastIdentity = AzureStorageAnalyticsAdapter.identity(
        type: type, status: status, requester: requester, owner: owner,
        oauthIdentity: oauthIdentity)
      (lastType, lastStatus, lastRequester) = (type, status, requester)
      (lastOwner, lastOAuth, hasIdentity) = (owner, oauthIdentity, true)
    }
    let identity = lastIdentity

    var event = AccessEvent(
      time: time, format: .azureStorageAnalytics,
      principal: identity.principal, principalKind: identity.kind,
      action: category(operation), operation: operation,
      authentication: identity.authentication)
    event.principalAccount = identity.account
    event.account = owner
    let httpStatus = LineBytes.int64(record, f[4])
    event.outcome = AzureStorageAnalyticsAdapter.outcome(
      status: status, httpStatus: httpStatus)
    if event.outcome != .success { event.errorCode = status }

    if !locate(record, f[12], into: &event) {
      _ = locate(record, f[11], into: &event)
    }
    if !f[13].isEmpty {
      let requestID = LineBytes.string(record, f[13])
      event.requestID = requestID
      event.eventID =
        requestID + "#"
        + (f[14].isEmpty ? "0" : LineBytes.string(record, f[14]))
    }
    if !f[15].isEmpty {
      event.sourceAddress = SourceAddress.classify(
        LineBytes.string(record, f[15]))
    }
    event.bytesOut = LineBytes.int64(record, f[20])
    event.bytesIn = LineBytes.int64(record, f[21])
    if !f[27].isEmpty {
      event.userAgent = agentCache.string(LineBytes.slice(record, f[27]))
    }
    sink.emit(event)
  }

  /// The category of an operation, remembered per distinct name.
  private mutating func category(_ operation: String) -> ActionCategory {
    if let known = categories[operation] { return known }
    let category = AzureAnalyticsOperation.category(operation)
    if categories.count < 4096 { categories[operation] = category }
    return category
  }

  /// Sets the container and blob name from an object key or URL.
  ///
  /// - Returns: Whether the field had a recognizable form.
  private mutating func locate(
    _ record: UnsafeRawBufferPointer, _ span: FieldSpan,
    into event: inout AccessEvent
  ) -> Bool {
    let bytes = LineBytes.slice(record, span)
    let n = bytes.count
    var p = 0
    var end = n
    var skipAccount: Bool
    func hasPrefix(_ text: StaticString) -> Bool {
      let m = text.utf8CodeUnitCount
      guard n >= m else { return false }
      for k in 0..<m where bytes[k] | 0x20 != text.utf8Start[k] {
        return false
      }
      return true
    }
    if hasPrefix("https://") || hasPrefix("http://") {
      p = bytes[4] == 0x3A ? 7 : 8
      let hostStart = p
      while p < n && bytes[p] != 0x2F && bytes[p] != 0x3F { p += 1 }
      // The storage emulator and IP-addressed endpoints put the account
      // in the path.
      var query = p
      while query < n && bytes[query] != 0x3F { query += 1 }
      end = query
      skipAccount =
        hostStart < n
        && ((bytes[hostStart] >= 0x30 && bytes[hostStart] <= 0x39)
          || hasPrefix("http://localhost") || bytes[hostStart] == 0x5B)
    } else if n > 0 && bytes[0] == 0x2F {
      skipAccount = true
    } else {
      return false
    }
    if p < end && bytes[p] == 0x2F { p += 1 }
    if skipAccount {
      while p < end && bytes[p] != 0x2F { p += 1 }
      guard p < end else { return true }
      p += 1
    }
    let containerStart = p
    while p < end && bytes[p] != 0x2F { p += 1 }
    guard p > containerStart else { return true }
    let container = UnsafeRawBufferPointer(
      rebasing: bytes[containerStart..<p])
    if container.contains(0x25) || container.contains(0x26) {
      event.bucket = LineBytes.decodeURL(
        container, plusIsSpace: false, htmlEntities: true)
    } else {
      event.bucket = containerCache.string(container)
    }
    if p + 1 < end {
      event.objectKey = LineBytes.decodeURL(
        UnsafeRawBufferPointer(rebasing: bytes[(p + 1)..<end]),
        plusIsSpace: false, htmlEntities: true)
    }
    return true
  }
}
