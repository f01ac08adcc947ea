import AccessLogs
import Foundation

/// Azure Monitor `StorageBlobLogs` resource logs archived to a storage
/// account: hourly `PT1H.json` JSON Lines blobs per storage account.
struct AzureMonitorFormat: SimulatedFormat {
  let names: SimulatedNames
  let callers: [AzureCaller]
  let analytics: AzureAnalyticsFormat

  init(names: SimulatedNames) {
    self.names = names
    callers = AzureCaller.make(names)
    analytics = AzureAnalyticsFormat(names: names)
  }

  func label(_ actor: Int) -> String { callers[actor].label }

  func statusText(_ r: Request) -> (String, Int) {
    switch r.status {
    case .ok:
      let code =
        r.operation == .putObject
        ? 201 : (r.operation == .deleteObject ? 202 : 200)
      return ("Success", code)
    case .denied:
      return callers[Int(r.actor)].kind == .sas
        ? ("AuthorizationFailure", 403)
        : ("AuthorizationPermissionMismatch", 403)
    case .notFound: return ("BlobNotFound", 404)
    }
  }

  func category(_ op: Operation) -> String {
    switch op {
    case .putObject: return "StorageWrite"
    case .deleteObject: return "StorageDelete"
    default: return "StorageRead"
    }
  }

  func resourceID(_ account: String) -> String {
    "/subscriptions/\(names.azureSubscription)/resourceGroups/"
      + "\(names.azureResourceGroup)/providers/Microsoft.Storage/"
      + "storageAccounts/\(account)/blobServices/default"
  }

  func event(_ r: Request) -> AccessEvent? {
    guard names.azureRecords(r) else { return nil }
    let caller = callers[Int(r.actor)]
    let account = names.azureAccount(Int(r.bucket))
    let (principal, kind) = caller.principal(account: account, monitor: true)
    var e = AccessEvent(
      time: Timestamp(nanosecondsSinceEpoch: r.time).truncated(to: 100),
      format: .azureMonitor, principal: principal, principalKind: kind,
      action: r.operation.category, operation: r.operation.azureName,
      authentication: caller.authentication)
    let (status, code) = statusText(r)
    if r.status != .ok {
      e.outcome = code == 404 ? .error : .denied
      e.errorCode = status
    }
    if caller.kind == .oauth { e.principalAccount = names.azureTenant }
    e.account = account
    if r.operation != .listBuckets {
      e.bucket = names.container(Int(r.bucket))
    }
    if r.operation.hasObject {
      e.objectKey = names.key(bucket: Int(r.bucket), object: r.object)
    }
    e.sourceAddress = .ip(.v4(r.address))
    e.userAgent = r.client.userAgent(.azure)
    e.bytesOut = analytics.responseBytes(r)
    e.bytesIn = r.status == .ok && r.operation == .putObject ? r.bytes : 0
    e.requestID = analytics.requestGUID(r)
    e.region = names.azureLocation(Int(r.bucket))
    return e
  }

  /// `10/5/2026 9:12:33 AM`, as the US-locale `lastModifiedTime`.
  func usTime(_ seconds: Int64) -> String {
    let t = UTCParts(seconds: seconds)
    let hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12
    return "\(t.month)/\(t.day)/\(t.year) \(hour12):\(pad(t.minute, 2)):"
      + "\(pad(t.second, 2)) \(t.hour < 12 ? "AM" : "PM")"
  }

  func identity(_ r: Request) -> String {
    let caller = callers[Int(r.actor)]
    switch caller.kind {
    case .anonymous: return "{\"type\":\"Anonymous\"}"
    case .accountKey:
      return
        "{\"type\":\"AccountKey\",\"tokenHash\":\"key1(\(caller.keyHash))\"}"
    case .sas:
      return "{\"type\":\"SAS\",\"tokenHash\":\"key1(\(caller.keyHash)),"
        + "SasSignature(\(caller.signatureHash))\"}"
    case .oauth:
      let tenant = names.azureTenant
      let result = r.status == .denied ? "Denied" : "Granted"
      var requester =
        "{\"appId\":\"\(caller.appID)\",\"audience\":"
        + "\"https://storage.azure.com\",\"objectId\":\"\(caller.objectID)\","
        + "\"tenantId\":\"\(tenant)\",\"tokenIssuer\":"
        + "\"https://sts.windows.net/\(tenant)/\""
      if !caller.upn.isEmpty {
        requester += ",\"upn\":\(jsonString(caller.upn))"
      }
      requester += "}"
      return "{\"type\":\"OAuth\",\"tokenHash\":\"\","
        + "\"authorization\":[{\"action\":\"\(r.operation.azureAction)\","
        + "\"denyAssignmentId\":\"\",\"principals\":[{\"id\":"
        + "\"\(caller.objectID)\",\"type\":"
        + "\"\(caller.upn.isEmpty ? "ServicePrincipal" : "User")\"}],"
        + "\"reason\":\"Policy\",\"result\":\"\(result)\","
        + "\"roleAssignmentId\":\"\(uuid(stableHash(UInt64(r.actor), 72), 7))\","
        + "\"roleDefinitionId\":\"2a2b9908-6ea1-4ae2-8e65-a410df84e7d1\","
        + "\"type\":\"RBAC\"}],\"requester\":\(requester)}"
    }
  }

