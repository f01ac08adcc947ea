/// Why a model file was refused.
public enum ModelFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file does not start with a StorageWatch model header.
  case notAModel(reason: String)
  /// The file's format version is not one this build reads.
  case unsupportedVersion(found: Int, supported: Int)
  /// The body is shorter or longer than its header says: the file was cut
  /// off or appended to.
  case wrongLength(expected: Int, found: Int)
  /// The body's checksum differs from the header's: the file was damaged
  /// or edited.
  case checksumMismatch(expected: String, found: String)
  /// The body passed its checksum but is not a valid model.
  case malformed(reason: String)

  /// What was wrong and what to do, in one sentence.
  public var description: String {
    switch self {
    case .notAModel(let reason):
      return "not a StorageWatch model file (\(reason)); "
        + "write one with storagewatch calibrate"
    case .unsupportedVersion(let found, let supported):
      let advice =
        found > supported
        ? "written by a newer StorageWatch; upgrade, or calibrate again"
        : "written by an older StorageWatch; calibrate again"
      return "model format version \(found), this build reads version "
        + "\(supported): \(advice)"
    case .wrongLength(let expected, let found):
      return "model body is \(found) bytes, its header says \(expected): "
        + "the file is truncated or damaged; calibrate again or restore it"
    case .checksumMismatch(let expected, let found):
      return "model checksum is \(found), its header says \(expected): "
        + "the file is damaged or was edited; calibrate again or restore it"
    case .malformed(let reason):
      return "model body is invalid (\(reason)); calibrate again"
    }
  }
}
