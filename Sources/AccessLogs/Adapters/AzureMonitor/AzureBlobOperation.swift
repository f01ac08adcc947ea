/// The action category of Azure Blob Storage operation names, as
/// `StorageBlobLogs` writes them.
///
/// | Operations | Category |
/// |---|---|
/// | `GetBlob`, `QueryBlobContents`, `CopyBlobSource`, `ReadFile` | read |
/// | `ListBlobs`, `ListContainers`, `FindBlobsByTags`, `ListFilesystems`, `ListFilesystemDir` | list |
/// | `PutBlob`, `PutBlock`, `PutBlockList`, `PutBlockFromURL`, `PutPage`, `PutPageFromURL`, `AppendBlock`, `AppendBlockFromURL`, `CopyBlob`, `CopyBlobDestination`, `AbortCopyBlob`, `SetBlobMetadata`, `SetBlobProperties`, `SetBlobTier`, `SetBlobTags`, `SetBlobExpiry`, `SnapshotBlob`, `UndeleteBlob`, `CreateContainer`, `SetContainerMetadata`, `UndeleteContainer`, `RestoreContainer`, `SetBlobServiceProperties`, `SetImmutabilityPolicy`, `SetLegalHold`, Data Lake `CreatePathFile`, `CreatePathDir`, `AppendFile`, `FlushFile`, `RenamePathFile`, `RenamePathDir`, `SetFileProperties`, `SetFilesystemProperties`, `CreateFilesystem` | write |
/// | `DeleteBlob`, `DeleteContainer`, `DeleteImmutabilityPolicy`, `DeleteFile`, `DeleteDirectory`, `DeleteFilesystem` | delete |
/// | `GetBlobProperties`, `GetBlobMetadata`, `GetBlobTags`, `GetBlockList`, `GetPageRegions`, `GetPageRegionsDiff`, `GetContainerProperties`, `GetContainerMetadata`, `GetContainerACL`, `GetBlobServiceProperties`, `GetBlobServiceStats`, `GetAccountInformation`, `GetPathProperties`, `GetPathAccessControl`, `GetFilesystemProperties` | metadata-read |
/// | `SetContainerACL`, `SetPathAccessControl`, `SetPathAccessControlRecursive`, `SetFileAccessControl` | permission-change |
/// | leases, `GetUserDelegationKey`, preflight (CORS) requests, `SubmitBatch` | other |
///
/// Names are matched exactly, then ignoring case (`SetContainerAcl`). An
/// unknown name falls back on its verb (`Get` metadata-read, `List` list,
/// `Put`/`Set`/`Create`/`Copy`/`Append`/`Undelete` write, `Delete`
/// delete), then on the record's category (`StorageRead` read,
/// `StorageWrite` write, `StorageDelete` delete), then other.
enum AzureBlobOperation {
  /// The category of an operation name.
  ///
  /// - Parameters:
  ///   - name: The operation name as logged.
  ///   - category: The record's `category`, when it has one.
  static func category(_ name: String, category: String?) -> ActionCategory {
    if let known = table[name] ?? lowercased[name.lowercased()] {
      return known
    }
    if name.hasPrefix("Get") { return .metadataRead }
    if name.hasPrefix("List") { return .list }
    if name.hasPrefix("Delete") { return .delete }
    for verb in ["Put", "Set", "Create", "Copy", "Append", "Undelete"]
    where name.hasPrefix(verb) {
      return .write
    }
    switch category {
    case "StorageRead": return .read
    case "StorageWrite": return .write
    case "StorageDelete": return .delete
    default: return .other
    }
  }

  private static let table: [String: ActionCategory] = {
    var t: [String: ActionCategory] = [:]
    for name in ["GetBlob", "QueryBlobContents", "CopyBlobSource", "ReadFile"] {
      t[name] = .read
    }
    for name in [
      "ListBlobs", "ListContainers", "FindBlobsByTags", "ListFilesystems",
      "ListFilesystemDir",
    ] {
      t[name] = .list
    }
    for name in [
      "PutBlob", "PutBlock", "PutBlockList", "PutBlockFromURL", "PutPage",
      "PutPageFromURL", "AppendBlock", "AppendBlockFromURL", "CopyBlob",
      "CopyBlobDestination", "AbortCopyBlob", "SetBlobMetadata",
      "SetBlobProperties", "SetBlobTier", "SetBlobTags", "SetBlobExpiry",
      "SnapshotBlob", "UndeleteBlob", "CreateContainer",
      "SetContainerMetadata", "UndeleteContainer", "RestoreContainer",
      "SetBlobServiceProperties", "SetImmutabilityPolicy", "SetLegalHold",
      "CreatePathFile", "CreatePathDir", "AppendFile", "FlushFile",
      "RenamePathFile", "RenamePathDir", "SetFileProperties",
      "SetFilesystemProperties", "CreateFilesystem",
    ] {
      t[name] = .write
    }
    for name in [
      "DeleteBlob", "DeleteContainer", "DeleteImmutabilityPolicy",
      "DeleteFile", "DeleteDirectory", "DeleteFilesystem",
    ] {
      t[name] = .delete
    }
    for name in [
      "GetBlobProperties", "GetBlobMetadata", "GetBlobTags", "GetBlockList",
      "GetPageRegions", "GetPageRegionsDiff", "GetContainerProperties",
      "GetContainerMetadata", "GetContainerACL", "GetBlobServiceProperties",
      "GetBlobServiceStats", "GetAccountInformation", "GetPathProperties",
      "GetPathAccessControl", "GetFilesystemProperties",
    ] {
      t[name] = .metadataRead
    }
    for name in [
      "SetContainerACL", "SetPathAccessControl",
      "SetPathAccessControlRecursive", "SetFileAccessControl",
    ] {
      t[name] = .permissionChange
    }
    for name in [
      "AcquireBlobLease", "BreakBlobLease", "ChangeBlobLease",
      "ReleaseBlobLease", "RenewBlobLease", "AcquireContainerLease",
      "BreakContainerLease", "ChangeContainerLease", "ReleaseContainerLease",
      "RenewContainerLease", "LeaseBlob", "LeaseContainer", "GetLeaseInfo",
      "GetUserDelegationKey", "BlobPreflightRequest",
      "ContainerPreflightRequest", "SubmitBatch",
    ] {
      t[name] = .other
    }
    return t
  }()

  private static let lowercased: [String: ActionCategory] = {
    var t: [String: ActionCategory] = [:]
    for (name, category) in table { t[name.lowercased()] = category }
    return t
  }()
}
