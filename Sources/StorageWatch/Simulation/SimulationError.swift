/// A failure to write simulated logs.
public enum SimulationError: Error, Hashable, Sendable,
  CustomStringConvertible
{
  /// A directory could not be created.
  case createDirectory(path: String, errno: Int32)
  /// A file could not be opened for writing.
  case openFile(path: String, errno: Int32)
  /// Writing to a file failed.
  case writeFile(path: String, errno: Int32)
  /// The `gzip` program failed on a file.
  case compress(path: String, status: Int32)

  /// A one-line explanation naming the path.
  public var description: String {
    switch self {
    case .createDirectory(let path, let errno):
      return "cannot create directory \(path): errno \(errno)"
    case .openFile(let path, let errno):
      return "cannot open \(path) for writing: errno \(errno)"
    case .writeFile(let path, let errno):
      return "cannot write \(path): errno \(errno)"
    case .compress(let path, let status):
      return "gzip failed on \(path) with status \(status)"
    }
  }
}
