/// The caller of a CloudTrail event, normalized.
struct CloudTrailIdentity {
  var principal: String
  var kind: PrincipalKind
  var account: String?
  var sessionName: String?
}

extension CloudTrailAdapter {
  /// Normalizes `userIdentity` into a stable principal string.
  ///
  /// | `type` | principal | kind |
  /// |---|---|---|
  /// | `IAMUser` | user ARN | user |
  /// | `AssumedRole` | session ARN, or the role ARN when the session name is ephemeral (see ``RoleSessionName``) | role-session / role |
  /// | `Root` | `arn:aws:iam::<account>:root` | account-root |
  /// | `FederatedUser` | federated-user ARN | federated-user |
  /// | `AWSService` | the `invokedBy` service name | service |
  /// | `AWSAccount`, account `anonymous` | `anonymous` | anonymous |
  /// | `AWSAccount` | `aws-account:<account>/<principalId>` | unknown |
  /// | `SAMLUser`, `WebIdentityUser`, `IdentityCenterUser` | ARN, user name or principal id | user |
  /// | missing | `unknown` | unknown |
  func resolvePrincipal(_ doc: JSONDocument, _ u: Int?) -> CloudTrailIdentity {
    guard let u, doc.kind(u) == .object else {
      return CloudTrailIdentity(principal: "unknown", kind: .unknown)
    }
    let type = doc.text(doc.member(u, "type")) ?? ""
    let arn = doc.text(doc.member(u, "arn"))
    let account = doc.text(doc.member(u, "accountId"))
    let principalId = doc.text(doc.member(u, "principalId"))
    let userName = doc.text(doc.member(u, "userName"))

    switch type {
    case "IAMUser":
      let name =
        arn ?? "arn:aws:iam::\(account ?? "unknown"):user/\(userName ?? "?")"
      return CloudTrailIdentity(principal: name, kind: .user, account: account)
    case "AssumedRole":
      return assumedRole(doc, u, arn: arn, account: account, principalId)
    case "Root":
      let name = arn ?? "arn:aws:iam::\(account ?? "unknown"):root"
      return CloudTrailIdentity(
        principal: name, kind: .accountRoot, account: account)
    case "FederatedUser":
      return CloudTrailIdentity(
        principal: arn ?? principalId ?? "unknown", kind: .federatedUser,
        account: account)
    case "AWSService":
      let service = doc.text(doc.member(u, "invokedBy")) ?? "aws-service"
      return CloudTrailIdentity(principal: service, kind: .service)
    case "AWSAccount":
      if account == "anonymous" {
        return CloudTrailIdentity(principal: "anonymous", kind: .anonymous)
      }
      return CloudTrailIdentity(
        principal: "aws-account:\(account ?? "unknown")/\(principalId ?? "")",
        kind: .unknown, account: account)
    default:
      if let invokedBy = doc.text(doc.member(u, "invokedBy")), arn == nil {
        return CloudTrailIdentity(principal: invokedBy, kind: .service)
      }
      let name = arn ?? userName ?? principalId ?? "unknown"
      let kind: PrincipalKind = name == "unknown" ? .unknown : .user
      return CloudTrailIdentity(principal: name, kind: kind, account: account)
    }
  }

  private func assumedRole(
    _ doc: JSONDocument, _ u: Int, arn: String?, account: String?,
    _ principalId: String?
  ) -> CloudTrailIdentity {
    // arn:aws:sts::<account>:assumed-role/<role>/<session>
    var roleName: String?
    var session: String?
    let parts =
      arn?.split(
        separator: ":", maxSplits: 5, omittingEmptySubsequences: false) ?? []
    if parts.count == 6, parts[5].hasPrefix("assumed-role/") {
      let rest = parts[5].dropFirst("assumed-role/".count)
      if let slash = rest.firstIndex(of: "/") {
        roleName = String(rest[..<slash])
        session = String(rest[rest.index(after: slash)...])
      } else {
        roleName = String(rest)
      }
    } else if let principalId, let colon = principalId.firstIndex(of: ":") {
      session = String(principalId[principalId.index(after: colon)...])
    }
    let issuer = doc.member(u, "sessionContext", "sessionIssuer")
    let issuerARN = doc.text(doc.member(issuer, "arn"))
    roleName = roleName ?? doc.text(doc.member(issuer, "userName"))

    if let arn, let session, !RoleSessionName.isEphemeral(session) {
      return CloudTrailIdentity(
        principal: arn, kind: .roleSession, account: account,
        sessionName: session)
    }
    let role =
      issuerARN
      ?? "arn:aws:iam::\(account ?? "unknown"):role/\(roleName ?? "unknown")"
    return CloudTrailIdentity(
      principal: role, kind: .role, account: account, sessionName: session)
  }
}
