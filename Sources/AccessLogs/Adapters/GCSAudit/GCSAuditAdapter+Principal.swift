/// The caller of a Cloud Storage audit entry, normalized.
struct GCSIdentity {
  /// The stable principal string.
  var principal: String
  /// What kind of identity the principal is.
  var kind: PrincipalKind
  /// How the caller authenticated.
  var authentication: AuthenticationMethod
}

extension GCSAuditAdapter {
  /// Normalizes `authenticationInfo` into a stable principal.
  ///
  /// | `authenticationInfo` | principal | kind | authentication |
  /// |---|---|---|---|
  /// | Google-managed agent email (`service-<n>@gs-project-accounts.iam.gserviceaccount.com`, `service-<n>@gcp-sa-*.iam.gserviceaccount.com`, `*@system.gserviceaccount.com`, `<n>@cloudservices.gserviceaccount.com`) | the email | service | oauth |
  /// | any other `principalEmail` (people, user-managed service accounts, with or without `serviceAccountKeyName`) | the email | user | oauth |
  /// | `principalSubject` only (workload or workforce identity federation) | the subject | user | oauth |
  /// | `{}` or absent, request succeeded | `anonymous` | anonymous | anonymous |
  /// | `{}` or absent, request refused or failed | `unknown` | unknown | unknown |
  ///
  /// Google leaves `authenticationInfo` empty both for anonymous calls and
  /// for refused calls whose caller it redacts (VPC Service Controls,
  /// callers outside the organization), so an empty identity on a failed
  /// request is not taken to be anonymous. A key-based service account
  /// (`serviceAccountKeyName`) still presents an OAuth access token.
  func resolvePrincipal(
    _ doc: JSONDocument, _ info: Int?, failed: Bool
  ) -> GCSIdentity {
    if let email = doc.text(doc.member(info, "principalEmail")) {
      let kind: PrincipalKind =
        GCSAuditAdapter.isGoogleManaged(email) ? .service : .user
      return GCSIdentity(principal: email, kind: kind, authentication: .oauth)
    }
    if let subject = doc.text(doc.member(info, "principalSubject")) {
      return GCSIdentity(
        principal: subject, kind: .user, authentication: .oauth)
    }
    if failed {
      return GCSIdentity(
        principal: "unknown", kind: .unknown, authentication: .unknown)
    }
    return GCSIdentity(
      principal: "anonymous", kind: .anonymous, authentication: .anonymous)
  }

  /// Whether an email names a service agent that Google runs on the
  /// project's behalf rather than an identity the customer controls.
  static func isGoogleManaged(_ email: String) -> Bool {
    let utf8 = email.utf8
    guard let at = utf8.lastIndex(of: 0x40) else { return false }
    let domain = utf8[utf8.index(after: at)...]
    if domain.elementsEqual("system.gserviceaccount.com".utf8)
      || domain.elementsEqual("cloudservices.gserviceaccount.com".utf8)
      || domain.elementsEqual(
        "gs-project-accounts.iam.gserviceaccount.com".utf8)
    {
      return true
    }
    let suffix = ".iam.gserviceaccount.com".utf8
    return utf8.starts(with: "service-".utf8)
      && domain.starts(with: "gcp-sa-".utf8)
      && domain.count > suffix.count
      && domain.suffix(suffix.count).elementsEqual(suffix)
  }
}
