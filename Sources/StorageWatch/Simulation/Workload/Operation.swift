/// A provider-neutral storage or management call; each format names it in
/// its own words.
enum Operation: UInt8, CaseIterable, Sendable {
  case getObject
  case putObject
  case deleteObject
  case headObject
  case listObjects
  case listBuckets
  case getBucketAcl
  case getBucketPolicy
  /// A lifecycle rule expiring an object (the provider acting itself).
  case lifecycleExpire
  // Management calls of other services, which only CloudTrail records.
  case describeInstances
  case assumeRole
  case getCallerIdentity
  case listRoles
  case describeLogGroups

  /// Whether the call is not an object-storage call.
  var isManagement: Bool { rawValue >= Operation.describeInstances.rawValue }

  /// Whether the call names an object (as opposed to a bucket or nothing).
  var hasObject: Bool {
    switch self {
    case .getObject, .putObject, .deleteObject, .headObject,
      .lifecycleExpire:
      return true
    default: return false
    }
  }

  /// Whether the call names a bucket.
  var hasBucket: Bool {
    hasObject || self == .listObjects || self == .getBucketAcl
      || self == .getBucketPolicy
  }
}

/// How a simulated request ended.
enum RequestStatus: UInt8, Sendable {
  case ok
  case denied
  case notFound
}
