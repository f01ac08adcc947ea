import AccessLogs

/// Amazon S3 server access logs: one space-separated line per request,
/// delivered per source bucket every 10 to 30 minutes, best effort.
struct S3AccessLogFormat: SimulatedFormat {
  let names: SimulatedNames
  let identities: [AWSIdentity]

  init(names: SimulatedNames) {
    self.names = names
    identities = AWSIdentity.make(names)
  }

  /// Server access logs are per bucket: calls naming no bucket, and other
  /// services' calls, are not logged.
  func records(_ r: Request) -> Bool {
    r.operation.hasBucket && !r.operation.isManagement
  }

  func label(_ actor: Int) -> String { identities[actor].label }

  func operation(_ op: Operation) -> String {
    switch op {
    case .getObject: return "REST.GET.OBJECT"
    case .putObject: return "REST.PUT.OBJECT"
    case .deleteObject: return "REST.DELETE.OBJECT"
    case .headObject: return "REST.HEAD.OBJECT"
    case .listObjects: return "REST.GET.BUCKET"
    case .getBucketAcl: return "REST.GET.ACL"
    case .getBucketPolicy: return "REST.GET.BUCKETPOLICY"
    case .lifecycleExpire: return "S3.EXPIRE.OBJECT"
    default: return "REST.GET.SERVICE"
    }
  }

  /// The requester field.
  func requester(_ r: Request) -> String {
    let identity = identities[Int(r.actor)]
    let account = names.awsAccount
    switch identity.kind {
    case .iamUser: return identity.userARN(account)
    case .assumedRole: return identity.sessionARN(account, r)
    case .anonymous: return "-"
    case .service: return "svc:\(identity.name)"
    case .lifecycle: return "AmazonS3"
    }
  }

  /// Bytes Sent, or nil for `-`.
  func bytesSent(_ r: Request) -> Int64? {
    if r.status == .denied { return 243 }
    if r.status == .notFound { return 294 }
    switch r.operation {
    case .getObject, .listObjects, .getBucketAcl, .getBucketPolicy:
      return r.bytes
    default: return nil
    }
  }

  /// Object Size, or nil for `-`.
  func objectSize(_ r: Request) -> Int64? {
    guard r.status == .ok else { return nil }
    switch r.operation {
    case .getObject, .putObject, .headObject, .lifecycleExpire:
      return names.workload.objectSize(bucket: Int(r.bucket), object: r.object)
    default: return nil
    }
  }

  func event(_ r: Request) -> AccessEvent? {
    guard records(r) else { return nil }
    let identity = identities[Int(r.actor)]
    let (principal, kind, session) = identity.principal(names.awsAccount, r)
    var e = AccessEvent(
      time: Timestamp(nanosecondsSinceEpoch: r.time).truncated(
        to: 1_000_000_000),
      format: .s3AccessLog, principal: principal, principalKind: kind,
      action: r.operation.category, operation: operation(r.operation))
    if identity.kind == .iamUser || identity.kind == .assumedRole {
      e.principalAccount = names.awsAccount
    }
    e.sessionName = session
    switch r.status {
    case .ok: break
    case .denied:
      e.outcome = .denied
      e.errorCode = "AccessDenied"
    case .notFound:
      e.outcome = .error
      e.errorCode = "NoSuchKey"
    }
    e.account = names.canonicalOwner
    e.bucket = names.bucketName(Int(r.bucket))
    if r.operation.hasObject {
      e.objectKey = names.key(bucket: Int(r.bucket), object: r.object)
    }
    if identity.kind != .service && identity.kind != .lifecycle {
      e.sourceAddress = .ip(.v4(r.address))
      e.userAgent = r.client.userAgent(.aws)
    }
    e.bytesOut = bytesSent(r)
    if r.operation == .putObject { e.bytesIn = objectSize(r) }
    switch identity.kind {
    case .anonymous: e.authentication = .anonymous
    case .lifecycle: e.authentication = .unknown
    default: e.authentication = .sigV4
    }
    e.requestID = requestID16(r.nonce)
    return e
  }

