#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Expands the paths a user gave into the files to read.
///
/// Directories are walked recursively with entries in byte order of their
/// names, so the same tree always gives the same list. While walking, names
/// starting with `.` are passed over (editor and OS droppings such as
/// `.DS_Store`), as are directories named `CloudTrail-Digest` (counted:
/// they hold integrity digests, not events). Symbolic links are followed;
/// a link back to a directory already on the current path is reported as a
/// loop instead of being walked forever. Paths named explicitly are always
/// read, whatever their names. `-` stands for standard input.
struct InputWalker {
  /// A file to read, or a problem found while walking.
  enum Item {
    case file(String)
    case digestDirectory(String, files: Int)
    case failure(InputError)
  }

  /// Lists the inputs for the given paths, in order.
  ///
  /// - Parameter paths: Files, directories or `-`.
  /// - Returns: The files and problems, in walking order.
  /// - Complexity: O(*n* log *n*) in the number of entries per directory.
  static func expand(_ paths: [String]) -> [Item] {
    var items: [Item] = []
    for path in paths {
      if path == "-" {
        items.append(.file(path))
        continue
      }
      var info = stat()
      guard stat(path, &info) == 0 else {
        items.append(
          .failure(InputError(path: path, kind: .unreadable(errno: errno))))
        continue
      }
      if info.st_mode & S_IFMT == S_IFDIR {
        var ancestors: [(UInt64, UInt64)] = []
        walk(path, info, &ancestors, &items)
      } else {
        items.append(.file(path))
      }
    }
    return items
  }

  private static func walk(
    _ directory: String, _ info: stat, _ ancestors: inout [(UInt64, UInt64)],
    _ items: inout [Item]
  ) {
    let identity = (UInt64(info.st_dev), UInt64(info.st_ino))
    if ancestors.contains(where: { $0 == identity }) {
      items.append(.failure(InputError(path: directory, kind: .symlinkLoop)))
      return
    }
    guard let handle = opendir(directory) else {
      items.append(
        .failure(InputError(path: directory, kind: .unreadable(errno: errno))))
      return
    }
    var names: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      if name.hasPrefix(".") { continue }
      names.append(name)
    }
    closedir(handle)
    names.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }

    ancestors.append(identity)
    defer { ancestors.removeLast() }
    let prefix = directory.hasSuffix("/") ? directory : directory + "/"
    for name in names {
      let path = prefix + name
      var child = stat()
      guard stat(path, &child) == 0 else {
        items.append(
          .failure(InputError(path: path, kind: .unreadable(errno: errno))))
        continue
      }
      if child.st_mode & S_IFMT == S_IFDIR {
        if name == "CloudTrail-Digest" {
          items.append(.digestDirectory(path, files: countFiles(path)))
        } else {
          walk(path, child, &ancestors, &items)
        }
      } else if child.st_mode & S_IFMT == S_IFREG {
        items.append(.file(path))
      }
    }
  }

  private static func countFiles(_ directory: String) -> Int {
    var items: [Item] = []
    var info = stat()
    guard stat(directory, &info) == 0 else { return 0 }
    var ancestors: [(UInt64, UInt64)] = []
    walk(directory, info, &ancestors, &items)
    return items.reduce(0) { count, item in
      if case .file = item { return count + 1 }
      return count
    }
  }
}
