/// The cloud whose storage service wrote a log.
public enum Provider: String, CaseIterable, Codable, Hashable, Sendable {
  /// Amazon Web Services (S3).
  case aws
  /// Google Cloud (Cloud Storage).
  case gcp
  /// Microsoft Azure (Blob Storage).
  case azure
}
