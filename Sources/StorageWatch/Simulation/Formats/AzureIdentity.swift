import AccessLogs

/// How one actor authenticates to Azure Blob Storage.
struct AzureCaller: Sendable {
  enum Kind: Sendable {
    /// Entra ID token; `upn` empty for managed identities and apps.
    case oauth
    case sas
    case accountKey
    case anonymous
  }

  var kind: Kind
  var upn: String
  var objectID: String
  var appID: String
  /// The account key and SAS signature hashes, 64 hex digits.
  var keyHash: String
  var signatureHash: String

  static func make(_ names: SimulatedNames) -> [AzureCaller] {
    names.workload.actors.enumerated().map { index, a in
      let seed = names.workload.config.seed
      let h1 = stableHash(seed, 200, UInt64(index))
      let h2 = stableHash(seed, 201, UInt64(index))
      let kind: Kind
      switch a.role {
      case .anonymous, .logDelivery, .lifecycle: kind = .anonymous
      default:
        kind = a.azureSharedKey ? (a.azureSAS ? .sas : .accountKey) : .oauth
      }
      var hashes = ""
      for i in 0..<4 {
        hashes += hex(stableHash(seed, 202, UInt64(i)), count: 16)
      }
      var signature = ""
      for i in 0..<4 {
        signature += hex(
          stableHash(seed, 203, UInt64(index), UInt64(i)), count: 16)
      }
      return AzureCaller(
        kind: kind,
        upn: a.role == .person ? "\(a.name)@\(names.gcpDomain)" : "",
        objectID: uuid(h1, h2),
        appID: a.role == .person
          ? "04b07795-8ddb-461a-bbee-02f9e1bf7b46" : uuid(h2, h1),
        keyHash: hashes.uppercased(), signatureHash: signature.uppercased())
    }
  }

  /// The principal string that the adapters produce, for an account.
  func principal(account: String, monitor: Bool) -> (String, PrincipalKind) {
    switch kind {
    case .oauth: return (upn.isEmpty ? objectID : upn, .user)
    case .anonymous: return ("anonymous", .anonymous)
    case .accountKey:
      return (
        monitor ? "accountkey:\(account)/key1" : "accountkey:\(account)",
        .sharedKey
      )
    case .sas:
      return (
        monitor
          ? "sas:\(account)/\(signatureHash.prefix(16))" : "sas:\(account)",
        .sharedKey
      )
    }
  }

  var authentication: AuthenticationMethod {
    switch kind {
    case .oauth: return .oauth
    case .sas: return .sas
    case .accountKey: return .accountKey
    case .anonymous: return .anonymous
    }
  }

  /// The label substring: the UPN, the object id, or the SAS/key name.
  var label: String { upn.isEmpty ? objectID : upn }
}

extension Operation {
  /// The Azure Blob operation name.
  var azureName: String {
    switch self {
    case .getObject: return "GetBlob"
    case .putObject: return "PutBlob"
    case .deleteObject: return "DeleteBlob"
    case .headObject: return "GetBlobProperties"
    case .listObjects: return "ListBlobs"
    case .listBuckets: return "ListContainers"
    case .getBucketAcl: return "GetContainerACL"
    default: return "GetContainerProperties"
    }
  }

  /// The RBAC data action checked for the operation.
  var azureAction: String {
    let prefix = "Microsoft.Storage/storageAccounts/blobServices/containers"
    switch self {
    case .getObject, .headObject: return prefix + "/blobs/read"
    case .putObject: return prefix + "/blobs/write"
    case .deleteObject: return prefix + "/blobs/delete"
    default: return prefix + "/read"
    }
  }
}

extension SimulatedNames {
  /// Whether an Azure log records the request.
  func azureRecords(_ r: Request) -> Bool {
    guard !r.operation.isManagement, r.operation != .lifecycleExpire else {
      return false
    }
    let role = workload.actors[Int(r.actor)].role
    return role != .logDelivery && role != .lifecycle
  }

  /// The `/account/container/blob` object key of a request.
  func azureObjectKey(_ r: Request) -> String {
    let account = azureAccount(Int(r.bucket))
    switch r.operation {
    case .listBuckets: return "/\(account)"
    case .listObjects, .getBucketAcl, .getBucketPolicy:
      return "/\(account)/\(container(Int(r.bucket)))"
    default:
      return "/\(account)/\(container(Int(r.bucket)))/"
        + key(bucket: Int(r.bucket), object: r.object)
    }
  }

  /// The request URL, without SAS parameters.
  func azureURL(_ r: Request, ampersand: String) -> String {
    let account = azureAccount(Int(r.bucket))
    let base = "https://\(account).blob.core.windows.net"
    let container = container(Int(r.bucket))
    switch r.operation {
    case .listBuckets: return base + "/?comp=list"
    case .listObjects:
      return base + "/\(container)?restype=container\(ampersand)comp=list"
        + "\(ampersand)prefix=\(ampersand)maxresults=5000"
    case .getBucketAcl:
      return base + "/\(container)?restype=container\(ampersand)comp=acl"
    case .getBucketPolicy: return base + "/\(container)?restype=container"
    default:
      return base + "/\(container)/"
        + percentEncodePath(key(bucket: Int(r.bucket), object: r.object))
    }
  }

  /// An ETag value such as `0x8DCE5F1A2B3C4D5`.
  func azureETag(_ r: Request) -> String {
    "0x8DC"
      + hex(stableHash(UInt64(r.bucket), UInt64(r.object), 70), count: 12)
      .uppercased()
  }
}
