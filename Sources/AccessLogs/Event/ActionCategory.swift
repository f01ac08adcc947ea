/// What a request did to the storage, across providers.
public enum ActionCategory: String, CaseIterable, Codable, Hashable, Sendable {
  /// Read object data (`GetObject`, `storage.objects.get`, `GetBlob`).
  case read
  /// Create or change objects or configuration (`PutObject`, `CopyObject`,
  /// `CreateBucket`, `PutBucketLifecycle`).
  case write
  /// Delete objects, versions or buckets.
  case delete
  /// Enumerate buckets, objects, versions or uploads.
  case list
  /// Read metadata or configuration but no object data (`HeadObject`,
  /// `GetBucketAcl`, `GetBucketPolicy`).
  case metadataRead = "metadata-read"
  /// Change who may access something: ACLs, bucket policies, public access
  /// blocks, IAM policies.
  case permissionChange = "permission-change"
  /// Anything else.
  case other
}
