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
    let type = doc.member(u, "type")
    let arn = doc.text(doc.member(u, "arn"))
    let account = doc.text(doc.member(u, "accountId"))
    func principalId() -> String? { doc.text(doc.member(u, "principalId")) }
    func userName() -> String? { doc.text(doc.member(u, "userName")) }

    if doc.stringEquals(type, "IAMUser") {
      let name =
        arn ?? "arn:aws:iam::\(account ?? "unknown"):user/\(userName() ?? "?")"
      return CloudTrailIdentity(principal: name, kind: .user, account: account)
    }
    if doc.stringEquals(type, "AssumedRole") {
      return assumedRole(doc, u, arn: arn, account: account, principalId())
    }
    if doc.stringEquals(type, "Root") {
      let name = arn ?? "arn:aws:iam::\(account ?? "unknown"):root"
      return CloudTrailIdentity(
        principal: name, kind: .accountRoot, account: account)
    }
    if doc.stringEquals(type, "FederatedUser") {
      return CloudTrailIdentity(
        principal: arn ?? principalId() ?? "unknown", kind: .federatedUser,
        account: account)
    }
    if doc.stringEquals(type, "AWSService") {
      let service = doc.text(doc.member(u, "invokedBy")) ?? "aws-service"
      return CloudTrailIdentity(principal: service, kind: .service)
    }
    if doc.stringEquals(type, "AWSAccount") {
      if account == "anonymous" {
        return CloudTrailIdentity(principal: "anonymous", kind: .anonymous)
      }
      return CloudTrailIdentity(
        principal: "aws-account:\(account ?? "unknown")/\(principalId() ?? "")",
        kind: .unknown, account: account)
    }
    if let invokedBy = doc.text(doc.member(u, "invokedBy")), arn == nil {
      return CloudTrailIdentity(principal: invokedBy, kind: .service)
    }
    let name = arn ?? userName() ?? principalId() ?? "unknown"
    let kind: PrincipalKind = name == "unknown" ? .unknown : .user
    return CloudTrailIdentity(principal: name, kind: kind, account: account)
  }

  private func assumedRole(
    _ doc: JSONDocument, _ u: Int, arn: String?, account: String?,
    _ principalId: String?
  ) -> CloudTrailIdentity {
    // arn:aws:sts::<account>:assumed-role/<role>/<session>, cut at bytes:
    // ':' and '/' never occur inside a multi-byte UTF-8 sequence.
    var roleName: String?
    var session: String?
    var found = false
    if var text = arn {
      text.withUTF8 { bytes in
        var colons = 0
        var i = 0
        while i < bytes.count && colons < 5 {
          if bytes[i] == 0x3A { colons += 1 }
          i += 1
        }
        let marker = Array("assumed-role/".utf8)
        guard colons == 5, bytes.count - i >= marker.count,
          marker.indices.allSatisfy({ bytes[i + $0] == marker[$0] })
        else { return }
        found = true
        let rest = i + marker.count
        if let slash = bytes[rest...].firstIndex(of: 0x2F) {
          roleName = String(
            decoding: UnsafeBufferPointer(rebasing: bytes[rest..<slash]),
            as: UTF8.self)
          session = String(
            decoding: UnsafeBufferPointer(rebasing: bytes[(slash + 1)...]),
            as: UTF8.self)
        } else {
          roleName = String(
            decoding: UnsafeBufferPointer(rebasing: bytes[rest...]),
            as: UTF8.self)
        }
      }
    }
    if !found, var id = principalId {
      session = id.withUTF8 { bytes in
        bytes.firstIndex(of: 0x3A).map {
          String(
            decoding: UnsafeBufferPointer(rebasing: bytes[($0 + 1)...]),
            as: UTF8.self)
        }
      }
    }
    if let arn, let session, !RoleSessionName.isEphemeral(session) {
      return CloudTrailIdentity(
        principal: arn, kind: .roleSession, account: account,
        sessionName: session)
    }
    let issuer = doc.member(u, "sessionContext", "sessionIssuer")
    let issuerARN = doc.text(doc.member(issuer, "arn"))
    roleName = roleName ?? doc.text(doc.member(issuer, "userName"))
    let role =
      issuerARN
      ?? "arn:aws:iam::\(account ?? "unknown"):role/\(roleName ?? "unknown")"
    return CloudTrailIdentity(
      principal: role, kind: .role, account: account, sessionName: session)
  }
}
