/// How a request ended.
public enum Outcome: String, CaseIterable, Codable, Hashable, Sendable {
  /// The request succeeded.
  case success
  /// The request was refused for lack of permission or valid credentials
  /// (`AccessDenied`, `PERMISSION_DENIED`, HTTP 401/403).
  case denied
  /// The request failed for another reason (`NoSuchKey`, throttling,
  /// server errors).
  case error
}
