/// Reads Amazon S3 server access logs.
///
/// One record per line, fields separated by spaces, with the time in
/// brackets and the Request-URI, Referer and User-Agent in quotes (see
/// ``S3AccessLogTokenizer``). AWS appends new fields at the end, so lines
/// of 18 fields (the oldest format) and more are read, and fields past the
/// 26th are ignored. A `-` means "no value" in any field, quoted or not.
///
/// | # | Field | Event |
/// |---|---|---|
/// | 1 | Bucket Owner | ``AccessEvent/account`` (the canonical id as written) |
/// | 2 | Bucket | ``AccessEvent/bucket`` |
/// | 3 | Time | ``AccessEvent/time`` (see ``S3AccessLogTime``; the offset is applied) |
/// | 4 | Remote IP | ``AccessEvent/sourceAddress`` (IPv4 or IPv6; other text kept as a name) |
/// | 5 | Requester | ``AccessEvent/principal`` and kind (see ``identity(requester:operation:)``) |
/// | 6 | Request ID | ``AccessEvent/requestID`` |
/// | 7 | Operation | ``AccessEvent/operation`` as written, ``AccessEvent/action`` (see ``S3AccessLogOperation``) |
/// | 8 | Key | ``AccessEvent/objectKey``, URL-decoded once, `+` read as a space |
/// | 10, 11 | HTTP status, Error Code | ``AccessEvent/outcome``, ``AccessEvent/errorCode`` |
/// | 12 | Bytes Sent | ``AccessEvent/bytesOut`` (`-` is 0) |
/// | 13 | Object Size | ``AccessEvent/bytesIn`` for uploads (`REST.PUT.OBJECT`, `REST.PUT.PART`, `REST.POST.OBJECT`) |
/// | 17 | User-Agent | ``AccessEvent/userAgent`` |
/// | 20, 22 | Signature Version, Authentication Type | ``AccessEvent/authentication`` |
/// | 23, 25 | Host Header, Access Point ARN | ``AccessEvent/region`` (from the access point ARN, else the host name) |
///
/// Keys: S3 writes the key URL-encoded; a space appears as `+` (macOS
/// screenshot names such as `Screen+Shot+2019-09-09+at+9.08.44+AM.png`)
/// and a literal `+` as `%2B`, so `+` is decoded to a space. Keys that
/// were already percent-encoded when uploaded appear doubly encoded
/// (`year%253D2020`) and are decoded once only (`year%3D2020`).
///
/// Outcome: an error code or status of 401/403 that means a refusal (see
/// ``CloudTrailAdapter/outcome(_:)``) is denied; any other error code or a
/// status of 400 or more is an error; a status of `-` with no error code
/// is a success.
///
/// Authentication: an anonymous requester is anonymous; `QueryString` is a
/// presigned URL; otherwise the signature version gives SigV4 or SigV2.
///
/// Event id: the log has no id of its own. The event id is
/// `<bucket>/<request id>/<operation>/<key>/<version id>`, key and version
/// as written. One request writes several lines only for different
/// operations (a copy's `REST.COPY.OBJECT` and `REST.COPY.OBJECT_GET`) or
/// different keys and versions (the `BATCH.DELETE.OBJECT` lines of a
/// multi-object delete), so the id tells apart every line of one request
/// and matches only a repeated delivery of the same line; the bucket keeps
/// apart documentation examples that reuse one request id. Lines with no
/// request id get no event id.
///
/// Malformed input: a line of fewer than 18 fields or with no operation is
/// skipped as ``SkipReason/malformedRecord``; a missing or invalid time as
/// ``SkipReason/badTimestamp``. Nothing in a line can stop the reading.
struct S3AccessLogAdapter: LogAdapter {
  /// The format read: S3 server access logs.
  static let format = LogFormat.s3AccessLog
  /// One record per line.
  static let framing = RecordFraming.lines

  /// The fewest fields a line may have (the format of 2016 and before).
  static let minimumFields = 18

  /// Whether the first line has an S3 access log time as its third field.
  static func matches(prefix: UnsafeRawBufferPointer) -> Bool {
    var end = prefix.firstIndex(of: 0x0A) ?? prefix.count
    if end > 0 && prefix[end - 1] == 0x0D { end -= 1 }
    let line = UnsafeRawBufferPointer(rebasing: prefix[..<end])
    var tokenizer = S3AccessLogTokenizer()
    tokenizer.tokenize(line, limit: 3)
    guard tokenizer.count == 3, tokenizer.spans[2].wrapped,
      tokenizer.spans[2].start > 0, line[tokenizer.spans[2].start - 1] == 0x5B
    else { return false }
    return S3AccessLogTime.parse(LineBytes.slice(line, tokenizer.spans[2]))
      != nil
  }

