/// Declares a Boolean flag such as `--quiet` or `-q`.
///
/// A flag takes no value. Giving it more than once counts the occurrences
/// (see `ParsedArguments.flagCount(_:)`), so `-vvv` can mean "very verbose".
/// Writing `--quiet=yes` is a usage error.
public struct FlagSpec: Equatable, Sendable {
  /// The long name without dashes, for example `"quiet"`.
  public let long: String

  /// The optional one-character short name, for example `"q"`.
  public let short: Character?

  /// One sentence shown in the help text.
  public let help: String

  /// Creates a flag declaration.
  ///
  /// Malformed names (empty, starting with `-`, containing `=` or
  /// whitespace) are programmer errors and trap.
  ///
  /// - Parameters:
  ///   - long: The long name without the leading `--`.
  ///   - short: An optional short name used as `-x`.
  ///   - help: Help text shown in the `OPTIONS:` section.
  public init(_ long: String, short: Character? = nil, help: String) {
    NameRules.checkLong(long, kind: "flag")
    NameRules.checkShort(short, kind: "flag", long: long)
    self.long = long
    self.short = short
    self.help = help
  }
}
