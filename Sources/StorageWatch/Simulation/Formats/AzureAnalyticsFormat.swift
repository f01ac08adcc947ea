import AccessLogs

/// Azure Storage Analytics logging, version 2.0: `;`-separated lines in
/// hourly blobs of each storage account's `$logs` container.
struct AzureAnalyticsFormat: SimulatedFormat {
  let names: SimulatedNames
  let callers: [AzureCaller]

  init(names: SimulatedNames) {
    self.names = names
    callers = AzureCaller.make(names)
  }

  func label(_ actor: Int) -> String { callers[actor].label }

  func statusText(_ r: Request) -> (String, Int) {
    let caller = callers[Int(r.actor)]
    switch r.status {
    case .ok:
      let code =
        r.operation == .putObject
        ? 201 : (r.operation == .deleteObject ? 202 : 200)
      switch caller.kind {
      case .oauth: return ("OAuthSuccess", code)
      case .sas: return ("SASSuccess", code)
      case .anonymous: return ("AnonymousSuccess", code)
      case .accountKey: return ("Success", code)
      }
    case .denied:
      switch caller.kind {
      case .sas: return ("SASAuthorizationError", 403)
      case .anonymous: return ("AnonymousAuthorizationError", 401)
      default: return ("AuthorizationPermissionMismatch", 403)
      }
    case .notFound:
      return (
        caller.kind == .anonymous
          ? "AnonymousClientOtherError" : "BlobNotFound", 404
      )
    }
  }

  func event(_ r: Request) -> AccessEvent? {
    guard names.azureRecords(r) else { return nil }
    let caller = callers[Int(r.actor)]
    let account = names.azureAccount(Int(r.bucket))
    let (principal, kind) = caller.principal(account: account, monitor: false)
    var e = AccessEvent(
      time: Timestamp(nanosecondsSinceEpoch: r.time).truncated(to: 100),
      format: .azureStorageAnalytics, principal: principal,
      principalKind: kind, action: r.operation.category,
      operation: r.operation.azureName,
      authentication: caller.authentication)
    let (status, code) = statusText(r)
    if r.status != .ok {
      e.outcome = code == 404 ? .error : .denied
      e.errorCode = status
    }
    if caller.kind == .oauth || caller.kind == .accountKey {
      e.principalAccount = account
    }
    e.account = account
    if r.operation != .listBuckets {
      e.bucket = names.container(Int(r.bucket))
    }
    if r.operation.hasObject {
      e.objectKey = names.key(bucket: Int(r.bucket), object: r.object)
    }
    e.sourceAddress = .ip(.v4(r.address))
    e.userAgent = r.client.userAgent(.azure)
    e.bytesOut = responseBytes(r)
    e.bytesIn = r.status == .ok && r.operation == .putObject ? r.bytes : 0
    e.requestID = requestGUID(r)
    return e
  }

  func responseBytes(_ r: Request) -> Int64 {
    if r.status != .ok { return 215 + Int64(r.nonce % 40) }
    return r.operation == .putObject ? 0 : r.bytes
  }

  func requestGUID(_ r: Request) -> String {
    let h = stableHash(r.nonce, 71)
    return "\(hex(h, count: 8))-\(hex(h >> 32, count: 4))-"
      + "00\(hex(r.nonce >> 8, count: 2))-\(hex(r.nonce >> 20, count: 4))-"
      + "\(hex(r.nonce >> 36, count: 6))000000"
  }

