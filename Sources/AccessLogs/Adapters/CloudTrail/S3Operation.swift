/// The action category of S3 API operations, as CloudTrail names them.
///
/// CloudTrail writes the API operation (`GetObject`, `ListObjects`), not
/// the IAM action: a ListObjectsV2 call is logged as `ListObjects` with
/// `list-type: 2`, and there is no `ListBucket` event (that is the IAM
/// action's name; it is mapped here too because exports and rule tests use
/// it). Names not in the table fall back on their verb: `Get`/`Head` to
/// metadata-read, `List` to list, `Put`/`Create`/`Restore`/`Copy` to write,
/// `Delete` to delete, anything else to other.
enum S3Operation {
  /// The category of a CloudTrail S3 event name.
  static func category(_ name: String) -> ActionCategory {
    if let known = table[name] { return known }
    if name.hasPrefix("Get") || name.hasPrefix("Head") {
      return .metadataRead
    }
    if name.hasPrefix("List") { return .list }
    if name.hasPrefix("Delete") { return .delete }
    if name.hasPrefix("Put") || name.hasPrefix("Create")
      || name.hasPrefix("Restore") || name.hasPrefix("Copy")
      || name.hasPrefix("Upload") || name.hasPrefix("Complete")
    {
      return .write
    }
    return .other
  }

  private static let table: [String: ActionCategory] = {
    var t: [String: ActionCategory] = [:]
    for name in [
      "GetObject", "GetObjectTorrent", "SelectObjectContent",
      "GetObjectVersion",
    ] {
      t[name] = .read
    }
    for name in [
      "ListObjects", "ListObjectsV2", "ListObjectVersions", "ListBucket",
      "ListBuckets", "ListAllMyBuckets", "ListMultipartUploads",
      "ListParts", "ListBucketVersions", "ListDirectoryBuckets",
      "ListAccessPoints",
    ] {
      t[name] = .list
    }
    for name in [
      "DeleteObject", "DeleteObjects", "DeleteObjectVersion", "DeleteBucket",
      "AbortMultipartUpload",
    ] {
      t[name] = .delete
    }
    for name in [
      "PutBucketAcl", "PutObjectAcl", "PutBucketPolicy", "DeleteBucketPolicy",
      "PutBucketPublicAccessBlock", "DeleteBucketPublicAccessBlock",
      "PutAccountPublicAccessBlock", "DeleteAccountPublicAccessBlock",
      "PutBucketOwnershipControls", "DeleteBucketOwnershipControls",
      "PutAccessPointPolicy", "DeleteAccessPointPolicy",
      "PutAccessPointPublicAccessBlock", "DeleteAccessPointPublicAccessBlock",
      "PutMultiRegionAccessPointPolicy",
    ] {
      t[name] = .permissionChange
    }
    for name in [
      "HeadObject", "HeadBucket", "GetObjectAcl", "GetObjectAttributes",
      "GetObjectTagging", "GetObjectRetention", "GetObjectLegalHold",
    ] {
      t[name] = .metadataRead
    }
    for name in [
      "PutObject", "CopyObject", "UploadPart", "UploadPartCopy",
      "CreateMultipartUpload", "CompleteMultipartUpload", "RestoreObject",
      "PostObject", "CreateBucket", "WriteGetObjectResponse",
      "DeleteObjectTagging", "DeleteBucketTagging", "DeleteBucketCors",
      "DeleteBucketLifecycle", "DeleteBucketReplication",
      "DeleteBucketEncryption", "DeleteBucketWebsite",
      "DeleteBucketMetricsConfiguration",
      "DeleteBucketAnalyticsConfiguration",
      "DeleteBucketInventoryConfiguration",
      "DeleteBucketIntelligentTieringConfiguration",
    ] {
      t[name] = .write
    }
    return t
  }()
}
