import Foundation

/// Writes files under a root directory, creating parent directories, and
/// reports failures as ``SimulationError`` with the path and `errno`.
struct LogFileSink {
  let root: String
  private var madeDirectories = Set<String>()
  /// Files written, relative to the root.
  private(set) var written: [String] = []
  private(set) var bytes: Int64 = 0

  init(root: String) { self.root = root }

  /// Creates a directory and its parents.
  mutating func makeDirectory(_ path: String) throws {
    if path.isEmpty || madeDirectories.contains(path) { return }
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
      current += "/" + part
      if madeDirectories.contains(current) { continue }
      if mkdir(current, 0o755) != 0 && errno != EEXIST {
        throw SimulationError.createDirectory(path: current, errno: errno)
      }
      madeDirectories.insert(current)
    }
    madeDirectories.insert(path)
  }

  /// Writes one file, replacing any file of that name.
  ///
  /// - Parameters:
  ///   - relativePath: The path below the root.
  ///   - contents: The bytes.
  mutating func write(_ relativePath: String, _ contents: [UInt8]) throws {
    let path = root + "/" + relativePath
    if let slash = path.lastIndex(of: "/") {
      try makeDirectory(String(path[..<slash]))
    }
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    if fd < 0 { throw SimulationError.openFile(path: path, errno: errno) }
    defer { close(fd) }
    var offset = 0
    while offset < contents.count {
      let n = contents.withUnsafeBytes {
        Foundation.write(fd, $0.baseAddress! + offset, contents.count - offset)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw SimulationError.writeFile(path: path, errno: errno)
      }
      offset += n
    }
    written.append(relativePath)
    bytes += Int64(contents.count)
  }
}

/// Compresses files in place with the system's `gzip -n`, which leaves
/// out the name and time so that output is reproducible.
enum GzipProgram {
  /// The `gzip` program, when installed.
  static var path: String? {
    for candidate in ["/usr/bin/gzip", "/bin/gzip", "/usr/local/bin/gzip"]
    where access(candidate, X_OK) == 0 {
      return candidate
    }
    return nil
  }

  /// Replaces each file with `<file>.gz`.
  static func compress(_ files: [String], program: String) throws {
    var index = 0
    while index < files.count {
      let batch = Array(files[index..<min(files.count, index + 400)])
      index += batch.count
      let process = Process()
      process.executableURL = URL(fileURLWithPath: program)
      process.arguments = ["-n", "-f", "-6", "--"] + batch
      do {
        try process.run()
      } catch {
        throw SimulationError.compress(path: batch[0], status: -1)
      }
      process.waitUntilExit()
      if process.terminationStatus != 0 {
        throw SimulationError.compress(
          path: batch[0], status: process.terminationStatus)
      }
    }
  }
}
