/// What kind of identity made a request.
public enum PrincipalKind: String, CaseIterable, Codable, Hashable, Sendable {
  /// A named human or machine user: an IAM user, a Google account or
  /// service account, an Entra ID user or application.
  case user
  /// One session of an assumed role, named by role and session name.
  case roleSession = "role-session"
  /// An assumed role whose session names are not stable identities (random
  /// or single-use), so that its sessions are counted as one principal.
  case role
  /// A federated user (AWS `GetFederationToken`).
  case federatedUser = "federated-user"
  /// The cloud provider's own service acting on the storage (lifecycle
  /// expiry, log delivery, replication).
  case service
  /// An unauthenticated request.
  case anonymous
  /// The account's root identity.
  case accountRoot = "account-root"
  /// A shared secret with no identity behind it: an Azure account key or
  /// SAS token, recorded by its key or signature hash.
  case sharedKey = "shared-key"
  /// The log did not identify the caller.
  case unknown
}
