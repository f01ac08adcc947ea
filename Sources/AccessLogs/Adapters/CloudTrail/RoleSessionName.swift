/// Decides whether an assumed-role session name identifies someone.
///
/// Session names are chosen by whoever calls `AssumeRole`. People and SSO
/// sign-ins use their own names or email addresses, which are stable and
/// worth keeping apart; SDKs, EC2, ECS, Lambda runtimes and CI systems
/// generate a fresh name per session (`botocore-session-1689000000`,
/// `i-0abc1234def567890`, a UUID, a task id), which would turn one role
/// into thousands of one-hour principals with no history.
///
/// The rule, by shape alone so that it needs no history and gives the same
/// answer in any reading order: the name is cut into tokens at
/// `- _ . : @ = , + /`; a token looks random when it is
/// - all digits, 6 or more (epoch timestamps, numeric ids);
/// - hexadecimal, 8 or more, with both digits and letters (UUID parts,
///   instance and task ids, hashes);
/// - 10 or more characters mixing 2+ digits and 2+ letters (base62 tokens).
/// A session name with any random-looking token is ephemeral, and its
/// events are attributed to the role.
enum RoleSessionName {
  /// Whether a session name looks generated rather than chosen.
  ///
  /// - Parameter name: The session name; empty names are ephemeral.
  /// - Returns: `true` when events should be attributed to the role.
  /// - Complexity: O(*n*) in the length of the name.
  static func isEphemeral(_ name: String) -> Bool {
    if name.isEmpty { return true }
    var digits = 0
    var letters = 0
    var hexOnly = true
    var length = 0
    func tokenIsRandom() -> Bool {
      if length >= 6 && letters == 0 && digits == length { return true }
      if length >= 8 && hexOnly && digits > 0 && letters > 0 { return true }
      if length >= 10 && digits >= 2 && letters >= 2 { return true }
      return false
    }
    for byte in name.utf8 {
      switch byte {
      case 0x2D, 0x5F, 0x2E, 0x3A, 0x40, 0x3D, 0x2C, 0x2B, 0x2F:
        if tokenIsRandom() { return true }
        digits = 0
        letters = 0
        hexOnly = true
        length = 0
        continue
      case 0x30...0x39:
        digits += 1
      case 0x41...0x46, 0x61...0x66:
        letters += 1
      case 0x47...0x5A, 0x67...0x7A:
        letters += 1
        hexOnly = false
      default:
        hexOnly = false
      }
      length += 1
    }
    return tokenIsRandom()
  }
}
