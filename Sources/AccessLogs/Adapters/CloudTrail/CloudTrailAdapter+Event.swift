extension CloudTrailAdapter {
  /// The top-level keys an event is read from, found in one pass.
  static let eventKeys = JSONKeySet([
    "eventType", "eventCategory", "eventSource", "digestStartTime",
    "eventName", "eventTime", "@timestamp", "p_event_time", "userIdentity",
    "errorCode", "requestParameters", "recipientAccountId", "resources",
    "sourceIPAddress", "vpcEndpointId", "userAgent", "additionalEventData",
    "requestID", "eventID", "awsRegion",
  ])

  /// Positions in ``eventKeys``.
  private enum Key: Int {
    case eventType, eventCategory, eventSource, digestStartTime
    case eventName, eventTime, timestamp, pEventTime, userIdentity
    case errorCode, requestParameters, recipientAccountId, resources
    case sourceIPAddress, vpcEndpointId, userAgent, additionalEventData
    case requestID, eventID, awsRegion
  }

  /// Decodes one CloudTrail event object.
  func decodeEvent(
    _ doc: JSONDocument, _ e: Int, into sink: inout RecordSink
  ) {
    sink.records += 1
    let offset = doc.nodes[e].start
    guard doc.kind(e) == .object else {
      sink.skip(.unrecognizedShape, "event is not a JSON object", at: offset)
      return
    }
    var slots = sink.slots
    defer { sink.slots = slots }
    doc.members(e, CloudTrailAdapter.eventKeys, into: &slots)
    func field(_ key: Key) -> Int? {
      let node = slots[key.rawValue]
      return node < 0 ? nil : node
    }
    if doc.stringEquals(field(.eventType), "AwsCloudTrailInsight")
      || doc.stringEquals(field(.eventCategory), "Insight")
    {
      sink.skip(.insight, "CloudTrail Insights event", at: offset)
      return
    }
    guard let source = field(.eventSource) else {
      if field(.digestStartTime) != nil {
        sink.skip(.digest, "CloudTrail digest record", at: offset)
      } else {
        sink.skip(.malformedRecord, "no eventSource", at: offset)
      }
      return
    }
    guard doc.stringEquals(source, "s3.amazonaws.com") else {
      sink.skip(
        .notStorage, doc.text(source) ?? "eventSource is not a string",
        at: offset)
      return
    }
    guard let name = doc.text(field(.eventName)) else {
      sink.skip(.malformedRecord, "no eventName", at: offset)
      return
    }
    let timeNode =
      field(.eventTime) ?? field(.timestamp) ?? field(.pEventTime)
    guard let timeNode, doc.kind(timeNode) == .string else {
      sink.skip(.badTimestamp, "no eventTime or @timestamp", at: offset)
      return
    }
    guard
      let time = Timestamp.parseISO8601(
        UnsafeRawBufferPointer(doc.rawBytes(timeNode)))
    else {
      sink.skip(
        .badTimestamp, "eventTime \"\(doc.string(timeNode) ?? "")\"",
        at: offset)
      return
    }

    let identity = resolvePrincipal(doc, field(.userIdentity))
    var event = AccessEvent(
      time: time, format: .cloudTrail, principal: identity.principal,
      principalKind: identity.kind, action: S3Operation.category(name),
      operation: name)
    event.principalAccount = identity.account
    event.sessionName = identity.sessionName

    let errorCode = doc.text(field(.errorCode))
    event.errorCode = errorCode
    event.outcome = errorCode.map(CloudTrailAdapter.outcome) ?? .success

    let parameters = field(.requestParameters)
    event.bucket = doc.text(doc.member(parameters, "bucketName"))
    event.objectKey = doc.text(doc.member(parameters, "key"))
    event.account = doc.text(field(.recipientAccountId))
    readResources(doc, field(.resources), into: &event)

    if let ip = doc.text(field(.sourceIPAddress)) {
      event.sourceAddress = SourceAddress.classify(ip)
    }
    event.networkPath = doc.text(field(.vpcEndpointId))
    event.userAgent = doc.text(field(.userAgent)).map {
      CloudTrailAdapter.unbracketed($0)
    }

    let extra = field(.additionalEventData)
    event.bytesOut = doc.int64(doc.member(extra, "bytesTransferredOut"))
    event.bytesIn = doc.int64(doc.member(extra, "bytesTransferredIn"))
    event.authentication = authentication(doc, extra, identity.kind)

    event.requestID = doc.text(field(.requestID))
    event.eventID = doc.text(field(.eventID))
    event.region = doc.text(field(.awsRegion))
    sink.emit(event)
  }

  /// Fills the bucket, key and owner account from `resources` ARNs where
  /// `requestParameters` lacked them.
  ///
  /// ARNs are cut at bytes (`/` never occurs inside a multi-byte UTF-8
  /// sequence), and strings are made only for the fields still missing.
  private func readResources(
    _ doc: JSONDocument, _ resources: Int?, into event: inout AccessEvent
  ) {
    for resource in doc.elements(resources) {
      let type = doc.member(resource, "type")
      var arnNode = doc.member(resource, "ARN")
      if !doc.hasText(arnNode) { arnNode = doc.member(resource, "ARNPrefix") }
      let isS3 =
        doc.withStringBytes(arnNode) { bytes -> Bool in
          let prefix = "arn:aws:s3:::".utf8
          guard bytes.count >= prefix.count,
            zip(bytes, prefix).allSatisfy({ $0 == $1 })
          else { return false }
          let path = UnsafeRawBufferPointer(rebasing: bytes[prefix.count...])
          let slash = path.firstIndex(of: 0x2F)
          if event.bucket == nil, (slash ?? path.count) > 0 {
            event.bucket = String(
              decoding: path[..<(slash ?? path.count)], as: UTF8.self)
          }
          if event.objectKey == nil, let slash, slash + 1 < path.count,
            doc.stringEquals(type, "AWS::S3::Object")
          {
            event.objectKey = String(
              decoding: path[(slash + 1)...], as: UTF8.self)
          }
          return true
        } ?? false
      guard isS3 else { continue }
      if doc.stringEquals(type, "AWS::S3::Bucket"),
        let owner = doc.text(doc.member(resource, "accountId"))
          ?? doc.text(doc.member(resource, "accountid"))
      {
        event.account = owner
      }
    }
  }

  private func authentication(
    _ doc: JSONDocument, _ extra: Int?, _ kind: PrincipalKind
  ) -> AuthenticationMethod {
    if kind == .anonymous { return .anonymous }
    if doc.stringEquals(
      doc.member(extra, "AuthenticationMethod"), "QueryString")
    {
      return .presignedURL
    }
    let version = doc.member(extra, "SignatureVersion")
    if doc.stringEquals(version, "SigV4") { return .sigV4 }
    if doc.stringEquals(version, "SigV2") { return .sigV2 }
    return .unknown
  }

  /// A user agent without the square brackets that CloudTrail puts around
  /// S3 callers' agents.
  static func unbracketed(_ agent: String) -> String {
    let utf8 = agent.utf8
    guard utf8.count >= 2, utf8.first == 0x5B, utf8.last == 0x5D else {
      return agent
    }
    return String(Substring(utf8.dropFirst().dropLast()))
  }

  /// The outcome of an S3 error code: refusals of identity or permission
  /// are ``Outcome/denied``, everything else ``Outcome/error``.
  static func outcome(_ code: String) -> Outcome {
    if code.contains("AccessDenied") || code.contains("Unauthorized")
      || code.contains("Forbidden") || deniedCodes.contains(code)
    {
      return .denied
    }
    return .error
  }

  private static let deniedCodes: Set<String> = [
    "AllAccessDisabled", "InvalidAccessKeyId", "SignatureDoesNotMatch",
    "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "AccountProblem",
    "InvalidSecurity", "MissingSecurityHeader", "NotSignedUp",
    "RequestTimeTooSkewed", "InvalidObjectState.AccessDenied",
  ]
}