  /// One record as a single line of JSON.
  func line(_ r: Request) -> String {
    let account = names.azureAccount(Int(r.bucket))
    let (status, code) = statusText(r)
    let server = 2 + Int(r.nonce % 30) + Int(r.bytes / 80_000_000)
    let total = server + Int((r.nonce >> 6) % 40)
    let port = r.port == 0 ? 443 : Int(r.port)
    let bytesIn = r.status == .ok && r.operation == .putObject ? r.bytes : 0
    var uri = names.azureURL(r, ampersand: "&")
    uri = uri.replacingFirst(
      ".blob.core.windows.net", with: ".blob.core.windows.net:443")
    if callers[Int(r.actor)].kind == .sas {
      uri +=
        (uri.contains("?") ? "&" : "?")
        + "se=2027-01-01T00%3A00%3A00Z&sig=XXXXX&sp=racwdl&spr=https&sr=c"
        + "&sv=2022-11-02"
    }
    var s = "{\"time\":\""
    s += Timestamp(nanosecondsSinceEpoch: r.time).iso8601(fractionDigits: 7)
    s += "\",\"resourceId\":\"\(resourceID(account))\","
    s += "\"category\":\"\(category(r.operation))\","
    s += "\"operationName\":\"\(r.operation.azureName)\","
    s += "\"operationVersion\":\"2023-11-03\",\"schemaVersion\":\"1.0\","
    s += "\"statusCode\":\(code),\"statusText\":\"\(status)\","
    s += "\"durationMs\":\(total),"
    s += "\"callerIpAddress\":\"\(Addresses.text(r.address)):\(port)\","
    s += "\"correlationId\":\"\(analytics.requestGUID(r))\","
    s += "\"identity\":\(identity(r)),"
    s += "\"location\":\"\(names.azureLocation(Int(r.bucket)))\","
    var p = "{\"accountName\":\"\(account)\","
    p += "\"requesterIpAddress\":\"\(Addresses.text(r.address)):\(port)\","
    p += "\"userAgentHeader\":\(jsonString(r.client.userAgent(.azure))),"
    p += "\"clientRequestId\":\"\(uuid(r.nonce ^ 78, r.nonce))\","
    if r.operation.hasObject && r.status == .ok {
      p += "\"etag\":\"\\\"\(names.azureETag(r))\\\"\","
      p += "\"lastModifiedTime\":\"\(usTime(r.time / 1_000_000_000 - 3_600))\","
    }
    p += "\"serviceType\":\"blob\","
    p += "\"objectKey\":\(jsonString(names.azureObjectKey(r))),"
    p += "\"metricResponseType\":\"\(status)\","
    p += "\"serverLatencyMs\":\(server),"
    p += "\"requestHeaderSize\":\(480 + Int(r.nonce % 300)),"
    p += "\"responseHeaderSize\":\(250 + Int((r.nonce >> 10) % 230)),"
    p += "\"responseBodySize\":\(analytics.responseBytes(r)),"
    p += "\"requestBodySize\":\(bytesIn),"
    p += "\"contentLengthHeader\":\(bytesIn),"
    p += "\"tlsVersion\":\"TLS 1.2\""
    if r.operation.hasObject && r.status == .ok {
      p += ",\"accessTier\":\"Hot\""
    }
    p += "}"
    s += "\"properties\":\(p),"
    s += "\"uri\":\(jsonString(uri)),"
    s += "\"protocol\":\"HTTPS\","
    s += "\"resourceType\":\"Microsoft.Storage/storageAccounts/blobServices\"}"
    return s
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
      var body: [UInt8] = []
      for entry in entries[index..<end] {
        append(line(requests[entry.2]), to: &body)
        body.append(0x0A)
      }
      let t = UTCParts(seconds: hour * 3600)
      let path =
        "resourceId=\(resourceID(account).uppercased())/y=\(t.year)/"
        + "m=\(pad(t.month, 2))/d=\(pad(t.day, 2))/h=\(pad(t.hour, 2))/"
        + "m=00/PT1H.json"
      try sink.write(path, body)
      summary.files += 1
      index = end
    }
  }
}

extension String {
  /// The string with the first occurrence of `target` replaced.
  fileprivate func replacingFirst(_ target: String, with replacement: String)
    -> String
  {
    guard let range = range(of: target) else { return self }
    return replacingCharacters(in: range, with: replacement)
  }
}
