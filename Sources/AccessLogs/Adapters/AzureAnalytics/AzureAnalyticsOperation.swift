/// The action category of an Azure Storage operation, as Storage
/// Analytics names it.
///
/// | Operation | Category |
/// |---|---|
/// | `GetBlob`, `GetFile`, `ReadFile`, `QueryBlobContents`, `CopyBlobSource` (the source side of a copy, whose key is the source blob) | read |
/// | `List*` (`ListBlobs`, `ListContainers`, `ListFilesystems`), `FindBlobsByTags` | list |
/// | other `Get*`, `Head*` (`GetBlobProperties`, `GetBlobMetadata`, `GetContainerProperties`, `GetContainerACL`, `GetBlobServiceProperties`, `GetBlockList`...) | metadata-read |
/// | `SetContainerACL`, `SetPathAccessControl`, `SetPathAccessControlRecursive`, `SetFileSystemAccessControl` | permission-change |
/// | `Delete*` (`DeleteBlob`, `DeleteContainer`, `DeletePath`...) | delete |
/// | `Put*`, `Set*`, `Create*`, `Copy*`, `Append*`, `Snapshot*`, `Undelete*`, `Rename*`, `Flush*`, `StartCopy*` (`SetBlobServiceProperties` included: it changes configuration, not access) | write |
/// | anything else (`Lease*`, `AbortCopyBlob`, `PreflightBlobRequest`) | other |
enum AzureAnalyticsOperation {
  /// The category of an operation name as logged.
  ///
  /// - Parameter name: The operation, such as `GetBlob`.
  /// - Returns: Its category; unknown names give ``ActionCategory/other``.
  static func category(_ name: String) -> ActionCategory {
    switch name {
    case "GetBlob", "GetFile", "ReadFile", "QueryBlobContents",
      "CopyBlobSource":
      return .read
    case "FindBlobsByTags":
      return .list
    case "SetContainerACL", "SetPathAccessControl",
      "SetPathAccessControlRecursive", "SetFileSystemAccessControl":
      return .permissionChange
    default:
      break
    }
    if name.hasPrefix("List") { return .list }
    if name.hasPrefix("Get") || name.hasPrefix("Head") {
      return .metadataRead
    }
    if name.hasPrefix("Delete") { return .delete }
    for prefix in [
      "Put", "Set", "Create", "Copy", "Append", "Snapshot", "Undelete",
      "Rename", "Flush", "StartCopy",
    ] where name.hasPrefix(prefix) {
      return .write
    }
    return .other
  }
}
