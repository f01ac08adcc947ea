/// The caller of an Azure Storage Analytics record, normalized.
struct AzureAnalyticsIdentity: Hashable {
  /// The stable principal string.
  var principal: String
  /// What kind of identity it is.
  var kind: PrincipalKind
  /// How the caller authenticated.
  var authentication: AuthenticationMethod
  /// The requester's storage account, when the log names one.
  var account: String?
}

extension AzureStorageAnalyticsAdapter {
  /// Normalizes the authentication type and identity fields.
  ///
  /// | authentication-type | principal | kind | authentication |
  /// |---|---|---|---|
  /// | `anonymous` | `anonymous` | anonymous | anonymous |
  /// | `sas` | `sas:<owner-account-name>` | shared-key | sas |
  /// | `authenticated` | `accountkey:<requester-account-name>`, or the owner when the requester is empty | shared-key | account-key |
  /// | `bearer`, `oauth` (version 2.0) | user-principal-name, else user-object-id, else application-id | user | oauth |
  /// | `bearer` with no identity fields | `oauth:<owner-account-name>` | unknown | oauth |
  /// | empty or other | from the request-status prefix (`Anonymous`, `SAS`, `OAuth`) when there is one, else `unknown` | unknown | unknown |
  ///
  /// The log names no identity for SAS and account-key callers: the SAS
  /// token and the key are secrets that it does not record, so every such
  /// caller of one account is one principal.
  ///
  /// - Parameters:
  ///   - type: The authentication-type field.
  ///   - status: The request-status field.
  ///   - requester: The requester-account-name field, `nil` when empty.
  ///   - owner: The owner-account-name field, `nil` when empty.
  ///   - oauthIdentity: The first non-empty of user-principal-name,
  ///     user-object-id and application-id (version 2.0 only).
  /// - Returns: The normalized caller.
  static func identity(
    type: String, status: String, requester: String?, owner: String?,
    oauthIdentity: String?
  ) -> AzureAnalyticsIdentity {
    var method: String = type.lowercased()
    if method.isEmpty || !knownTypes.contains(method) {
      if status.hasPrefix("Anonymous") {
        method = "anonymous"
      } else if status.hasPrefix("SAS") {
        method = "sas"
      } else if status.hasPrefix("OAuth") {
        method = "bearer"
      }
    }
    let ownerName = owner ?? "unknown"
    switch method {
    case "anonymous":
      return AzureAnalyticsIdentity(
        principal: "anonymous", kind: .anonymous, authentication: .anonymous)
    case "sas":
      return AzureAnalyticsIdentity(
        principal: "sas:" + ownerName, kind: .sharedKey,
        authentication: .sas, account: requester)
    case "authenticated":
      return AzureAnalyticsIdentity(
        principal: "accountkey:" + (requester ?? ownerName),
        kind: .sharedKey, authentication: .accountKey, account: requester)
    case "bearer", "oauth":
      if let oauthIdentity {
        return AzureAnalyticsIdentity(
          principal: oauthIdentity, kind: .user, authentication: .oauth,
          account: requester)
      }
      return AzureAnalyticsIdentity(
        principal: "oauth:" + ownerName, kind: .unknown,
        authentication: .oauth, account: requester)
    default:
      return AzureAnalyticsIdentity(
        principal: "unknown", kind: .unknown, authentication: .unknown,
        account: requester)
    }
  }

  private static let knownTypes: Set<String> = [
    "anonymous", "sas", "authenticated", "bearer", "oauth",
  ]

  /// The outcome of a request-status and HTTP status code.
  ///
  /// `Success`, `AnonymousSuccess`, `SASSuccess`, `OAuthSuccess` and any
  /// other status ending in `Success` are successes; a status naming
  /// authorization or authentication (`AuthorizationError`,
  /// `SASAuthorizationError`, `AnonymousAuthorizationError`,
  /// `AuthenticationFailure`...) or an HTTP status of 401 or 403 is denied;
  /// anything else is an error.
  static func outcome(status: String, httpStatus: Int64?) -> Outcome {
    if status.hasSuffix("Success") { return .success }
    if httpStatus == 401 || httpStatus == 403 || status.contains("Authoriz")
      || status.contains("Authentic")
    {
      return .denied
    }
    return .error
  }
}
