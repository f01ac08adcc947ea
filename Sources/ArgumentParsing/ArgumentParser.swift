/// Parses command lines against a tree of `CommandSpec` declarations.
///
/// The parser never prints or exits. It returns a `ParseOutcome` for the
/// caller to act on, or throws a `UsageError` whose `description` is ready
/// to print to standard error.
///
///     let parser = ArgumentParser(root)
///     switch try parser.parse(Array(CommandLine.arguments.dropFirst())) {
///     case .help(let text), .version(let text): print(text)
///     case .run(let arguments): try run(arguments)
///     }
public struct ArgumentParser: Sendable {
  /// The root command.
  public let root: CommandSpec

  /// Creates a parser for a command tree.
  ///
  /// - Parameter root: The root command; its name is the program name
  ///   shown in usage and help.
  public init(_ root: CommandSpec) {
    self.root = root
  }

  /// Parses a command line.
  ///
  /// Accepted forms: `--name value`, `--name=value`, `-n value`,
  /// `-nvalue`, combined short flags such as `-qv`, `--` to end options,
  /// `-` and negative numbers as plain values, and subcommand names.
  /// `--help` or `-h` anywhere before `--` returns that command's help;
  /// `help <subcommand>` returns the subcommand's help; `--version` at the
  /// root returns the version.
  ///
  /// - Parameter arguments: The arguments without the program name.
  /// - Returns: What the caller should do next.
  /// - Throws: `UsageError` for unknown options (with a suggestion when a
  ///   declared name is close), missing or invalid values, missing
  ///   positionals, extra arguments and unknown or missing subcommands.
  /// - Complexity: O(*n*) in the number of arguments, plus suggestion
  ///   searches on failure.
  public func parse(_ arguments: [String]) throws(UsageError) -> ParseOutcome {
    var parser = CommandLineParser(
      arguments: arguments, context: CommandContext(root: root))
    return try parser.run()
  }

  /// The help text of a command, as `--help` would return it.
  ///
  /// - Parameter subcommandPath: Subcommand names below the root; empty
  ///   for the root. An unknown name is a programmer error and traps.
  /// - Returns: The help text without a trailing newline.
  public func helpText(for subcommandPath: [String] = []) -> String {
    HelpFormatter.help(for: context(for: subcommandPath))
  }

  /// The one-line usage of a command, without a prefix.
  ///
  /// - Parameter subcommandPath: Subcommand names below the root; empty
  ///   for the root. An unknown name is a programmer error and traps.
  /// - Returns: The usage line.
  public func usage(for subcommandPath: [String] = []) -> String {
    HelpFormatter.usage(for: context(for: subcommandPath))
  }

  private func context(for subcommandPath: [String]) -> CommandContext {
    var context = CommandContext(root: root)
    for name in subcommandPath {
      guard let subcommand = context.spec.subcommand(named: name) else {
        preconditionFailure(
          "ArgumentParsing: '\(context.spec.name)' has no subcommand "
            + "'\(name)'")
      }
      context = context.child(subcommand)
    }
    return context
  }
}
