/// The caller of an S3 server access log record, normalized.
struct S3AccessLogIdentity: Hashable {
  /// The stable principal string.
  var principal: String
  /// What kind of identity it is.
  var kind: PrincipalKind
  /// The caller's AWS account, when the requester is an ARN.
  var account: String?
  /// The role session name, for assumed-role callers.
  var sessionName: String?
}

extension S3AccessLogAdapter {
  /// Normalizes the Requester field into a stable principal string.
  ///
  /// | Requester | principal | kind |
  /// |---|---|---|
  /// | any, on an `S3.*` (lifecycle) operation | `s3.amazonaws.com` | service |
  /// | `-` | `anonymous` | anonymous |
  /// | `arn:aws:sts::<acct>:assumed-role/<role>/<session>` | the ARN, or `arn:aws:iam::<acct>:role/<role>` when the session name is ephemeral (see ``RoleSessionName``) | role-session / role |
  /// | `arn:aws:iam::<acct>:user/<name>` | the ARN | user |
  /// | `arn:aws:iam::<acct>:root` | the ARN | account-root |
  /// | `arn:aws:sts::<acct>:federated-user/<name>` | the ARN | federated-user |
  /// | `arn:aws:iam::<acct>:role/<name>` | the ARN | role |
  /// | any other ARN | the ARN | user |
  /// | a hexadecimal canonical user id | `canonical:<id>` | user |
  /// | `svc:<service>` | `<service>` | service |
  /// | `AmazonS3` | `s3.amazonaws.com` | service |
  /// | anything else | the text | unknown |
  ///
  /// The role ARN rebuilt from a session ARN has no IAM path (the log does
  /// not carry it), so it can differ from CloudTrail's issuer ARN for roles
  /// created under a path.
  ///
  /// - Parameters:
  ///   - requester: The Requester field, `nil` when it was `-`.
  ///   - operation: The operation as logged.
  /// - Returns: The normalized caller.
  static func identity(
    requester: String?, operation: String
  ) -> S3AccessLogIdentity {
    if S3AccessLogOperation.isLifecycle(operation) {
      return S3AccessLogIdentity(principal: "s3.amazonaws.com", kind: .service)
    }
    guard let requester else {
      return S3AccessLogIdentity(principal: "anonymous", kind: .anonymous)
    }
    if requester.hasPrefix("arn:") { return arnIdentity(requester) }
    if requester.hasPrefix("svc:") {
      return S3AccessLogIdentity(
        principal: String(requester.dropFirst(4)), kind: .service)
    }
    if requester == "AmazonS3" {
      return S3AccessLogIdentity(principal: "s3.amazonaws.com", kind: .service)
    }
    let isHex = requester.utf8.allSatisfy {
      ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66)
        || ($0 >= 0x41 && $0 <= 0x46)
    }
    if isHex {
      return S3AccessLogIdentity(
        principal: "canonical:" + requester, kind: .user)
    }
    return S3AccessLogIdentity(principal: requester, kind: .unknown)
  }

  private static func arnIdentity(_ arn: String) -> S3AccessLogIdentity {
    let parts = arn.split(
      separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    guard parts.count == 6 else {
      return S3AccessLogIdentity(principal: arn, kind: .user)
    }
    let partition = parts[1]
    let account = parts[4].isEmpty ? nil : String(parts[4])
    let resource = parts[5]
    if resource.hasPrefix("assumed-role/") {
      let rest = resource.dropFirst("assumed-role/".count)
      let slash = rest.firstIndex(of: "/")
      let role = rest[..<(slash ?? rest.endIndex)]
      let session = slash.map { String(rest[rest.index(after: $0)...]) } ?? ""
      if !RoleSessionName.isEphemeral(session) {
        return S3AccessLogIdentity(
          principal: arn, kind: .roleSession, account: account,
          sessionName: session)
      }
      return S3AccessLogIdentity(
        principal: "arn:\(partition):iam::\(account ?? ""):role/\(role)",
        kind: .role, account: account,
        sessionName: session.isEmpty ? nil : session)
    }
    let kind: PrincipalKind
    if resource == "root" {
      kind = .accountRoot
    } else if resource.hasPrefix("federated-user/") {
      kind = .federatedUser
    } else if resource.hasPrefix("role/") {
      kind = .role
    } else {
      kind = .user
    }
    return S3AccessLogIdentity(principal: arn, kind: kind, account: account)
  }
}
