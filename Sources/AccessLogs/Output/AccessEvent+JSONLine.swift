extension AccessEvent {
  /// The event as one line of JSON, with no trailing newline.
  ///
  /// Members, in this order, each left out when `nil`:
  /// `time` (RFC 3339 UTC, full precision), `provider`, `format`,
  /// `principal`, `principalKind`, `principalAccount`, `sessionName`,
  /// `account`, `bucket`, `key`, `action`, `operation`, `outcome`,
  /// `errorCode`, `sourceAddress`, `sourceAddressKind` (`ipv4`, `ipv6` or
  /// `name`), `networkPath`, `userAgent`, `bytesOut`, `bytesIn`,
  /// `authentication`, `requestId`, `eventId`, `region`. Enumerations are
  /// written as their raw values (see ``ActionCategory`` and others).
  ///
  /// - Complexity: O(*n*) in the length of the fields.
  public var jsonLine: String {
    String(decoding: jsonLineBytes, as: UTF8.self)
  }

  /// The event as one line of JSON in UTF-8, as ``jsonLine``, without the
  /// cost of building a `String`.
  public var jsonLineBytes: [UInt8] {
    var w = JSONObjectWriter()
    w.add("time", time.iso8601)
    w.add("provider", provider.rawValue)
    w.add("format", format.rawValue)
    w.add("principal", principal)
    w.add("principalKind", principalKind.rawValue)
    w.add("principalAccount", principalAccount)
    w.add("sessionName", sessionName)
    w.add("account", account)
    w.add("bucket", bucket)
    w.add("key", objectKey)
    w.add("action", action.rawValue)
    w.add("operation", operation)
    w.add("outcome", outcome.rawValue)
    w.add("errorCode", errorCode)
    w.add("sourceAddress", sourceAddress?.description)
    w.add("sourceAddressKind", sourceAddress?.kindName)
    w.add("networkPath", networkPath)
    w.add("userAgent", userAgent)
    w.add("bytesOut", bytesOut)
    w.add("bytesIn", bytesIn)
    w.add("authentication", authentication.rawValue)
    w.add("requestId", requestID)
    w.add("eventId", eventID)
    w.add("region", region)
    return w.finishedBytes()
  }
}