  private var tokenizer = S3AccessLogTokenizer()
  private var ownerCache = FieldStringCache()
  private var bucketCache = FieldStringCache()
  private var requesterCache = FieldStringCache()
  private var operationCache = FieldStringCache()
  private var agentCache = FieldStringCache()
  private var hostCache = FieldStringCache()
  private var identities: [String: S3AccessLogIdentity] = [:]
  private var categories: [String: ActionCategory] = [:]
  private var lastHost = ""
  private var lastRegion: String?

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
    tokenizer.tokenize(record)
    let count = tokenizer.count
    guard count >= S3AccessLogAdapter.minimumFields else {
      sink.skip(
        .malformedRecord,
        "\(count) fields, expected at least "
          + "\(S3AccessLogAdapter.minimumFields)",
        at: 0)
      return
    }
    let f = tokenizer.spans
    guard f[2].wrapped,
      let time = S3AccessLogTime.parse(LineBytes.slice(record, f[2]))
    else {
      sink.skip(
        .badTimestamp, "time \"\(LineBytes.excerpt(record, f[2]))\"",
        at: f[2].start)
      return
    }
    guard !LineBytes.isAbsent(record, f[6]) else {
      sink.skip(.malformedRecord, "no operation", at: f[6].start)
      return
    }
    let operation = operationCache.string(LineBytes.slice(record, f[6]))
    let requester: String? =
      LineBytes.isAbsent(record, f[4])
      ? nil : requesterCache.string(LineBytes.slice(record, f[4]))
    let identity = resolve(requester, operation)

    var event = AccessEvent(
      time: time, format: .s3AccessLog, principal: identity.principal,
      principalKind: identity.kind, action: category(operation),
      operation: operation)
    event.principalAccount = identity.account
    event.sessionName = identity.sessionName
    if !LineBytes.isAbsent(record, f[0]) {
      event.account = ownerCache.string(LineBytes.slice(record, f[0]))
    }
    if !LineBytes.isAbsent(record, f[1]) {
      event.bucket = bucketCache.string(LineBytes.slice(record, f[1]))
    }
    if let ip = LineBytes.optionalString(record, f[3]) {
      event.sourceAddress = SourceAddress.classify(ip)
    }
    event.requestID = LineBytes.optionalString(record, f[5])
    if !LineBytes.isAbsent(record, f[7]) {
      event.objectKey = LineBytes.decodeURL(
        LineBytes.slice(record, f[7]), plusIsSpace: true,
        htmlEntities: false)
    }

    let status = LineBytes.int64(record, f[9])
    let errorCode = LineBytes.optionalString(record, f[10])
    event.errorCode = errorCode
    event.outcome = S3AccessLogAdapter.outcome(
      status: status, errorCode: errorCode)

    event.bytesOut = LineBytes.int64(record, f[11]) ?? 0
    if operation == "REST.PUT.OBJECT" || operation == "REST.PUT.PART"
      || operation == "REST.POST.OBJECT"
    {
      event.bytesIn = LineBytes.int64(record, f[12])
    }
    if !LineBytes.isAbsent(record, f[16]) {
      event.userAgent = agentCache.string(LineBytes.slice(record, f[16]))
    }

    event.authentication = authentication(record, f, count, identity.kind)
    if count > 24, !LineBytes.isAbsent(record, f[24]) {
      event.region = S3AccessLogAdapter.region(
        accessPoint: LineBytes.string(record, f[24]))
    }
    if event.region == nil, count > 22, !LineBytes.isAbsent(record, f[22]) {
      let host = hostCache.string(LineBytes.slice(record, f[22]))
      if host != lastHost {
        lastHost = host
        lastRegion = S3AccessLogAdapter.region(host: host)
      }
      event.region = lastRegion
    }

