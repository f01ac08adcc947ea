import AccessLogs

extension CloudTrailFormat {
  /// The userIdentity object of a request.
  func userIdentity(_ r: Request) -> String {
    let actor = Int(r.actor)
    let identity = identities[actor]
    let account = names.awsAccount
    let console = r.client == .console
    let created = Timestamp(
      secondsSinceEpoch: floorDiv(r.time / 1_000_000_000, 3600) * 3600
        - 1_800
    ).iso8601
    switch identity.kind {
    case .iamUser:
      var s =
        "{\"type\":\"IAMUser\",\"principalId\":\"\(identity.principalID)\","
        + "\"arn\":\(jsonString(identity.userARN(account))),"
        + "\"accountId\":\"\(account)\",\"accessKeyId\":\""
        + identity.accessKeyID(actor, r, console: console) + "\","
        + "\"userName\":\(jsonString(identity.name))"
      if console {
        s +=
          ",\"sessionContext\":{\"attributes\":{\"creationDate\":"
          + "\"\(created)\",\"mfaAuthenticated\":\"true\"}}"
      }
      return s + "}"
    case .assumedRole:
      let session = identity.session(r) ?? ""
      return "{\"type\":\"AssumedRole\",\"principalId\":\""
        + "\(identity.principalID):\(session)\","
        + "\"arn\":\(jsonString(identity.sessionARN(account, r))),"
        + "\"accountId\":\"\(account)\",\"accessKeyId\":\""
        + identity.accessKeyID(actor, r, console: console) + "\","
        + "\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\","
        + "\"principalId\":\"\(identity.roleID)\","
        + "\"arn\":\(jsonString(identity.roleARN(account))),"
        + "\"accountId\":\"\(account)\",\"userName\":"
        + "\(jsonString(identity.name))},\"attributes\":{\"creationDate\":"
        + "\"\(created)\",\"mfaAuthenticated\":\"false\"}}}"
    case .anonymous:
      return "{\"type\":\"AWSAccount\",\"principalId\":\"\","
        + "\"accountId\":\"anonymous\"}"
    case .service, .lifecycle:
      return "{\"type\":\"AWSService\",\"invokedBy\":\"\(identity.name)\"}"
    }
  }

  /// One CloudTrail record as JSON text.
  func record(_ r: Request) -> String {
    r.operation.isManagement ? managementRecord(r) : dataRecord(r)
  }

  private func dataRecord(_ r: Request) -> String {
    let bucket = names.bucketName(Int(r.bucket))
    let region = region(r)
    let key = names.key(bucket: Int(r.bucket), object: r.object)
    let host =
      r.operation == .listBuckets
      ? "s3.amazonaws.com" : "\(bucket).s3.\(region).amazonaws.com"
    let account = names.awsAccount
    let anonymous = identities[Int(r.actor)].kind == .anonymous
    var s = "{\"eventVersion\":\"1.10\",\"userIdentity\":\(userIdentity(r)),"
    s +=
      "\"eventTime\":\"\(Timestamp(nanosecondsSinceEpoch: r.time).iso8601(fractionDigits: 0))\","
    s += "\"eventSource\":\"s3.amazonaws.com\","
    s += "\"eventName\":\"\(r.operation.cloudTrailName)\","
    s += "\"awsRegion\":\"\(region)\","
    s += "\"sourceIPAddress\":\(jsonString(sourceText(r))),"
    let agent = userAgent(r)
    s +=
      "\"userAgent\":"
      + jsonString(
        identities[Int(r.actor)].kind == .service ? agent : "[\(agent)]")
      + ","
    if let (code, message) = errorCode(r) {
      s += "\"errorCode\":\"\(code)\",\"errorMessage\":\"\(message)\","
    }
    var parameters: String
    switch r.operation {
    case .listBuckets:
      parameters = "{\"Host\":\"\(host)\"}"
    case .listObjects:
      parameters =
        "{\"list-type\":\"2\",\"bucketName\":\"\(bucket)\","
        + "\"encoding-type\":\"url\",\"max-keys\":\"1000\","
        + "\"prefix\":\"\",\"Host\":\"\(host)\"}"
    case .getBucketAcl:
      parameters =
        "{\"bucketName\":\"\(bucket)\",\"Host\":\"\(host)\",\"acl\":\"\"}"
    case .getBucketPolicy:
      parameters =
        "{\"bucketName\":\"\(bucket)\",\"Host\":\"\(host)\",\"policy\":\"\"}"
    default:
      parameters =
        "{\"bucketName\":\"\(bucket)\",\"Host\":\"\(host)\","
        + "\"key\":\(jsonString(key))}"
    }
    s += "\"requestParameters\":\(parameters),\"responseElements\":null,"
    let cipher = "TLS_AES_128_GCM_SHA256"
    var extra = "{"
    if !anonymous {
      extra += "\"SignatureVersion\":\"SigV4\","
    }
    extra += "\"CipherSuite\":\"\(cipher)\","
    let bytesIn = r.operation == .putObject ? r.bytes : 0
    let bytesOut = r.operation == .putObject ? 0 : r.bytes
    extra += "\"bytesTransferredIn\":\(bytesIn),"
    if !anonymous { extra += "\"AuthenticationMethod\":\"AuthHeader\"," }
    extra += "\"x-amz-id-2\":\"\(base64(r.nonce, bytes: 57))\","
    extra += "\"bytesTransferredOut\":\(bytesOut)}"
    s += "\"additionalEventData\":\(extra),"
    s += "\"requestID\":\"\(requestID16(r.nonce))\","
    s += "\"eventID\":\"\(uuid(r.nonce, stableHash(r.nonce, 1)))\","
    s += "\"readOnly\":\(r.operation.isReadOnly),"
    let bucketResource =
      "{\"accountId\":\"\(account)\",\"type\":\"AWS::S3::Bucket\","
      + "\"ARN\":\"arn:aws:s3:::\(bucket)\"}"
    if r.operation.hasObject {
      s +=
        "\"resources\":[{\"type\":\"AWS::S3::Object\",\"ARN\":"
        + jsonString("arn:aws:s3:::\(bucket)/\(key)") + "},\(bucketResource)],"
    } else if r.operation == .listObjects {
      s +=
        "\"resources\":[{\"type\":\"AWS::S3::Object\",\"ARNPrefix\":"
        + "\"arn:aws:s3:::\(bucket)/\"},\(bucketResource)],"
    } else if r.operation.hasBucket {
      s += "\"resources\":[\(bucketResource)],"
    }
    let management = r.operation == .listBuckets
    s += "\"eventType\":\"AwsApiCall\",\"managementEvent\":\(management),"
    s += "\"recipientAccountId\":\"\(account)\","
    if r.flags & RequestFlags.viaEndpoint != 0 {
      s += "\"vpcEndpointId\":\"\(vpcEndpoint)\","
      s += "\"vpcEndpointAccountId\":\"\(account)\","
    }
    s += "\"eventCategory\":\"\(management ? "Management" : "Data")\","
    s +=
      "\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":"
      + "\"\(cipher)\",\"clientProvidedHostHeader\":\"\(host)\"}}"
    return s
  }

