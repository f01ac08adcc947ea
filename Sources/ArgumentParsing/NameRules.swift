/// Checks applied to names when specs are declared.
///
/// Every failure is a programmer mistake in the declaration, so it traps
/// with a message naming the offending declaration.
enum NameRules {
  /// Long names the library handles itself on every command.
  static let reservedLong: Set<String> = ["help"]

  /// Short names the library handles itself on every command.
  static let reservedShort: Set<Character> = ["h"]

  static func checkLong(_ name: String, kind: String) {
    precondition(!name.isEmpty, "ArgumentParsing: \(kind) has an empty name")
    precondition(
      !name.hasPrefix("-"),
      "ArgumentParsing: \(kind) '\(name)' must be declared without dashes")
    precondition(
      !name.contains(where: { $0 == "=" || $0.isWhitespace }),
      "ArgumentParsing: \(kind) '\(name)' contains '=' or whitespace")
  }

  static func checkShort(_ short: Character?, kind: String, long: String) {
    guard let short else { return }
    precondition(
      short != "-" && short != "=" && !short.isWhitespace && !short.isNumber,
      "ArgumentParsing: \(kind) '\(long)' has an unusable short name; "
        + "digits are kept for negative numbers")
  }
}
