import AccessLogs

/// Google Cloud Storage Data Access audit logs, as a Cloud Logging sink
/// writes them to a bucket: hourly JSON Lines files of `LogEntry`
/// objects. GCS logs no byte counts, no anonymous reads of public
/// objects and none of its own lifecycle actions.
struct GCSAuditFormat: SimulatedFormat {
  let names: SimulatedNames

  init(names: SimulatedNames) { self.names = names }

  func records(_ r: Request) -> Bool {
    guard !r.operation.isManagement, r.operation != .lifecycleExpire else {
      return false
    }
    switch names.workload.actors[Int(r.actor)].role {
    case .anonymous, .logDelivery, .lifecycle: return false
    default: return true
    }
  }

  /// The principal email of an actor.
  func email(_ actor: Int) -> String {
    let a = names.workload.actors[actor]
    if a.role == .person { return "\(a.name)@\(names.gcpDomain)" }
    return "\(a.name)@\(names.gcpProject).iam.gserviceaccount.com"
  }

  func label(_ actor: Int) -> String { email(actor) }

  func method(_ op: Operation) -> (String, ActionCategory) {
    switch op {
    case .getObject, .headObject: return ("storage.objects.get", .read)
    case .putObject: return ("storage.objects.create", .write)
    case .deleteObject: return ("storage.objects.delete", .delete)
    case .listObjects: return ("storage.objects.list", .list)
    case .listBuckets: return ("storage.buckets.list", .list)
    case .getBucketAcl: return ("storage.buckets.getIamPolicy", .metadataRead)
    default: return ("storage.buckets.get", .metadataRead)
    }
  }

  func insertID(_ r: Request) -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
    var v = stableHash(r.nonce, 60)
    var out: [UInt8] = []
    for _ in 0..<14 {
      out.append(alphabet[Int(v % 36)])
      v /= 36
    }
    return String(decoding: out, as: UTF8.self)
  }

  func event(_ r: Request) -> AccessEvent? {
    guard records(r) else { return nil }
    let (name, category) = method(r.operation)
    var e = AccessEvent(
      time: Timestamp(nanosecondsSinceEpoch: r.time), format: .gcsAudit,
      principal: email(Int(r.actor)), principalKind: .user,
      action: category, operation: name, authentication: .oauth)
    switch r.status {
    case .ok: break
    case .denied:
      e.outcome = .denied
      e.errorCode = "PERMISSION_DENIED"
    case .notFound:
      e.outcome = .error
      e.errorCode = "NOT_FOUND"
    }
    e.account = names.gcpProject
    if r.operation.hasBucket {
      e.bucket = names.bucketName(Int(r.bucket))
      e.region = names.gcsLocation(Int(r.bucket))
    }
    if r.operation.hasObject {
      e.objectKey = names.key(bucket: Int(r.bucket), object: r.object)
    }
    e.sourceAddress = .ip(.v4(r.address))
    e.userAgent = r.client.userAgent(.gcp)
    e.eventID = insertID(r)
    return e
  }

  /// One LogEntry as a single line of JSON.
  func line(_ r: Request) -> String {
    let (name, _) = method(r.operation)
    let bucket = names.bucketName(Int(r.bucket))
    let project = names.gcpProject
    let resource: String
    let permission: String
    switch r.operation {
    case .listBuckets:
      resource = "projects/_"
      permission = "storage.buckets.list"
    case .listObjects:
      resource = "projects/_/buckets/\(bucket)"
      permission = "storage.objects.list"
    case .getBucketAcl:
      resource = "projects/_/buckets/\(bucket)"
      permission = "storage.buckets.getIamPolicy"
    case .getBucketPolicy:
      resource = "projects/_/buckets/\(bucket)"
      permission = "storage.buckets.get"
    default:
      resource =
        "projects/_/buckets/\(bucket)/objects/"
        + names.key(bucket: Int(r.bucket), object: r.object)
      permission = name
    }
    let location =
      r.operation == .listBuckets ? "global" : names.gcsLocation(Int(r.bucket))
    let time = Timestamp(nanosecondsSinceEpoch: r.time)
    let received = Timestamp(
      nanosecondsSinceEpoch: r.time + 200_000_000
        + Int64(stableHash(r.nonce, 61) % 1_300_000_000))
    let status: String
    let severity: String
    switch r.status {
    case .ok: (status, severity) = ("{}", "INFO")
    case .denied:
      (status, severity) = (
        "{\"code\":7,\"message\":\"PERMISSION_DENIED\"}", "ERROR"
      )
    case .notFound:
      (status, severity) = ("{\"code\":5,\"message\":\"NOT_FOUND\"}", "ERROR")
    }
    var s = "{\"protoPayload\":{\"@type\":"
    s += "\"type.googleapis.com/google.cloud.audit.AuditLog\","
    s += "\"status\":\(status),"
    s +=
      "\"authenticationInfo\":{\"principalEmail\":"
      + "\(jsonString(email(Int(r.actor))))},"
    s +=
      "\"requestMetadata\":{\"callerIp\":\"\(Addresses.text(r.address))\","
      + "\"callerSuppliedUserAgent\":"
      + "\(jsonString(r.client.userAgent(.gcp))),"
      + "\"requestAttributes\":{\"time\":"
      + "\"\(time.iso8601(fractionDigits: 9))\",\"auth\":{}},"
      + "\"destinationAttributes\":{}},"
    s += "\"serviceName\":\"storage.googleapis.com\","
    s += "\"methodName\":\"\(name)\","
    s +=
      "\"authorizationInfo\":[{\"resource\":\(jsonString(resource)),"
      + "\"permission\":\"\(permission)\",\"granted\":\(r.status != .denied),"
      + "\"resourceAttributes\":{}}],"
    s += "\"resourceName\":\(jsonString(resource)),"
    s +=
      "\"resourceLocation\":{\"currentLocations\":[\"\(location)\"]}},"
    s += "\"insertId\":\"\(insertID(r))\","
    let bucketLabel = r.operation == .listBuckets ? "" : bucket
    s +=
      "\"resource\":{\"type\":\"gcs_bucket\",\"labels\":{\"location\":"
      + "\"\(location)\",\"project_id\":\"\(project)\",\"bucket_name\":"
      + "\"\(bucketLabel)\"}},"
    s += "\"timestamp\":\"\(time.iso8601(fractionDigits: 9))\","
    s += "\"severity\":\"\(severity)\","
    s +=
      "\"logName\":\"projects/\(project)/logs/"
      + "cloudaudit.googleapis.com%2Fdata_access\","
    s += "\"receiveTimestamp\":\"\(received.iso8601(fractionDigits: 9))\"}"
    return s
  }

  func write(
    _ requests: [Request], to sink: inout LogFileSink,
    summary: inout SimulationSummary
  ) throws {
    var body: [UInt8] = []
    var currentHour: Int64 = .min
    func flush(_ sink: inout LogFileSink) throws {
      guard !body.isEmpty else { return }
      let t = UTCParts(seconds: currentHour * 3600)
      let h = pad(t.hour, 2)
      try sink.write(
        "cloudaudit.googleapis.com/data_access/\(t.datePath)/"
          + "\(h):00:00_\(h):59:59_S0.json", body)
      summary.files += 1
      body.removeAll(keepingCapacity: true)
    }
    for r in requests where records(r) {
      let hour = floorDiv(r.time, 3_600_000_000_000)
      if hour != currentHour {
        try flush(&sink)
        currentHour = hour
      }
      append(line(r), to: &body)
      body.append(0x0A)
      summary.events += 1
      summary.records += 1
    }
    try flush(&sink)
  }
}