  /// One log line, without the line end.
  func line(_ r: Request) -> String {
    let bucket = names.bucketName(Int(r.bucket))
    let region = names.workload.buckets[Int(r.bucket)].region
    let t = UTCParts(seconds: r.time / 1_000_000_000)
    let time =
      "[\(pad(t.day, 2))/\(CivilDate.monthNames[t.month - 1])/\(t.year):"
      + "\(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2)) +0000]"
    let identity = identities[Int(r.actor)]
    let key = names.key(bucket: Int(r.bucket), object: r.object)
    let encodedKey = percentEncodePath(key)
    let hostID = base64(r.nonce, bytes: 57)
    let size = objectSize(r)
    if identity.kind == .lifecycle {
      return
        "\(names.canonicalOwner) \(bucket) \(time) - AmazonS3 "
        + "\(requestID16(r.nonce)) S3.EXPIRE.OBJECT \(encodedKey) \"-\" - - -"
        + " \(size.map(String.init) ?? "-") - - \"-\" \"-\" "
        + "\(hex(r.nonce, count: 16)) \(hostID) - - - - - - -"
    }
    let method: String
    var uri: String
    switch r.operation {
    case .getObject: (method, uri) = ("GET", "/" + encodedKey)
    case .putObject: (method, uri) = ("PUT", "/" + encodedKey)
    case .deleteObject: (method, uri) = ("DELETE", "/" + encodedKey)
    case .headObject: (method, uri) = ("HEAD", "/" + encodedKey)
    case .listObjects:
      (method, uri) = ("GET", "/?list-type=2&prefix=&encoding-type=url")
    case .getBucketAcl: (method, uri) = ("GET", "/?acl")
    default: (method, uri) = ("GET", "/?policy")
    }
    if identity.kind == .anonymous { uri = "/" + bucket + uri }
    let status: String
    let error: String
    switch r.status {
    case .ok:
      status = r.operation == .deleteObject ? "204" : "200"
      error = "-"
    case .denied: (status, error) = ("403", "AccessDenied")
    case .notFound: (status, error) = ("404", "NoSuchKey")
    }
    let sent = bytesSent(r).map { $0 == 0 ? "-" : String($0) } ?? "-"
    let moved = Double(max(r.bytes, 0))
    let total = 4 + Int(moved / 60e6 * 1000) + Int(r.nonce % 40)
    let turnaround = 2 + Int((r.nonce >> 8) % 30)
    let anonymous = identity.kind == .anonymous
    let agent = r.client.userAgent(.aws)
    let host =
      anonymous ? "s3.amazonaws.com" : "\(bucket).s3.\(region).amazonaws.com"
    let keyField = r.operation.hasObject ? encodedKey : "-"
    return
      "\(names.canonicalOwner) \(bucket) \(time) "
      + "\(Addresses.text(r.address)) \(requester(r)) \(requestID16(r.nonce))"
      + " \(operation(r.operation)) \(keyField) \"\(method) \(uri) HTTP/1.1\""
      + " \(status) \(error) \(sent) \(size.map(String.init) ?? "-")"
      + " \(total) \(turnaround) \"-\" \"\(agent)\" - \(hostID)"
      + " \(anonymous ? "-" : "SigV4") TLS_AES_128_GCM_SHA256"
      + " \(anonymous ? "-" : "AuthHeader") \(host) TLSv1.3 - -"
  }

  func write(
    _ requests: [Request], to sink: inout LogFileSink,
    summary: inout SimulationSummary
  ) throws {
    let periodStart = names.workload.startSeconds
    var entries: [(Int, Int64, Int)] = []
    for (i, r) in requests.enumerated() where records(r) {
      let h = stableHash(r.nonce, 50)
      let delay: Int64 =
        h % 100 < 5 ? 600 + Int64((h >> 8) % 3000) : 30 + Int64((h >> 8) % 570)
      entries.append((Int(r.bucket), r.time / 1_000_000_000 + delay, i))
    }
    entries.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    summary.events = entries.count
    summary.records = entries.count
    var index = 0
    var windowBucket = -1
    var windowEnd = periodStart
    var k: UInt64 = 0
    while index < entries.count {
      let bucket = entries[index].0
      if bucket != windowBucket {
        windowBucket = bucket
        windowEnd = periodStart
        k = 0
      }
      while windowEnd <= entries[index].1 {
        windowEnd += 600 + Int64(stableHash(UInt64(bucket), k, 51) % 1201)
        k += 1
      }
      var end = index
      while end < entries.count && entries[end].0 == bucket
        && entries[end].1 < windowEnd
      {
        end += 1
      }
      var body: [UInt8] = []
      for entry in entries[index..<end] {
        append(line(requests[entry.2]), to: &body)
        body.append(0x0A)
      }
      let t = UTCParts(seconds: windowEnd)
      let unique = hex(
        stableHash(UInt64(bucket), UInt64(windowEnd), 52), count: 16
      )
      .uppercased()
      let path =
        "s3-access/\(names.bucketName(bucket))/\(t.year)-\(pad(t.month, 2))-"
        + "\(pad(t.day, 2))-\(pad(t.hour, 2))-\(pad(t.minute, 2))-"
        + "\(pad(t.second, 2))-\(unique)"
      try sink.write(path, body)
      summary.files += 1
      index = end
    }
  }
}
