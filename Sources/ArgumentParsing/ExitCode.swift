/// Process exit statuses used by command-line tools built on this library.
///
/// The values follow the BSD `sysexits.h` convention, so scripts can tell a
/// mistyped command line apart from a failure while doing the work.
public enum ExitCode {
  /// The command finished successfully.
  public static let success: Int32 = 0

  /// The command failed while doing its work.
  public static let failure: Int32 = 1

  /// The command line was malformed (`EX_USAGE` from `sysexits.h`).
  public static let usage: Int32 = 64
}
