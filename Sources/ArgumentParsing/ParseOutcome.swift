/// What a successful parse asks the caller to do.
public enum ParseOutcome: Equatable, Sendable {
  /// Run the selected command with these arguments.
  case run(ParsedArguments)

  /// Print this help text to standard output and exit with success.
  case help(String)

  /// Print this version to standard output and exit with success.
  case version(String)
}
