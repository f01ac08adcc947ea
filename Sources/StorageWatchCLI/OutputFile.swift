#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A buffered output: standard output for `-`; a regular file (new or
/// existing) written atomically, to a temporary file beside it that is
/// flushed to disk and renamed over it on ``commit()``, so a crash or
/// error never leaves a half-written file (a kill leaves at most the
/// temporary `.NAME.tmp-PID`, removed by the next run that writes NAME);
/// anything else that exists (`/dev/null`, a FIFO, a terminal) opened and
/// written in place, since renaming over a device would replace it.
final class OutputFile {
  /// An output that could not be written.
  struct WriteError: Error, CustomStringConvertible {
    var path: String
    var errno: Int32
    var description: String {
      "cannot write \(path): \(String(cString: strerror(errno)))"
    }
  }

  let path: String
  private let descriptor: Int32
  private let temporaryPath: String?
  private let ownsDescriptor: Bool
  private var buffer: [UInt8] = []
  private var closed = false

  /// Opens the output.
  ///
  /// - Parameter path: A file path, or `-` for standard output.
  /// - Throws: `WriteError` when the temporary file cannot be created.
  init(path: String) throws {
    self.path = path
    buffer.reserveCapacity(1 << 20)
    if path == "-" {
      descriptor = STDOUT_FILENO
      temporaryPath = nil
      ownsDescriptor = false
      return
    }
    var info = stat()
    if stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG {
      let fd = open(path, O_WRONLY | O_CLOEXEC)
      guard fd >= 0 else { throw WriteError(path: path, errno: errno) }
      descriptor = fd
      temporaryPath = nil
      ownsDescriptor = true
      return
    }
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    OutputFile.removeStaleTemporaries(directory: directory, name: name)
    let temporary = "\(directory).\(name).tmp-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw WriteError(path: path, errno: errno) }
    descriptor = fd
    temporaryPath = temporary
    ownsDescriptor = true
  }

  deinit {
    discard()
    if ownsDescriptor && temporaryPath == nil { close(descriptor) }
  }

  /// Appends a line and a newline.
  func writeLine(_ line: String) throws {
    var line = line
    line.withUTF8 { buffer.append(contentsOf: $0) }
    buffer.append(0x0A)
    if buffer.count >= 1 << 20 { try flush() }
  }

  /// Appends text as it is.
  func writeText(_ text: String) throws {
    var text = text
    text.withUTF8 { buffer.append(contentsOf: $0) }
    if buffer.count >= 1 << 20 { try flush() }
  }

  /// Appends bytes as they are.
  func writeBytes(_ bytes: [UInt8]) throws {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 20 { try flush() }
  }

  /// Appends a line given as UTF-8 bytes, and a newline.
  func writeLine(bytes line: [UInt8]) throws {
    buffer.append(contentsOf: line)
    buffer.append(0x0A)
    if buffer.count >= 1 << 20 { try flush() }
  }

  private func flush() throws {
    var offset = 0
    while offset < buffer.count {
      let n = buffer.withUnsafeBytes { bytes in
        write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw WriteError(path: path, errno: errno)
      }
      offset += n
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes what is buffered and, for a file, moves it into place.
  func commit() throws {
    try flush()
    guard let temporaryPath, !closed else { return }
    closed = true
    guard fsync(descriptor) == 0 || errno == EINVAL else {
      let code = errno
      close(descriptor)
      unlink(temporaryPath)
      throw WriteError(path: path, errno: code)
    }
    close(descriptor)
    guard rename(temporaryPath, path) == 0 else {
      let code = errno
      unlink(temporaryPath)
      throw WriteError(path: path, errno: code)
    }
    // Make the rename itself durable: flush the directory entry.
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? "."
    let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd >= 0 {
      _ = fsync(fd)
      close(fd)
    }
  }

  /// Removes `.NAME.tmp-PID` files left beside the output by a run that
  /// was killed before it could rename or remove them: those whose
  /// process no longer exists.
  private static func removeStaleTemporaries(directory: String, name: String) {
    let prefix = ".\(name).tmp-"
    guard let handle = opendir(directory.isEmpty ? "." : directory) else {
      return
    }
    defer { closedir(handle) }
    while let entry = readdir(handle) {
      let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      guard entryName.hasPrefix(prefix),
        let pid = Int32(entryName.dropFirst(prefix.count)), pid > 0,
        kill(pid, 0) != 0, errno == ESRCH
      else { continue }
      unlink(directory + entryName)
    }
  }

  /// Abandons a file output, removing the temporary file.
  func discard() {
    guard let temporaryPath, !closed else { return }
    closed = true
    close(descriptor)
    unlink(temporaryPath)
  }
}
