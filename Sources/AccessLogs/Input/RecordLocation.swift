/// Where a record starts in an input.
public struct RecordLocation: Hashable, Sendable, CustomStringConvertible {
  /// The file's path, or `-` for standard input.
  public var path: String
  /// The 1-based line on which the record starts, in decompressed text.
  public var line: Int
  /// The byte offset at which the record starts, in decompressed text.
  public var offset: Int64

  /// Creates a location.
  ///
  /// - Parameters:
  ///   - path: The file's path.
  ///   - line: The 1-based line.
  ///   - offset: The byte offset in decompressed text.
  public init(path: String, line: Int, offset: Int64) {
    self.path = path
    self.line = line
    self.offset = offset
  }

  /// `path:line`.
  public var description: String { "\(path):\(line)" }
}
