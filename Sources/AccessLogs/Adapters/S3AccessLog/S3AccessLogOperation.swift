/// The action category of an S3 server access log operation.
///
/// Operations are written `<interface>.<verb>.<resource>`:
///
/// | Operation | Category |
/// |---|---|
/// | `REST.GET.OBJECT`, `REST.GET.OBJECT_TORRENT`, `WEBSITE.GET.OBJECT`, `REST.COPY.*_GET` (the source side of a copy) | read |
/// | `REST.GET.BUCKET`, `REST.GET.BUCKETVERSIONS`, `REST.GET.UPLOADS`, `REST.GET.UPLOAD`, `REST.GET.SERVICE` | list |
/// | other `REST.GET.*`, `REST.HEAD.*`, `WEBSITE.HEAD.*` (ACL, policy, location, versioning, tagging...) | metadata-read |
/// | `REST.PUT.ACL`, `REST.PUT.OBJECT_ACL`, `*.BUCKETPOLICY`, `*.PUBLIC_ACCESS_BLOCK`, `*.OWNERSHIP_CONTROLS`, `*.ACCESSPOINTPOLICY` on PUT or DELETE | permission-change |
/// | `REST.DELETE.OBJECT`, `REST.DELETE.UPLOAD`, `REST.DELETE.BUCKET`, `BATCH.DELETE.OBJECT`, `REST.POST.MULTI_OBJECT_DELETE` | delete |
/// | other `REST.DELETE.*` (tagging, CORS, lifecycle, website... configuration) | write, as CloudTrail's `DeleteBucketTagging` and the like |
/// | `REST.PUT.*`, `REST.POST.*`, `REST.COPY.*` | write |
/// | `S3.EXPIRE.OBJECT`, `S3.CREATE.DELETEMARKER` (lifecycle) | delete |
/// | `S3.TRANSITION*` and other `S3.*` (lifecycle storage-class changes) | other |
/// | `SOAP.<Name>` | as the CloudTrail name `<Name>` (see ``S3Operation``) |
/// | anything else (`REST.OPTIONS.PREFLIGHT`) | other |
enum S3AccessLogOperation {
  /// The category of an operation name as logged.
  ///
  /// - Parameter name: The operation, such as `REST.GET.OBJECT`.
  /// - Returns: Its category; unknown names give ``ActionCategory/other``.
  static func category(_ name: String) -> ActionCategory {
    let parts = name.split(
      separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count >= 2 else { return .other }
    let interface = parts[0]
    let verb = parts[1]
    let resource = parts.count == 3 ? parts[2] : ""
    switch interface {
    case "REST", "WEBSITE":
      return rest(verb: verb, resource: resource)
    case "BATCH":
      return verb == "DELETE" ? .delete : .other
    case "S3":
      if verb == "EXPIRE" || (verb == "CREATE" && resource == "DELETEMARKER") {
        return .delete
      }
      return .other
    case "SOAP":
      return S3Operation.category(String(name.dropFirst(5)))
    default:
      return .other
    }
  }

  /// Whether an operation is one that S3 performs itself (lifecycle
  /// expiry and transitions), with no requester behind it.
  static func isLifecycle(_ name: String) -> Bool {
    name.hasPrefix("S3.")
  }

  private static func rest(
    verb: Substring, resource: Substring
  ) -> ActionCategory {
    switch verb {
    case "GET":
      switch resource {
      case "OBJECT", "OBJECT_TORRENT": return .read
      case "BUCKET", "BUCKETVERSIONS", "UPLOADS", "UPLOAD", "SERVICE":
        return .list
      default: return .metadataRead
      }
    case "HEAD":
      return .metadataRead
    case "COPY":
      return resource.hasSuffix("_GET") ? .read : .write
    case "PUT":
      return permissionResources.contains(resource)
        || resource == "ACL" || resource == "OBJECT_ACL"
        ? .permissionChange : .write
    case "DELETE":
      if permissionResources.contains(resource) { return .permissionChange }
      switch resource {
      case "OBJECT", "UPLOAD", "BUCKET", "OBJECT_VERSION": return .delete
      default: return .write
      }
    case "POST":
      return resource == "MULTI_OBJECT_DELETE" ? .delete : .write
    default:
      return .other
    }
  }

  /// Resources whose PUT or DELETE changes who may access the storage.
  private static let permissionResources: Set<Substring> = [
    "BUCKETPOLICY", "PUBLIC_ACCESS_BLOCK", "OWNERSHIP_CONTROLS",
    "ACCESSPOINTPOLICY", "ACCESS_POINT_POLICY",
  ]
}
