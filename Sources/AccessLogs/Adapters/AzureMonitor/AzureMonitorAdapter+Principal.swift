/// The caller of a `StorageBlobLogs` record, normalized.
struct AzureIdentity {
  /// The stable principal string.
  var principal: String
  /// What kind of identity the principal is.
  var kind: PrincipalKind
  /// How the caller authenticated.
  var authentication: AuthenticationMethod
  /// The Entra ID tenant of an OAuth caller.
  var tenant: String?
}

extension AzureMonitorAdapter {
  /// Normalizes `identity` (or the Log Analytics `AuthenticationType`,
  /// `AuthenticationHash` and `Requester*` columns) into a principal.
  ///
  /// | Type | principal | kind | authentication |
  /// |---|---|---|---|
  /// | `OAuth` | requester `upn`, else `uniqueName`, `objectId`, `appId` | user | oauth |
  /// | `AccountKey` | `accountkey:<account>/<key>` from `tokenHash` `key1(<hash>)` | shared-key | account-key |
  /// | `SAS` (also `DelegationSas`, `UserDelegationSas`) | the requester when the log names one (user delegation SAS), else `sas:<account>/<first 16 hex digits of SasSignature(...)>`, else `sas:<account>/<signing key>` | user / shared-key | sas |
  /// | `Anonymous` | `anonymous` | anonymous | anonymous |
  /// | `Kerberos` and other types | the requester, else `unknown` | user / unknown | unknown |
  /// | absent, `uri` holding `sig=` | `sas:<account>` | shared-key | sas |
  /// | absent | the requester, else `unknown` | user / unknown | oauth / unknown |
  ///
  /// A SAS names no identity: whoever holds the URL is the caller, so the
  /// signature hash stands for the token (one principal per SAS token)
  /// and, without one, the signing key or just the account.
  func resolvePrincipal(
    _ doc: JSONDocument, _ f: AzureBlobFields, account: String?
  ) -> AzureIdentity {
    let type = doc.text(f.authenticationType)?.lowercased()
    let requester =
      doc.text(f.requesterUpn) ?? doc.text(f.requesterUniqueName)
      ?? doc.text(f.requesterObjectId) ?? doc.text(f.requesterAppId)
    let tenant = doc.text(f.requesterTenantId)
    let owner = account ?? "unknown"
    let hashes = AzureMonitorAdapter.tokenHashes(doc.text(f.tokenHash))

    switch type {
    case "oauth"?:
      return AzureIdentity(
        principal: requester ?? "unknown",
        kind: requester == nil ? .unknown : .user, authentication: .oauth,
        tenant: tenant)
    case "accountkey"?, "sharedkey"?:
      let key = hashes.first { $0.name != "SasSignature" }?.name
      return AzureIdentity(
        principal: "accountkey:\(owner)" + (key.map { "/" + $0 } ?? ""),
        kind: .sharedKey, authentication: .accountKey)
    case "anonymous"?:
      return AzureIdentity(
        principal: "anonymous", kind: .anonymous, authentication: .anonymous)
    case let type? where type.contains("sas"):
      if let requester {
        return AzureIdentity(
          principal: requester, kind: .user, authentication: .sas,
          tenant: tenant)
      }
      var principal = "sas:\(owner)"
      if let signature = hashes.first(where: { $0.name == "SasSignature" }) {
        principal += "/" + signature.hash.prefix(16)
      } else if let key = hashes.first {
        principal += "/" + key.name
      }
      return AzureIdentity(
        principal: principal, kind: .sharedKey, authentication: .sas)
    case nil where requester == nil:
      if let uri = doc.text(f.uri), uri.contains("sig=") {
        return AzureIdentity(
          principal: "sas:\(owner)", kind: .sharedKey, authentication: .sas)
      }
      return AzureIdentity(
        principal: "unknown", kind: .unknown, authentication: .unknown)
    case nil:
      return AzureIdentity(
        principal: requester ?? "unknown", kind: .user,
        authentication: .oauth, tenant: tenant)
    default:
      return AzureIdentity(
        principal: requester ?? "unknown",
        kind: requester == nil ? .unknown : .user,
        authentication: .unknown, tenant: tenant)
    }
  }

  /// Splits `tokenHash` text, `key1(<hash>),SasSignature(<hash>)`, into
  /// named hashes; malformed parts are ignored.
  static func tokenHashes(
    _ text: String?
  ) -> [(name: String, hash: Substring)] {
    guard let text else { return [] }
    var result: [(name: String, hash: Substring)] = []
    for part in text.split(separator: ",") {
      let trimmed = part.drop { $0 == " " }
      guard let open = trimmed.firstIndex(of: "("), open > trimmed.startIndex,
        trimmed.hasSuffix(")")
      else { continue }
      let hash = trimmed[
        trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
      result.append((String(trimmed[..<open]), hash))
    }
    return result
  }
}
