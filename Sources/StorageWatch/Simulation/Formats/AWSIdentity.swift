import AccessLogs

/// How one actor appears in AWS logs.
struct AWSIdentity: Sendable {
  enum Kind: Sendable {
    case iamUser
    case assumedRole
    case anonymous
    case service
    case lifecycle
  }

  var kind: Kind
  /// IAM user name or role name.
  var name: String
  /// The role session name; `botocore-session-{session}` when random.
  var sessionName: String?
  var randomSession = false
  var principalID: String
  var roleID: String
  var rolePath = ""
  /// A substring of the normalized principal, for labels.
  var label: String

  static func make(_ names: SimulatedNames) -> [AWSIdentity] {
    names.workload.actors.enumerated().map { index, a in
      let h = stableHash(names.workload.config.seed, 100, UInt64(index))
      let upper = requestID16(h)
      let roleUpper = requestID16(h ^ 0x5555)
      switch a.role {
      case .person where a.usesSSO:
        let role = "AWSReservedSSO_DataEngineer_" + hex(h, count: 16)
        return AWSIdentity(
          kind: .assumedRole, name: role,
          sessionName: "\(a.name)@\(names.gcpDomain)",
          principalID: "AROA" + roleUpper.prefix(17),
          roleID: "AROA"
            + roleUpper.prefix(17),
          rolePath: "aws-reserved/sso.amazonaws.com/", label: a.name)
      case .person:
        return AWSIdentity(
          kind: .iamUser, name: a.name,
          principalID: "AIDA"
            + upper.prefix(17), roleID: "", label: a.name)
      case .anonymous:
        return AWSIdentity(
          kind: .anonymous, name: "anonymous", principalID: "", roleID: "",
          label: "anonymous")
      case .logDelivery:
        return AWSIdentity(
          kind: .service, name: "cloudtrail.amazonaws.com", principalID: "",
          roleID: "", label: "cloudtrail.amazonaws.com")
      case .lifecycle:
        return AWSIdentity(
          kind: .lifecycle, name: "AmazonS3", principalID: "", roleID: "",
          label: "s3.amazonaws.com")
      default:
        let session: String
        var random = false
        switch a.role {
        case .etl: session = "GlueJobRunnerSession"
        case .function: session = a.name
        case .sync:
          session = "botocore-session"
          random = true
        default: session = "\(a.name)-job"
        }
        let role = a.role == .function ? a.name + "-role" : a.name
        let roleID = "AROA" + roleUpper.prefix(17)
        return AWSIdentity(
          kind: .assumedRole, name: role, sessionName: session,
          randomSession: random, principalID: roleID, roleID: roleID,
          label: a.role == .function ? a.name : role)
      }
    }
  }

  /// The session name of one request.
  func session(_ r: Request) -> String? {
    guard let sessionName else { return nil }
    return randomSession ? "\(sessionName)-\(r.session)" : sessionName
  }

  func userARN(_ account: String) -> String {
    "arn:aws:iam::\(account):user/\(name)"
  }

  func roleARN(_ account: String) -> String {
    "arn:aws:iam::\(account):role/\(rolePath)\(name)"
  }

  func sessionARN(_ account: String, _ r: Request) -> String {
    "arn:aws:sts::\(account):assumed-role/\(name)/\(session(r) ?? "")"
  }

  /// The principal string, kind and session name that the log adapters
  /// produce: the session ARN for stable session names, the role ARN for
  /// random ones.
  func principal(_ account: String, _ r: Request)
    -> (String, PrincipalKind, String?)
  {
    switch kind {
    case .iamUser: return (userARN(account), .user, nil)
    case .assumedRole:
      if randomSession { return (roleARN(account), .role, session(r)) }
      return (sessionARN(account, r), .roleSession, session(r))
    case .anonymous: return ("anonymous", .anonymous, nil)
    case .service: return (name, .service, nil)
    case .lifecycle: return ("s3.amazonaws.com", .service, nil)
    }
  }

  /// A temporary or long-term access key id for a request.
  func accessKeyID(_ actor: Int, _ r: Request, console: Bool) -> String {
    if kind == .iamUser && !console {
      return "AKIA" + requestID16(stableHash(UInt64(actor), 7)).prefix(16)
    }
    let epoch = UInt64(r.time / 21_600_000_000_000)
    return "ASIA" + requestID16(stableHash(UInt64(actor), epoch)).prefix(16)
  }
}

extension Operation {
  /// The CloudTrail event name (for S3 calls the API name).
  var cloudTrailName: String {
    switch self {
    case .getObject: return "GetObject"
    case .putObject: return "PutObject"
    case .deleteObject: return "DeleteObject"
    case .headObject: return "HeadObject"
    case .listObjects: return "ListObjects"
    case .listBuckets: return "ListBuckets"
    case .getBucketAcl: return "GetBucketAcl"
    case .getBucketPolicy: return "GetBucketPolicy"
    case .lifecycleExpire: return "S3.EXPIRE.OBJECT"
    case .describeInstances: return "DescribeInstances"
    case .assumeRole: return "AssumeRole"
    case .getCallerIdentity: return "GetCallerIdentity"
    case .listRoles: return "ListRoles"
    case .describeLogGroups: return "DescribeLogGroups"
    }
  }

  var category: ActionCategory {
    switch self {
    case .getObject: return .read
    case .putObject: return .write
    case .deleteObject, .lifecycleExpire: return .delete
    case .headObject, .getBucketAcl, .getBucketPolicy: return .metadataRead
    case .listObjects, .listBuckets: return .list
    default: return .other
    }
  }

  var isReadOnly: Bool {
    switch self {
    case .putObject, .deleteObject, .lifecycleExpire, .assumeRole:
      return false
    default: return true
    }
  }

  /// The management event's service host.
  var managementSource: String {
    switch self {
    case .describeInstances: return "ec2.amazonaws.com"
    case .assumeRole, .getCallerIdentity: return "sts.amazonaws.com"
    case .listRoles: return "iam.amazonaws.com"
    default: return "logs.amazonaws.com"
    }
  }
}
