import Foundation

@testable import RemoteLogs

/// An in-memory bucket that answers listings as S3 does (sorted keys,
/// common prefixes at the delimiter, pages of `pageSize` entries) and
/// counts every listing request.
final class FakeStore: ObjectStore, @unchecked Sendable {
  let location: RemoteLocation
  let credentialSource = "none (in-memory test store)"
  private let keys: [String]
  private let pageSize: Int
  private let lock = NSLock()
  private var requests: [String] = []

  init(prefix: String, keys: [String], pageSize: Int = 1000) {
    location = RemoteLocation(service: .s3, bucket: "fake", prefix: prefix)
    self.keys = keys.sorted()
    self.pageSize = pageSize
  }

  /// The prefixes of every listing request, in order.
  var listed: [String] { lock.withLock { requests } }

  func listPage(prefix: String, delimiter: String?, token: String?)
    async throws(RemoteLogsError) -> ListingPage
  {
    lock.withLock { requests.append(prefix) }
    var entries: [(String, Bool)] = []
    var seenFolders = Set<String>()
    for key in keys where key.hasPrefix(prefix) {
      let rest = key.dropFirst(prefix.count)
      if let delimiter, let cut = rest.firstIndex(of: Character(delimiter)) {
        let folder = prefix + rest[...cut]
        if seenFolders.insert(folder).inserted {
          entries.append((folder, true))
        }
      } else {
        entries.append((key, false))
      }
    }
    let start = Int(token ?? "0")!
    let slice = entries[start..<min(entries.count, start + pageSize)]
    var page = ListingPage()
    for (name, isFolder) in slice {
      if isFolder {
        page.prefixes.append(name)
      } else {
        page.objects.append(RemoteObject(key: name, size: 1, etag: "e"))
      }
    }
    if start + pageSize < entries.count {
      page.nextToken = String(start + pageSize)
    }
    return page
  }

  func download(_ object: RemoteObject, to destination: URL)
    async throws(RemoteLogsError)
  {
    try? Data("x".utf8).write(to: destination)
  }
}
