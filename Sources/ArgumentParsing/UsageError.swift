/// A mistake in the command line, with everything needed to report it.
///
/// `description` renders the full report:
///
///     Error: Unknown option '--bukcet'. Did you mean '--bucket'?
///     Usage: storagewatch events [--bucket <bucket>] <file>
///     See 'storagewatch events --help' for more information.
///
/// Callers print it to standard error and exit with `UsageError.exitCode`.
public struct UsageError: Error, Equatable, Sendable,
  CustomStringConvertible
{
  /// What was wrong with the command line.
  public enum Reason: Equatable, Sendable {
    /// An option or flag that the command does not declare, with the
    /// closest declared name when one is near enough.
    case unknownOption(String, suggestion: String?)

    /// An option given without its value, shown like `--bucket <bucket>`.
    case missingValue(option: String)

    /// A flag given a value, as in `--quiet=yes`.
    case unexpectedValue(flag: String, value: String)

    /// A required positional that was not given, shown like `<file>`.
    case missingPositional(String)

    /// A value that was rejected, with the reason or the allowed values.
    case invalidValue(
      argument: String, value: String, reason: String?, allowed: [String])

    /// An argument left over after every positional was filled.
    case unexpectedArgument(String)

    /// A subcommand name that does not exist, with the closest one when
    /// it is near enough.
    case unknownSubcommand(String, suggestion: String?)

    /// A command that needs a subcommand was given none.
    case missingSubcommand(available: [String])
  }

  /// The exit status for usage errors: 64, `EX_USAGE`.
  public static let exitCode: Int32 = ExitCode.usage

  /// What was wrong.
  public let reason: Reason

  /// The command names from the root, for example
  /// `["storagewatch", "events"]`.
  public let commandPath: [String]

  /// The one-line usage of the command, without the `Usage:` prefix.
  public let usage: String

  /// Creates a usage error.
  ///
  /// - Parameters:
  ///   - reason: What was wrong.
  ///   - commandPath: The command names from the root.
  ///   - usage: The usage line of the command, without a prefix.
  public init(_ reason: Reason, commandPath: [String], usage: String) {
    self.reason = reason
    self.commandPath = commandPath
    self.usage = usage
  }

  /// The one-sentence explanation, without the `Error: ` prefix.
  public var message: String {
    switch reason {
    case .unknownOption(let name, let suggestion):
      return "Unknown option '\(name)'." + Self.hint(suggestion)
    case .missingValue(let option):
      return "Missing value for option '\(option)'."
    case .unexpectedValue(let flag, let value):
      return "Flag '\(flag)' takes no value, but '\(value)' was given."
    case .missingPositional(let name):
      return "Missing required argument '\(name)'."
    case .invalidValue(let argument, let value, let reason, let allowed):
      var text = "Invalid value '\(value)' for '\(argument)'"
      if let reason { text += ": \(reason)" }
      text += "."
      if !allowed.isEmpty {
        let list = allowed.map { "'\($0)'" }.joined(separator: ", ")
        text += " Expected one of: \(list)."
      }
      return text
    case .unexpectedArgument(let argument):
      return "Unexpected argument '\(argument)'."
    case .unknownSubcommand(let name, let suggestion):
      return "Unknown subcommand '\(name)'." + Self.hint(suggestion)
    case .missingSubcommand(let available):
      let list = available.map { "'\($0)'" }.joined(separator: ", ")
      return "Missing subcommand. Expected one of: \(list)."
    }
  }

  /// The full three-line report: error, usage and where to find help.
  public var description: String {
    let command = commandPath.joined(separator: " ")
    return """
      Error: \(message)
      Usage: \(usage)
      See '\(command) --help' for more information.
      """
  }

  private static func hint(_ suggestion: String?) -> String {
    guard let suggestion else { return "" }
    return " Did you mean '\(suggestion)'?"
  }
}
