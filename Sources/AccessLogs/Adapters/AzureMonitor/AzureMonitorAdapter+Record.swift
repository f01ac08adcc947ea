extension AzureMonitorAdapter {
  /// Decodes one record, in either field spelling.
  func decodeRecord(
    _ doc: JSONDocument, _ r: Int, into sink: inout RecordSink
  ) {
    sink.records += 1
    let offset = doc.nodes[r].start
    guard doc.kind(r) == .object else {
      sink.skip(.unrecognizedShape, "record is not a JSON object", at: offset)
      return
    }
    let pascal =
      doc.member(r, "OperationName") != nil
      || doc.member(r, "TimeGenerated") != nil
    let f =
      pascal
      ? AzureBlobFields(logAnalytics: doc, r)
      : AzureBlobFields(resourceLog: doc, r)
    if let reason = otherService(doc, f) {
      sink.skip(.notStorage, reason, at: offset)
      return
    }
    guard let operation = doc.text(f.operationName) else {
      sink.skip(.malformedRecord, "no operationName", at: offset)
      return
    }
    if operation.utf8.contains(0x2F) {
      sink.skip(
        .notStorage, "activity log operation \(operation)", at: offset)
      return
    }
    guard let timeNode = f.time, doc.kind(timeNode) == .string else {
      sink.skip(.badTimestamp, "no time", at: offset)
      return
    }
    guard let time = Timestamp.parseISO8601(doc.rawBytes(timeNode)) else {
      sink.skip(
        .badTimestamp, "time \"\(doc.string(timeNode) ?? "")\"", at: offset)
      return
    }

    let category = doc.text(f.category)
    var event = AccessEvent(
      time: time, format: .azureMonitor, principal: "unknown",
      principalKind: .unknown,
      action: AzureBlobOperation.category(operation, category: category),
      operation: operation)
    readStatus(doc, f, into: &event)
    readLocation(doc, f, into: &event)
    let identity = resolvePrincipal(doc, f, account: event.account)
    event.principal = identity.principal
    event.principalKind = identity.kind
    event.authentication = identity.authentication
    event.principalAccount = identity.tenant

    if let ip = doc.text(f.callerIpAddress) {
      event.sourceAddress = AzureMonitorAdapter.source(ip)
    }
    event.userAgent = doc.text(f.userAgent)
    event.bytesOut = doc.int64(f.responseBodySize)
    event.bytesIn = doc.int64(f.requestBodySize)
    event.region = doc.text(f.location)
    if let correlation = doc.text(f.correlationId) {
      event.requestID = correlation
      var id = correlation + "/" + operation
      if let count = doc.int64(f.operationCount) { id += "/\(count)" }
      event.eventID = id
    }
    sink.emit(event)
  }

  /// Why a record belongs to another storage service, or `nil` for blob.
  private func otherService(_ doc: JSONDocument, _ f: AzureBlobFields)
    -> String?
  {
    if let table = f.table, doc.kind(table) == .string,
      !doc.stringEquals(table, "StorageBlobLogs")
    {
      return doc.text(table) ?? "empty table name"
    }
    if let service = doc.text(f.serviceType), service != "blob" {
      return "service type \(service)"
    }
    if let id = f.resourceId, doc.kind(id) == .string {
      let raw = doc.rawBytes(id)
      for marker: StaticString in [
        "/tableservices/", "/queueservices/", "/fileservices/",
      ] where raw.containsASCIIIgnoringCase(marker) {
        return "resource \(doc.string(id) ?? "")"
      }
    }
    return nil
  }

  /// Sets the outcome and error code.
  private func readStatus(
    _ doc: JSONDocument, _ f: AzureBlobFields, into event: inout AccessEvent
  ) {
    let text = doc.text(f.statusText)
    let metric = doc.text(f.metricResponseType)
    let code = doc.int64(f.statusCode)
    let outcome: Outcome
    if let code, code > 0 {
      if code < 400 {
        outcome = .success
      } else if code == 401 || code == 403
        || AzureMonitorAdapter.namesDenial(text)
        || AzureMonitorAdapter.namesDenial(metric)
      {
        outcome = .denied
      } else {
        outcome = .error
      }
    } else if let status = text ?? metric {
      if status.contains("Success") {
        outcome = .success
      } else if AzureMonitorAdapter.namesDenial(status) {
        outcome = .denied
      } else {
        outcome = .error
      }
    } else {
      outcome = .success
    }
    event.outcome = outcome
    if outcome != .success {
      event.errorCode = text ?? metric ?? code.map { String($0) }
    }
  }

  /// Sets the account, container and blob.
  private func readLocation(
    _ doc: JSONDocument, _ f: AzureBlobFields, into event: inout AccessEvent
  ) {
    var parts: AzureObjectPath.Parts?
    if let key = doc.text(f.objectKey) {
      parts = AzureObjectPath.split(objectKey: key)
    } else if let uri = doc.text(f.uri) {
      parts = AzureObjectPath.split(uri: uri)
    }
    event.account =
      doc.text(f.accountName)
      ?? doc.text(f.resourceId).flatMap(AzureObjectPath.account(ofResourceId:))
      ?? parts?.account
    event.bucket = parts?.container
    event.objectKey = parts?.blob
  }

  /// Whether a status text or metric response type names a refusal of
  /// identity or permission.
  static func namesDenial(_ status: String?) -> Bool {
    guard let status else { return false }
    return status.contains("Authoriz") || status.contains("Authenticat")
      || status.contains("AccessDenied") || status.contains("NotPermitted")
      || status.contains("Forbidden")
      || status.contains("InsufficientAccountPermissions")
  }

  /// Classifies `callerIpAddress`: an address with or without its port,
  /// or a name (`<Redacted>:56029`) kept without its port.
  static func source(_ text: String) -> SourceAddress? {
    guard let source = SourceAddress.classify(text) else { return nil }
    guard case .name(let name) = source,
      let colon = name.lastIndex(of: ":"), colon > name.startIndex
    else { return source }
    let port = name[name.index(after: colon)...]
    guard !port.isEmpty, port.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
    else { return source }
    return .name(String(name[..<colon]))
  }
}

extension UnsafeRawBufferPointer {
  /// Whether the bytes contain a lower-case ASCII needle that starts
  /// with `/`, ignoring the case of ASCII letters in the bytes.
  fileprivate func containsASCIIIgnoringCase(_ needle: StaticString) -> Bool {
    let n = needle.utf8CodeUnitCount
    guard n > 1, count >= n else { return false }
    var i = 0
    while i <= count - n {
      if self[i] == 0x2F, self[i + 1] | 0x20 == needle.utf8Start[1] {
        var k = 2
        while k < n {
          var byte = self[i + k]
          if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
          if byte != needle.utf8Start[k] { break }
          k += 1
        }
        if k == n { return true }
      }
      i += 1
    }
    return false
  }
}