    if let requestID = event.requestID {
      event.eventID = eventID(record, f, requestID, operation)
    }
    sink.emit(event)
  }

  /// `<bucket>/<request id>/<operation>/<key>/<version id>`, with the key
  /// and version as written (`-` when absent).
  private func eventID(
    _ record: UnsafeRawBufferPointer, _ f: [FieldSpan], _ requestID: String,
    _ operation: String
  ) -> String {
    var id = LineBytes.string(record, f[1])
    id.reserveCapacity(
      f[1].count + requestID.utf8.count + operation.utf8.count + f[7].count
        + f[17].count + 4)
    id += "/"
    id += requestID
    id += "/"
    id += operation
    id += "/"
    id += LineBytes.string(record, f[7])
    id += "/"
    id += LineBytes.string(record, f[17])
    return id
  }

  /// The caller of a line, remembered per distinct requester.
  private mutating func resolve(
    _ requester: String?, _ operation: String
  ) -> S3AccessLogIdentity {
    guard let requester, !S3AccessLogOperation.isLifecycle(operation) else {
      return S3AccessLogAdapter.identity(
        requester: requester, operation: operation)
    }
    if let known = identities[requester] { return known }
    let identity = S3AccessLogAdapter.identity(
      requester: requester, operation: operation)
    if identities.count >= 4096 { identities.removeAll(keepingCapacity: true) }
    identities[requester] = identity
    return identity
  }

  /// The category of an operation, remembered per distinct name.
  private mutating func category(_ operation: String) -> ActionCategory {
    if let known = categories[operation] { return known }
    let category = S3AccessLogOperation.category(operation)
    if categories.count < 4096 { categories[operation] = category }
    return category
  }

  private func authentication(
    _ record: UnsafeRawBufferPointer, _ f: [FieldSpan], _ count: Int,
    _ kind: PrincipalKind
  ) -> AuthenticationMethod {
    if kind == .anonymous { return .anonymous }
    if count > 21, LineBytes.equals(record, f[21], "QueryString") {
      return .presignedURL
    }
    if count > 19 {
      if LineBytes.equals(record, f[19], "SigV4") { return .sigV4 }
      if LineBytes.equals(record, f[19], "SigV2") { return .sigV2 }
    }
    return .unknown
  }

  /// The outcome of an HTTP status and S3 error code.
  ///
  /// - Parameters:
  ///   - status: The HTTP status, `nil` when the log wrote `-`.
  ///   - errorCode: The error code, `nil` when the log wrote `-`.
  /// - Returns: Denied for refusals (401, 403 or a refusal code), error for
  ///   other error codes and statuses of 400 or more, else success.
  static func outcome(status: Int64?, errorCode: String?) -> Outcome {
    if status == 401 || status == 403 { return .denied }
    if let errorCode { return CloudTrailAdapter.outcome(errorCode) }
    if let status, status >= 400 { return .error }
    return .success
  }

  /// The region of an access point ARN
  /// (`arn:aws:s3:<region>:<account>:accesspoint/<name>`).
  static func region(accessPoint arn: String) -> String? {
    let parts = arn.split(
      separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
    guard parts.count == 5, parts[0] == "arn", !parts[3].isEmpty else {
      return nil
    }
    return String(parts[3])
  }

  /// The region named in an S3 host name: `<bucket>.s3.<region>.amazonaws.com`,
  /// `s3.<region>.amazonaws.com`, `<bucket>.s3-<region>.amazonaws.com`,
  /// `<bucket>.s3.dualstack.<region>.amazonaws.com` or
  /// `<bucket>.s3-website-<region>.amazonaws.com`; `us-east-1` for
  /// `s3-external-1`; `nil` for the global `s3.amazonaws.com` and any
  /// other host.
  static func region(host: String) -> String? {
    let labels = host.split(separator: ".")
    guard
      let s3 = labels.lastIndex(where: { $0 == "s3" || $0.hasPrefix("s3-") })
    else { return nil }
    let label = labels[s3]
    if label.hasPrefix("s3-") {
      var rest = label.dropFirst(3)
      if rest == "external-1" { return "us-east-1" }
      if rest.hasPrefix("website-") { rest = rest.dropFirst(8) }
      return looksLikeRegion(rest) ? String(rest) : nil
    }
    var next = s3 + 1
    while next < labels.count
      && (labels[next] == "dualstack" || labels[next] == "website"
        || labels[next] == "accesspoint")
    {
      next += 1
    }
    guard next < labels.count, looksLikeRegion(labels[next]) else {
      return nil
    }
    return String(labels[next])
  }

  /// `us-west-1`, `eu-central-2`, `us-gov-west-1`: letters and dashes
  /// ending in `-<digit>`.
  private static func looksLikeRegion(_ label: Substring) -> Bool {
    let bytes = Array(label.utf8)
    guard bytes.count >= 4, let last = bytes.last, last >= 0x30, last <= 0x39,
      bytes[bytes.count - 2] == 0x2D
    else { return false }
    return bytes.allSatisfy {
      ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D
    }
  }
}
