#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The decompressed bytes of one input, read in chunks.
///
/// A file whose first two bytes are the gzip magic (`1f 8b`) is inflated,
/// whatever its name; any other file is read as it is. `-` reads standard
/// input the same way.
///
/// A regular file of 1 to ``wholeFileLimit`` bytes is read whole: plain
/// content is handed over in one piece, and gzip content is inflated in
/// one call to libdeflate (see ``WholeGzip``) when its output fits in
/// ``wholeOutputLimit``. Larger files, files that report a size of 0
/// (as those under `/proc` do), standard input and gzip data that
/// libdeflate refuses go through zlib in 1 MiB chunks of input, each call
/// appending at most ``maximumInflatedChunk`` of output, so memory stays
/// bounded however much the data expand and damaged data are reported as
/// zlib reports them.
final class ByteStream {
  /// The largest file read whole: 32 MiB.
  static let wholeFileLimit = 32 << 20
  /// The largest output inflated whole: 64 MiB. A small file that would
  /// inflate to more (a compression bomb, or an unusually large delivery
  /// file) is streamed instead.
  static let wholeOutputLimit = 64 << 20
  /// The most decompressed bytes one streamed ``read(into:)`` call
  /// appends, so a compression bomb cannot fill memory in one step.
  static let maximumInflatedChunk = 4 << 20

  /// The path as given, or `-` for standard input.
  let path: String
  private let descriptor: Int32
  private let ownsDescriptor: Bool
  private let fileSize: Int?
  private var raw: [UInt8] = []
  private var memory: [UInt8]?
  private var memoryOffset = 0
  private var inflater: GzipInflater?
  private var decided = false
  private var ended = false
  /// Bytes of `raw` read but not yet inflated.
  private var pending = 0..<0
  /// Bytes read from the file so far (compressed bytes for gzip).
  private(set) var bytesRead: Int64 = 0
  /// Whether the content was gzip.
  private(set) var isCompressed = false

