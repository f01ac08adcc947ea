#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A problem with an input file as a whole, rather than with one record.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Hashable, Sendable {
    /// The file or directory could not be opened or read; `errno` holds the
    /// system error number.
    case unreadable(errno: Int32)
    /// The gzip stream is corrupt; `message` is zlib's explanation.
    case corruptGzip(message: String)
    /// The gzip stream ended before its end marker.
    case truncatedGzip
    /// The content matches no supported log format.
    case unrecognizedFormat
    /// A directory link leads back to a directory already being walked.
    case symlinkLoop
  }

  /// The file's path as given or found while walking a directory.
  public var path: String
  /// What went wrong.
  public var kind: Kind
  /// The byte offset in the (compressed) file where it went wrong, when
  /// known.
  public var offset: Int64?

  /// Creates an input error.
  ///
  /// - Parameters:
  ///   - path: The file.
  ///   - kind: What went wrong.
  ///   - offset: Where, in bytes from the start of the file.
  public init(path: String, kind: Kind, offset: Int64? = nil) {
    self.path = path
    self.kind = kind
    self.offset = offset
  }

  /// `path[: byte N]: what went wrong`.
  public var description: String {
    var text = path
    if let offset { text += ": byte \(offset)" }
    switch kind {
    case .unreadable(let code):
      text += ": cannot read: \(String(cString: strerror(code)))"
    case .corruptGzip(let message):
      text += ": corrupt gzip data: \(message)"
    case .truncatedGzip:
      text += ": gzip stream ends early (truncated file?)"
    case .unrecognizedFormat:
      text += ": not a supported log format"
    case .symlinkLoop:
      text += ": symbolic link loop, directory skipped"
    }
    return text
  }

  /// A short name for summaries: `unreadable`, `corrupt-gzip`,
  /// `truncated-gzip`, `unrecognized-format` or `symlink-loop`.
  public var reasonName: String {
    switch kind {
    case .unreadable: return "unreadable"
    case .corruptGzip: return "corrupt-gzip"
    case .truncatedGzip: return "truncated-gzip"
    case .unrecognizedFormat: return "unrecognized-format"
    case .symlinkLoop: return "symlink-loop"
    }
  }
}
