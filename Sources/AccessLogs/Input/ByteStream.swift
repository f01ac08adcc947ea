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
final class ByteStream {
  /// The path as given, or `-` for standard input.
  let path: String
  private let descriptor: Int32
  private let ownsDescriptor: Bool
  private var raw: [UInt8]
  private var inflater: GzipInflater?
  private var decided = false
  private var ended = false
  /// Bytes of `raw` read from the file but not yet inflated.
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
    // Small files (CloudTrail writes many) get a buffer of their size.
    var info = stat()
    let size =
      fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
      ? Int(info.st_size) : 1 << 20
    raw = [UInt8](repeating: 0, count: max(4096, min(1 << 20, size + 1)))
  }

  deinit {
    if ownsDescriptor { close(descriptor) }
  }

  /// The most decompressed bytes one ``read(into:)`` call appends, so a
  /// compression bomb cannot fill memory in one step.
  static let maximumInflatedChunk = 4 << 20

  /// Appends the next decompressed chunk to `output`.
  ///
  /// - Parameter output: Receives up to about a megabyte of data per call
  ///   for plain files, and at most ``maximumInflatedChunk`` plus 256 KiB
  ///   for gzip, however much the data expand.
  /// - Returns: `false` at the end of the input.
  /// - Throws: `InputError` for read errors and corrupt or truncated gzip.
  func read(into output: inout [UInt8]) throws(InputError) -> Bool {
    while !ended || !pending.isEmpty {
      if pending.isEmpty {
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
        if count == 0 {
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
        bytesRead += Int64(count)
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
}
