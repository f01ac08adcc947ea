extension GCSAuditAdapter {
  /// Decodes one `LogEntry` object.
  func decodeEntry(
    _ doc: JSONDocument, _ e: Int, into sink: inout RecordSink
  ) {
    sink.records += 1
    let offset = doc.nodes[e].start
    guard doc.kind(e) == .object else {
      sink.skip(.unrecognizedShape, "entry is not a JSON object", at: offset)
      return
    }
    guard let payload = doc.member(e, "protoPayload"),
      doc.kind(payload) == .object
    else {
      sink.skip(.notStorage, "not an audit log entry", at: offset)
      return
    }
    guard let service = doc.member(payload, "serviceName") else {
      sink.skip(.malformedRecord, "no protoPayload.serviceName", at: offset)
      return
    }
    guard doc.stringEquals(service, "storage.googleapis.com") else {
      sink.skip(
        .notStorage, doc.text(service) ?? "serviceName is not a string",
        at: offset)
      return
    }
    guard let method = doc.text(doc.member(payload, "methodName")) else {
      sink.skip(.malformedRecord, "no protoPayload.methodName", at: offset)
      return
    }
    guard GCSMethod.isStorage(method) else {
      sink.skip(.notStorage, method, at: offset)
      return
    }
    let metadata = doc.member(payload, "requestMetadata")
    let timeNode =
      doc.member(e, "timestamp")
      ?? doc.member(metadata, "requestAttributes", "time")
    guard let timeNode, doc.kind(timeNode) == .string else {
      sink.skip(.badTimestamp, "no timestamp", at: offset)
      return
    }
    guard let time = Timestamp.parseISO8601(doc.rawBytes(timeNode)) else {
      sink.skip(
        .badTimestamp, "timestamp \"\(doc.string(timeNode) ?? "")\"",
        at: offset)
      return
    }

    let status = doc.member(payload, "status")
    let code = doc.int64(doc.member(status, "code")) ?? 0
    let outcome: Outcome =
      switch code {
      case 0: .success
      case 7, 16: .denied
      default: .error
      }
    let identity = resolvePrincipal(
      doc, doc.member(payload, "authenticationInfo"),
      failed: outcome != .success)
    var event = AccessEvent(
      time: time, format: .gcsAudit, principal: identity.principal,
      principalKind: identity.kind, action: GCSMethod.category(method),
      operation: method, outcome: outcome,
      authentication: identity.authentication)
    if outcome != .success {
      event.errorCode =
        GCSAuditAdapter.codeName(code)
        ?? doc.text(doc.member(status, "message")) ?? String(code)
    }

    let resource = doc.member(e, "resource")
    let labels = doc.member(resource, "labels")
    event.account =
      doc.text(doc.member(labels, "project_id"))
      ?? GCSAuditAdapter.project(ofLogName: doc.text(doc.member(e, "logName")))
    readResource(doc, payload, labels, into: &event)

    let ip =
      doc.text(doc.member(metadata, "callerIp"))
      ?? doc.text(doc.member(metadata, "callerIP"))
    if let ip { event.sourceAddress = SourceAddress.classify(ip) }
    if let agent = doc.text(doc.member(metadata, "callerSuppliedUserAgent")) {
      event.userAgent = GCSAuditAdapter.stripFrontEndSuffix(agent)
    }
    event.eventID = doc.text(doc.member(e, "insertId"))
    let locations = doc.member(payload, "resourceLocation", "currentLocations")
    event.region =
      doc.text(doc.elements(locations).first)
      ?? doc.text(doc.member(labels, "location"))
    sink.emit(event)
  }

  /// Fills the bucket and object from the resource labels, the resource
  /// name or, for VPC Service Controls denials, `metadata.resourceNames`.
  private func readResource(
    _ doc: JSONDocument, _ payload: Int, _ labels: Int?,
    into event: inout AccessEvent
  ) {
    event.bucket = doc.text(doc.member(labels, "bucket_name"))
    var candidates: [String] = []
    if let name = doc.text(doc.member(payload, "resourceName")) {
      candidates.append(name)
    }
    if event.bucket == nil {
      let names = doc.member(payload, "metadata", "resourceNames")
      for node in doc.elements(names) {
        if let name = doc.text(node) { candidates.append(name) }
      }
    }
    for name in candidates {
      guard let (bucket, object) = GCSAuditAdapter.bucketAndObject(name)
      else { continue }
      if event.bucket == nil { event.bucket = bucket }
      if event.bucket == bucket, event.objectKey == nil {
        event.objectKey = object
      }
      return
    }
  }

  /// Splits `projects/<p>/buckets/<b>[/objects/<o>]` into bucket and
  /// object; the object keeps every `/` after `/objects/`.
  ///
  /// - Returns: `nil` when the path names no bucket.
  static func bucketAndObject(
    _ path: String
  ) -> (bucket: String, object: String?)? {
    let utf8 = path.utf8
    guard utf8.starts(with: "projects/".utf8) else { return nil }
    let afterProjects = utf8.dropFirst("projects/".count)
    guard let slash = afterProjects.firstIndex(of: 0x2F) else { return nil }
    let rest = utf8[utf8.index(after: slash)...]
    guard rest.starts(with: "buckets/".utf8) else { return nil }
    let bucketAndMore = rest.dropFirst("buckets/".count)
    let end = bucketAndMore.firstIndex(of: 0x2F) ?? bucketAndMore.endIndex
    let bucket = bucketAndMore[..<end]
    guard !bucket.isEmpty else { return nil }
    let tail = bucketAndMore[end...]
    if tail.starts(with: "/objects/".utf8) {
      let object = tail.dropFirst("/objects/".count)
      return (
        String(Substring(bucket)),
        object.isEmpty ? nil : String(Substring(object))
      )
    }
    return (String(Substring(bucket)), nil)
  }

  /// The project of `projects/<p>/logs/<log>`.
  static func project(ofLogName name: String?) -> String? {
    guard let name, name.hasPrefix("projects/") else { return nil }
    let rest = name.dropFirst("projects/".count)
    let project = rest[..<(rest.firstIndex(of: "/") ?? rest.endIndex)]
    return project.isEmpty ? nil : String(project)
  }

  /// Removes the `,gzip(gfe)` that Google's front end appends to user
  /// agents (sometimes twice), so that one client keeps one user agent.
  static func stripFrontEndSuffix(_ agent: String) -> String {
    let suffix = ",gzip(gfe)".utf8
    var utf8 = agent.utf8[...]
    while utf8.count >= suffix.count,
      utf8.suffix(suffix.count).elementsEqual(suffix)
    {
      utf8 = utf8.dropLast(suffix.count)
    }
    if utf8.endIndex == agent.utf8.endIndex { return agent }
    return String(Substring(utf8))
  }

  /// The canonical name of a `google.rpc.Code`, for codes 1 to 16.
  static func codeName(_ code: Int64) -> String? {
    guard code >= 1, code < codeNames.count else { return nil }
    return codeNames[Int(code)]
  }

  private static let codeNames = [
    "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
    "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
    "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
  ]
}
