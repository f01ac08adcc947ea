/// Declares a positional argument, such as the input file of a command.
///
/// Positionals are filled in declaration order: required ones first, then
/// optional ones, then at most one repeating positional, which must be the
/// last. The single dash `-` is an ordinary value, conventionally meaning
/// standard input.
public struct PositionalSpec: Equatable, Sendable {
  /// The name shown in help as `<name>` and used for lookups.
  public let name: String

  /// One sentence shown in the help text.
  public let help: String

  /// Whether the positional may be left out.
  public let isOptional: Bool

  /// Whether the positional collects all remaining values.
  public let isRepeating: Bool

  /// Creates a positional declaration.
  ///
  /// An empty name or one with whitespace is a programmer error and traps.
  ///
  /// - Parameters:
  ///   - name: The name shown as `<name>` in help.
  ///   - help: Help text shown in the `ARGUMENTS:` section.
  ///   - isOptional: Whether the argument may be absent. A repeating
  ///     optional positional accepts zero values.
  ///   - isRepeating: Whether it collects every remaining value.
  public init(
    _ name: String,
    help: String,
    isOptional: Bool = false,
    isRepeating: Bool = false
  ) {
    precondition(
      !name.isEmpty && !name.contains(where: \.isWhitespace),
      "ArgumentParsing: positional name '\(name)' is empty or has spaces")
    self.name = name
    self.help = help
    self.isOptional = isOptional
    self.isRepeating = isRepeating
  }

  /// The positional as shown in messages, for example `<file>`.
  var display: String { "<\(name)>" }

  /// The positional as shown in a usage line.
  var usageToken: String {
    let base = isRepeating ? "\(display) ..." : display
    return isOptional ? "[\(base)]" : base
  }
}
