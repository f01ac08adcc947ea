/// How a request proved who made it.
public enum AuthenticationMethod: String, CaseIterable, Codable, Hashable,
  Sendable
{
  /// AWS Signature Version 4 in the `Authorization` header.
  case sigV4 = "sigv4"
  /// AWS Signature Version 2 in the `Authorization` header (deprecated).
  case sigV2 = "sigv2"
  /// A presigned URL: the signature travels in the query string.
  case presignedURL = "presigned-url"
  /// An Azure shared access signature.
  case sas
  /// An Azure storage account key (shared key).
  case accountKey = "account-key"
  /// An OAuth 2.0 bearer token (Entra ID, Google).
  case oauth
  /// No credentials.
  case anonymous
  /// The log does not say.
  case unknown
}
