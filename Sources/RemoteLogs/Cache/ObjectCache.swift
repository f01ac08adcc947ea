import Foundation

/// Downloaded objects on local disk, so later runs read history without
/// downloading it again.
///
/// An object is kept at `ROOT/SERVICE/BUCKET/KEY~TAG`, where `TAG` is the
/// first 8 bytes (hexadecimal) of SHA-256 over its entity tag and size: a
/// changed object gets a new file. Files are written under a temporary
/// name and renamed into place, so an entry that exists is complete and
/// an interrupted run leaves only hidden `.partial-` files. (The size on
/// disk is not compared with the listed size: a store may serve an
/// object with `Content-Encoding: gzip` that the HTTP layer inflates.) Folders are
/// created with mode 0700: logs name people and addresses.
///
/// TODO: entries are never pruned, so the cache grows by a day of logs a
/// day; it matters on small disks after months of daily runs, and stands
/// because how much history to keep is the user's call (README says to
/// delete old folders by hand).
struct ObjectCache: Sendable {
  /// The cache's root directory.
  var root: URL

  /// The local file for an object.
  ///
  /// Key segments `""`, `.` and `..` are replaced by `%2F`, `%2E` and
  /// `%2E%2E`, so no key can leave the bucket's folder.
  ///
  /// - Parameters:
  ///   - object: The object.
  ///   - location: Its bucket.
  /// - Returns: The file's URL (which may not exist yet).
  func file(for object: RemoteObject, in location: RemoteLocation) -> URL {
    var folder = root.appendingPathComponent(location.service.rawValue)
    if let account = location.account {
      folder.appendPathComponent(Self.safe(account))
    }
    folder.appendPathComponent(Self.safe(location.bucket))
    let segments = object.key.split(
      separator: "/", omittingEmptySubsequences: false
    ).map { Self.safe(String($0)) }
    let tag = Digest.hex(
      Array(Digest.sha256("\(object.etag)|\(object.size)").prefix(8)))
    var file = folder
    for segment in segments.dropLast() { file.appendPathComponent(segment) }
    return file.appendingPathComponent("\(segments.last ?? "_")~\(tag)")
  }

  /// Whether a complete copy of the object is cached.
  ///
  /// - Parameter file: From ``file(for:in:)``.
  /// - Returns: Whether the file exists.
  func contains(_ file: URL) -> Bool {
    FileManager.default.fileExists(atPath: file.path)
  }

  /// Makes the folder for a file and a temporary name beside it.
  ///
  /// - Parameter file: The final file.
  /// - Returns: The temporary file to download to.
  /// - Throws: ``RemoteLogsError/cache(path:message:)``.
  func prepare(_ file: URL) throws(RemoteLogsError) -> URL {
    let folder = file.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(
        at: folder, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
    } catch {
      throw .cache(path: folder.path, message: "\(error)")
    }
    return folder.appendingPathComponent(
      ".\(file.lastPathComponent).partial-\(UUID().uuidString)")
  }

  /// Moves a finished download into place.
  ///
  /// - Parameters:
  ///   - temporary: The downloaded file.
  ///   - file: Its final name.
  /// - Throws: ``RemoteLogsError/cache(path:message:)``.
  func commit(_ temporary: URL, to file: URL) throws(RemoteLogsError) {
    if rename(temporary.path, file.path) != 0 {
      let code = errno
      try? FileManager.default.removeItem(at: temporary)
      throw .cache(path: file.path, message: String(cString: strerror(code)))
    }
  }

  private static func safe(_ segment: String) -> String {
    switch segment {
    case "": return "%2F"
    case ".": return "%2E"
    case "..": return "%2E%2E"
    default: return segment
    }
  }
}
