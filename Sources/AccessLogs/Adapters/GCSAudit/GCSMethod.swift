/// The action category of Cloud Storage audit-log method names.
///
/// VPC Service Controls entries prefix the method with `google.`
/// (`google.storage.buckets.get`); the prefix is ignored for matching.
///
/// | Method | Category |
/// |---|---|
/// | `storage.objects.get` | read |
/// | `storage.objects.list`, `storage.buckets.list` | list |
/// | `storage.objects.create`, `.update`, `.patch`, `.compose`, `.rewrite`, `.copy`, `.restore` | write |
/// | `storage.buckets.create`, `.update`, `.patch`, `.restore`, `.lockRetentionPolicy` | write |
/// | `storage.objects.delete`, `storage.buckets.delete` | delete |
/// | `storage.buckets.get`, `storage.buckets.getIamPolicy`, `storage.objects.getIamPolicy`, `storage.getIamPermissions`, `*.testIamPermissions` | metadata-read |
/// | `storage.setIamPermissions`, `storage.buckets.setIamPolicy`, `storage.objects.setIamPolicy` | permission-change |
///
/// An ACL change made through `storage.objects.update` or `.patch` stays a
/// write: the audit entry does not say which fields changed. Other names
/// fall back on their last segment: `get*` to metadata-read, `list*` to
/// list, `create`/`insert`/`update`/`patch`/`compose`/`rewrite`/`copy`/
/// `restore` to write, `delete` to delete, `setIam*` to permission-change,
/// anything else to other.
enum GCSMethod {
  /// Whether a method name belongs to Cloud Storage (`storage.` or
  /// `google.storage.`), as opposed to another service's method logged
  /// under the storage service name.
  static func isStorage(_ name: String) -> Bool {
    name.hasPrefix("storage.") || name.hasPrefix("google.storage.")
  }

  /// The category of a Cloud Storage method name.
  static func category(_ name: String) -> ActionCategory {
    if let known = table[name] { return known }
    let bare = name.hasPrefix("google.") ? name.dropFirst(7) : name[...]
    if bare.startIndex != name.startIndex, let known = table[String(bare)] {
      return known
    }
    let verb = bare.split(separator: ".").last ?? bare
    if verb.hasPrefix("setIam") { return .permissionChange }
    if verb.hasPrefix("get") || verb.hasPrefix("testIam") {
      return .metadataRead
    }
    if verb.hasPrefix("list") { return .list }
    if verb == "delete" { return .delete }
    if writeVerbs.contains(String(verb)) { return .write }
    return .other
  }

  private static let writeVerbs: Set<String> = [
    "create", "insert", "update", "patch", "compose", "rewrite", "copy",
    "restore", "lockRetentionPolicy", "move",
  ]

  private static let table: [String: ActionCategory] = [
    "storage.objects.get": .read,
    "storage.objects.list": .list,
    "storage.buckets.list": .list,
    "storage.objects.delete": .delete,
    "storage.buckets.delete": .delete,
    "storage.buckets.get": .metadataRead,
    "storage.buckets.getIamPolicy": .metadataRead,
    "storage.objects.getIamPolicy": .metadataRead,
    "storage.getIamPermissions": .metadataRead,
    "storage.setIamPermissions": .permissionChange,
    "storage.buckets.setIamPolicy": .permissionChange,
    "storage.objects.setIamPolicy": .permissionChange,
  ]
}