  private func managementRecord(_ r: Request) -> String {
    let account = names.awsAccount
    let name = r.operation.cloudTrailName
    let identity = identities[Int(r.actor)]
    var s = "{\"eventVersion\":\"1.08\",\"userIdentity\":\(userIdentity(r)),"
    s +=
      "\"eventTime\":\"\(Timestamp(nanosecondsSinceEpoch: r.time).iso8601(fractionDigits: 0))\","
    s += "\"eventSource\":\"\(r.operation.managementSource)\","
    s += "\"eventName\":\"\(name)\",\"awsRegion\":\"us-east-1\","
    s += "\"sourceIPAddress\":\"\(Addresses.text(r.address))\","
    s += "\"userAgent\":\(jsonString(r.client.userAgent(.aws))),"
    switch r.operation {
    case .assumeRole:
      let roleARN = identity.roleARN(account)
      let session = identity.session(r) ?? "session"
      s +=
        "\"requestParameters\":{\"roleArn\":\(jsonString(roleARN)),"
        + "\"roleSessionName\":\(jsonString(session)),"
        + "\"durationSeconds\":3600},"
      s +=
        "\"responseElements\":{\"credentials\":{\"accessKeyId\":\""
        + identity.accessKeyID(Int(r.actor), r, console: false) + "\","
        + "\"sessionToken\":\"\(base64(r.nonce ^ 3, bytes: 48))\","
        + "\"expiration\":\"\(Timestamp(nanosecondsSinceEpoch: r.time).adding(seconds: 3600).iso8601(fractionDigits: 0))\"},"
        + "\"assumedRoleUser\":{\"assumedRoleId\":\"\(identity.roleID):"
        + "\(session)\",\"arn\":\(jsonString(identity.sessionARN(account, r)))}},"
    case .describeInstances:
      s +=
        "\"requestParameters\":{\"instancesSet\":{},\"filterSet\":{}},"
        + "\"responseElements\":null,"
    case .describeLogGroups:
      s +=
        "\"requestParameters\":{\"limit\":50},\"responseElements\":null,"
    default:
      s += "\"requestParameters\":null,\"responseElements\":null,"
    }
    s += "\"requestID\":\"\(uuid(r.nonce ^ 9, r.nonce))\","
    s += "\"eventID\":\"\(uuid(r.nonce, stableHash(r.nonce, 1)))\","
    s += "\"readOnly\":\(r.operation.isReadOnly),"
    s += "\"eventType\":\"AwsApiCall\",\"managementEvent\":true,"
    s +=
      "\"recipientAccountId\":\"\(account)\",\"eventCategory\":\"Management\","
    s +=
      "\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":"
      + "\"TLS_AES_128_GCM_SHA256\",\"clientProvidedHostHeader\":\""
      + "\(r.operation.managementSource)\"}}"
    return s
  }
}