  /// One log line, without the line end.
  func line(_ r: Request) -> String {
    let caller = callers[Int(r.actor)]
    let account = names.azureAccount(Int(r.bucket))
    let time = Timestamp(nanosecondsSinceEpoch: r.time).iso8601(
      fractionDigits: 7)
    let (status, code) = statusText(r)
    let server = 2 + Int(r.nonce % 30) + Int(r.bytes / 80_000_000)
    let total = server + Int((r.nonce >> 6) % 40)
    let authType: String
    let requester: String
    switch caller.kind {
    case .oauth: (authType, requester) = ("bearer", account)
    case .sas: (authType, requester) = ("sas", "")
    case .accountKey: (authType, requester) = ("authenticated", account)
    case .anonymous: (authType, requester) = ("anonymous", "")
    }
    var url = names.azureURL(r, ampersand: "&amp;")
    if caller.kind == .sas {
      url +=
        (url.contains("?") ? "&amp;" : "?")
        + "se=2027-01-01T00%3A00%3A00Z&amp;sig=XXXXX&amp;sp=racwdl&amp;"
        + "spr=https&amp;sr=c&amp;sv=2022-11-02"
    }
    let bytesIn = r.status == .ok && r.operation == .putObject ? r.bytes : 0
    let port = r.port == 0 ? 443 : Int(r.port)
    let blobOp = r.operation.hasObject && r.status == .ok
    let etag = blobOp ? "\"&quot;\(names.azureETag(r))&quot;\"" : ""
    let modified = blobOp ? lastModified(r) : ""
    let md5 =
      r.operation == .putObject && r.status == .ok
      ? "\"\(base64(r.nonce ^ 77, bytes: 16))\"" : ""
    var fields: [String] = [
      "2.0", time, r.operation.azureName, status, String(code), String(total),
      String(server), authType, requester, account, "blob", "\"\(url)\"",
      "\"\(names.azureObjectKey(r))\"", requestGUID(r), "0",
      "\(Addresses.text(r.address)):\(port)", "2023-11-03",
      String(480 + Int(r.nonce % 300)), String(bytesIn),
      String(250 + Int((r.nonce >> 10) % 230)), String(responseBytes(r)),
      String(bytesIn), "", md5, etag, modified, "",
      "\"\(r.client.userAgent(.azure))\"", "",
      "\"\(uuid(r.nonce ^ 78, r.nonce))\"",
    ]
    if caller.kind == .oauth {
      let tenant = names.azureTenant
      let result = r.status == .denied ? "Denied" : "Granted"
      fields += [
        "\"\(caller.objectID)\"", "\"\(tenant)\"", "\"\(caller.appID)\"",
        "\"https://storage.azure.com/\"",
        "\"https://sts.windows.net/\(tenant)/\"",
        caller.upn.isEmpty ? "" : "\"\(caller.upn)\"", "",
        "\"[{\"action\":\"\(r.operation.azureAction)\", \"roleAssignmentId\":"
          + "\"\(uuid(stableHash(UInt64(r.actor), 72), 7))\", "
          + "\"roleDefinitionId\":\"2a2b9908-6ea1-4ae2-8e65-a410df84e7d1\", "
          + "\"principalId\":\"\(caller.objectID)\", \"principalType\":"
          + "\"\(caller.upn.isEmpty ? "ServicePrincipal" : "User")\", "
          + "\"result\":\"\(result)\"}]\"",
      ]
    } else {
      fields += Array(repeating: "", count: 8)
    }
    return fields.joined(separator: ";")
  }

  /// `Tuesday, 07-Apr-20 13:56:11 GMT`, a little before the request.
  func lastModified(_ r: Request) -> String {
    let seconds =
      r.time / 1_000_000_000 - 3_600
      - Int64(stableHash(UInt64(r.bucket), UInt64(r.object), 73) % 2_000_000)
    let t = UTCParts(seconds: seconds)
    let weekday = CivilDate.weekdayNames[
      CivilDate.weekday(days: floorDiv(seconds, 86_400))]
    return "\(weekday), \(pad(t.day, 2))-\(CivilDate.monthNames[t.month - 1])-"
      + "\(pad(t.year % 100, 2)) \(pad(t.hour, 2)):\(pad(t.minute, 2)):"
      + "\(pad(t.second, 2)) GMT"
  }

  func write(
    _ requests: [Request], to sink: inout LogFileSink,
    summary: inout SimulationSummary
  ) throws {
    var entries: [(String, Int64, Int)] = []
    for (i, r) in requests.enumerated() where names.azureRecords(r) {
      entries.append(
        (
          names.azureAccount(Int(r.bucket)),
          floorDiv(r.time, 3_600_000_000_000), i
        ))
    }
    entries.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    summary.events = entries.count
    summary.records = entries.count
    var index = 0
    while index < entries.count {
      let (account, hour, _) = entries[index]
      var end = index
      while end < entries.count && entries[end].0 == account
        && entries[end].1 == hour
      {
        end += 1
      }
      let t = UTCParts(seconds: hour * 3600)
      // Blobs roll over at about 150 MB; count lines instead.
      var part = 0
      var start = index
      while start < end {
        let stop = min(end, start + 200_000)
        var body: [UInt8] = []
        for entry in entries[start..<stop] {
          append(line(requests[entry.2]), to: &body)
          body.append(0x0A)
        }
        try sink.write(
          "\(account)/$logs/blob/\(t.datePath)/\(pad(t.hour, 2))00/"
            + "\(pad(part, 6)).log", body)
        summary.files += 1
        part += 1
        start = stop
      }
      index = end
    }
  }
}
