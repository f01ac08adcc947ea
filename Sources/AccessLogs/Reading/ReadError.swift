/// Why a strict read stopped.
public enum ReadError: Error, Hashable, Sendable, CustomStringConvertible {
  /// An input could not be read.
  case input(InputError)
  /// A record was damaged.
  case record(SkippedRecord)

  /// The underlying problem's description.
  public var description: String {
    switch self {
    case .input(let error): return error.description
    case .record(let record): return record.description
    }
  }
}