  /// Opens a file, or standard input for `-`.
  ///
  /// - Parameter path: The file's path, or `-`.
  /// - Throws: `InputError` with the system error when it cannot be opened.
  init(path: String) throws(InputError) {
    self.path = path
    if path == "-" {
      descriptor = STDIN_FILENO
      ownsDescriptor = false
    } else {
      let fd = open(path, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else {
        throw InputError(path: path, kind: .unreadable(errno: errno))
      }
      descriptor = fd
      ownsDescriptor = true
    }
    var info = stat()
    if fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFREG {
      fileSize = Int(info.st_size)
    } else {
      fileSize = nil
    }
  }

  deinit {
    if ownsDescriptor { close(descriptor) }
  }

  /// Appends the next decompressed chunk to `output`.
  ///
  /// - Parameter output: Receives the whole content of a file read whole
  ///   (at most ``wholeOutputLimit`` inflated); otherwise up to about a
  ///   megabyte per call for plain data, and at most
  ///   ``maximumInflatedChunk`` plus 256 KiB for gzip.
  /// - Returns: `false` at the end of the input.
  /// - Throws: `InputError` for read errors and corrupt or truncated gzip.
  func read(into output: inout [UInt8]) throws(InputError) -> Bool {
    // A size of 0 is not trusted: files under /proc and /sys report it
    // and still have content, so they are streamed to their end.
    if !decided, let fileSize, fileSize > 0,
      fileSize <= ByteStream.wholeFileLimit
    {
      decided = true
      if try readWhole(fileSize, into: &output) { return true }
    }
    while !ended || !pending.isEmpty {
      if pending.isEmpty {
        guard let count = try nextChunk() else {
          ended = true
          if let inflater, !inflater.isAtMemberBoundary {
            throw InputError(
              path: path, kind: .truncatedGzip, offset: bytesRead)
          }
          return false
        }
        if !decided {
          decided = true
          if count >= 2 && raw[0] == 0x1F && raw[1] == 0x8B {
            inflater = GzipInflater()
            isCompressed = true
          }
        }
        pending = 0..<count
      }
      guard let inflater else {
        output.append(contentsOf: raw[pending])
        pending = 0..<0
        return true
      }

      let before = output.count
      let start = bytesRead - Int64(pending.count)
      let (consumed, failure) = raw.withUnsafeBytes { buffer in
        inflater.inflate(
          UnsafeRawBufferPointer(rebasing: buffer[pending]), into: &output,
          limit: ByteStream.maximumInflatedChunk)
      }
      if let failure {
        throw InputError(
          path: path, kind: .corruptGzip(message: failure),
          offset: start + Int64(consumed))
      }
      pending = (pending.lowerBound + consumed)..<pending.upperBound
      if output.count > before { return true }
    }
    return false
  }

  /// Reads a small regular file whole and hands over its content, or
  /// leaves it in ``memory`` to be streamed when libdeflate refuses it.
  ///
  /// - Returns: Whether content was delivered.
  private func readWhole(
    _ size: Int, into output: inout [UInt8]
  ) throws(InputError) -> Bool {
    // Plain content is read straight into the caller's buffer when it is
    // empty, reusing its storage; gzip goes to a buffer of its own.
    var magic: (UInt8, UInt8) = (0, 0)
    let peeked = withUnsafeMutableBytes(of: &magic) {
      pread(descriptor, $0.baseAddress, 2, 0)
    }
    let gzip = peeked == 2 && magic.0 == 0x1F && magic.1 == 0x8B
    var whole: [UInt8] = []
    if !gzip && output.isEmpty { swap(&whole, &output) }
    whole.removeAll(keepingCapacity: true)
    whole.append(contentsOf: repeatElement(0, count: size))
    var filled = 0
    var failure: Int32 = 0
    whole.withUnsafeMutableBytes { buffer in
      while filled < size {
        let n = Glibc.read(
          descriptor, buffer.baseAddress! + filled, size - filled)
        if n < 0 && errno == EINTR { continue }
        if n < 0 { failure = errno }
        if n <= 0 { break }
        filled += n
      }
    }
    if failure != 0 {
      throw InputError(
        path: path, kind: .unreadable(errno: failure), offset: Int64(filled))
    }
    whole.removeSubrange(filled...)
    if filled >= 2 && whole[0] == 0x1F && whole[1] == 0x8B {
      isCompressed = true
      // Inflate into the caller's buffer when it is empty, reusing its
      // storage.
      var inflated: [UInt8] = []
      if output.isEmpty { swap(&inflated, &output) }
      let ok = whole.withUnsafeBytes {
        WholeGzip.inflate(
          $0, into: &inflated, limit: ByteStream.wholeOutputLimit)
      }
      guard ok else {
        if output.isEmpty { swap(&inflated, &output) }
        // Stream it through zlib instead, for its error and offset.
        inflater = GzipInflater()
        memory = whole
        return false
      }
      bytesRead = Int64(filled)
      ended = true
      deliver(inflated, into: &output)
      return !output.isEmpty
    }
    bytesRead = Int64(filled)
    ended = true
    deliver(whole, into: &output)
    return filled > 0
  }

  private func deliver(_ bytes: [UInt8], into output: inout [UInt8]) {
    if output.isEmpty {
      output = bytes
    } else {
      output.append(contentsOf: bytes)
    }
  }

  /// Fills ``raw`` with the next chunk from the file or from ``memory``.
  ///
  /// - Returns: The chunk's size, or `nil` at the end.
  private func nextChunk() throws(InputError) -> Int? {
    if raw.isEmpty {
      let size = fileSize.map { $0 + 1 } ?? 1 << 20
      raw = [UInt8](repeating: 0, count: max(4096, min(1 << 20, size)))
    }
    if let memory {
      let count = min(raw.count, memory.count - memoryOffset)
      guard count > 0 else { return nil }
      raw.withUnsafeMutableBytes { target in
        memory.withUnsafeBytes { source in
          target.copyMemory(
            from: UnsafeRawBufferPointer(
              rebasing: source[memoryOffset..<(memoryOffset + count)]))
        }
      }
      memoryOffset += count
      bytesRead += Int64(count)
      return count
    }
    let count = raw.withUnsafeMutableBytes { buffer -> Int in
      var n: Int
      repeat {
        n = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
      } while n < 0 && errno == EINTR
      return n
    }
    if count < 0 {
      throw InputError(
        path: path, kind: .unreadable(errno: errno), offset: bytesRead)
    }
    if count == 0 { return nil }
    bytesRead += Int64(count)
    return count
  }
}
