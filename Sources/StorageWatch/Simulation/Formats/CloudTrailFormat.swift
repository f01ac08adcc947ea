import AccessLogs

/// CloudTrail S3 data events, with management events of other services
/// mixed in, delivered as gzip files per region every 5 to 15 minutes.
struct CloudTrailFormat: SimulatedFormat {
  let names: SimulatedNames
  let identities: [AWSIdentity]
  let vpcEndpoint: String
  let includeManagement: Bool

  init(names: SimulatedNames) {
    self.names = names
    identities = AWSIdentity.make(names)
    vpcEndpoint =
      "vpce-0" + hex(stableHash(names.workload.config.seed, 30), count: 16)
    includeManagement = names.workload.config.includeManagementEvents
  }

  /// Whether CloudTrail records the request at all.
  func records(_ r: Request) -> Bool {
    let role = names.workload.actors[Int(r.actor)].role
    if role == .lifecycle { return false }
    if r.operation.isManagement { return includeManagement }
    return true
  }

  func region(_ r: Request) -> String {
    if r.operation.isManagement || r.operation == .listBuckets {
      return "us-east-1"
    }
    return names.workload.buckets[Int(r.bucket)].region
  }

  func label(_ actor: Int) -> String { identities[actor].label }

  func errorCode(_ r: Request) -> (String, String)? {
    switch r.status {
    case .ok: return nil
    case .denied: return ("AccessDenied", "Access Denied")
    case .notFound:
      return ("NoSuchKey", "The specified key does not exist.")
    }
  }

  func sourceText(_ r: Request) -> String {
    identities[Int(r.actor)].kind == .service
      ? identities[Int(r.actor)].name : Addresses.text(r.address)
  }

  func userAgent(_ r: Request) -> String {
    identities[Int(r.actor)].kind == .service
      ? identities[Int(r.actor)].name : r.client.userAgent(.aws)
  }

  func event(_ r: Request) -> AccessEvent? {
    guard records(r), !r.operation.isManagement else { return nil }
    let identity = identities[Int(r.actor)]
    let account = names.awsAccount
    let (principal, kind, session) = identity.principal(account, r)
    var e = AccessEvent(
      time: Timestamp(nanosecondsSinceEpoch: r.time).truncated(
        to: 1_000_000_000),
      format: .cloudTrail, principal: principal, principalKind: kind,
      action: r.operation.category, operation: r.operation.cloudTrailName)
    if identity.kind == .iamUser || identity.kind == .assumedRole {
      e.principalAccount = account
    }
    e.sessionName = session
    if let (code, _) = errorCode(r) {
      e.errorCode = code
      e.outcome = r.status == .denied ? .denied : .error
    }
    if r.operation.hasBucket {
      e.bucket = names.bucketName(Int(r.bucket))
    }
    if r.operation.hasObject {
      e.objectKey = names.key(bucket: Int(r.bucket), object: r.object)
    }
    e.account = account
    e.sourceAddress = SourceAddress.classify(sourceText(r))
    if r.flags & RequestFlags.viaEndpoint != 0 { e.networkPath = vpcEndpoint }
    e.userAgent = userAgent(r)
    e.bytesOut = r.operation == .putObject ? 0 : r.bytes
    e.bytesIn = r.operation == .putObject ? r.bytes : 0
    e.authentication = identity.kind == .anonymous ? .anonymous : .sigV4
    if identity.kind == .service { e.authentication = .sigV4 }
    e.requestID = requestID16(r.nonce)
    e.eventID = uuid(r.nonce, stableHash(r.nonce, 1))
    e.region = region(r)
    return e
  }
}
