import ArgumentParsing
import Testing

/// One command line that must fail, and the reason it must fail with.
struct FailingCase: Sendable, CustomTestStringConvertible {
  let arguments: [String]
  let reason: UsageError.Reason
  let message: String
  var path = ["storagewatch", "events"]

  var testDescription: String { arguments.joined(separator: " ") }
}

@Suite("Usage errors")
struct UsageErrorTests {
  static let cases: [FailingCase] = [
    FailingCase(
      arguments: ["events", "--bukcet", "x", "f"],
      reason: .unknownOption("--bukcet", suggestion: "--bucket"),
      message: "Unknown option '--bukcet'. Did you mean '--bucket'?"),
    FailingCase(
      arguments: ["events", "--formt=json", "f"],
      reason: .unknownOption("--formt", suggestion: "--format"),
      message: "Unknown option '--formt'. Did you mean '--format'?"),
    FailingCase(
      arguments: ["events", "--hlep"],
      reason: .unknownOption("--hlep", suggestion: "--help"),
      message: "Unknown option '--hlep'. Did you mean '--help'?"),
    FailingCase(
      arguments: ["--verbsoe", "events"],
      reason: .unknownOption("--verbsoe", suggestion: "--verbose"),
      message: "Unknown option '--verbsoe'. Did you mean '--verbose'?",
      path: ["storagewatch"]),
    FailingCase(
      arguments: ["--versoin"],
      reason: .unknownOption("--versoin", suggestion: "--version"),
      message: "Unknown option '--versoin'. Did you mean '--version'?",
      path: ["storagewatch"]),
    FailingCase(
      arguments: ["events", "--zzz", "f"],
      reason: .unknownOption("--zzz", suggestion: nil),
      message: "Unknown option '--zzz'."),
    FailingCase(
      arguments: ["events", "--version", "f"],
      reason: .unknownOption("--version", suggestion: nil),
      message: "Unknown option '--version'."),
    FailingCase(
      arguments: ["events", "-x", "f"],
      reason: .unknownOption("-x", suggestion: nil),
      message: "Unknown option '-x'."),
    FailingCase(
      arguments: ["events", "-qx", "f"],
      reason: .unknownOption("-x", suggestion: nil),
      message: "Unknown option '-x'."),
    FailingCase(
      arguments: ["events", "-threshold", "2", "f"],
      reason: .unknownOption("-threshold", suggestion: "--threshold"),
      message: "Unknown option '-threshold'. Did you mean '--threshold'?"),
    FailingCase(
      arguments: ["events", "-thresold", "2", "f"],
      reason: .unknownOption("-thresold", suggestion: "--threshold"),
      message: "Unknown option '-thresold'. Did you mean '--threshold'?"),
    FailingCase(
      arguments: ["events", "--window"],
      reason: .missingValue(option: "--window <hours>"),
      message: "Missing value for option '--window <hours>'."),
    FailingCase(
      arguments: ["events", "--window", "--quiet", "f"],
      reason: .missingValue(option: "--window <hours>"),
      message: "Missing value for option '--window <hours>'."),
    FailingCase(
      arguments: ["events", "-o"],
      reason: .missingValue(option: "--output <path>"),
      message: "Missing value for option '--output <path>'."),
    FailingCase(
      arguments: ["events", "-qo", "--", "f"],
      reason: .missingValue(option: "--output <path>"),
      message: "Missing value for option '--output <path>'."),
    FailingCase(
      arguments: ["events", "--quiet=yes", "f"],
      reason: .unexpectedValue(flag: "--quiet", value: "yes"),
      message: "Flag '--quiet' takes no value, but 'yes' was given."),
    FailingCase(
      arguments: ["events", "--help=please"],
      reason: .unexpectedValue(flag: "--help", value: "please"),
      message: "Flag '--help' takes no value, but 'please' was given."),
    FailingCase(
      arguments: ["events"],
      reason: .missingPositional("<file>"),
      message: "Missing required argument '<file>'."),
    FailingCase(
      arguments: ["-v", "events", "-q", "--window", "3"],
      reason: .missingPositional("<file>"),
      message: "Missing required argument '<file>'."),
    FailingCase(
      arguments: ["events", "--format", "xml", "f"],
      reason: .invalidValue(
        argument: "--format <format>", value: "xml", reason: nil,
        allowed: ["text", "json", "csv"]),
      message: "Invalid value 'xml' for '--format <format>'. "
        + "Expected one of: 'text', 'json', 'csv'."),
    FailingCase(
      arguments: ["events", "-fJSON", "f"],
      reason: .invalidValue(
        argument: "--format <format>", value: "JSON", reason: nil,
        allowed: ["text", "json", "csv"]),
      message: "Invalid value 'JSON' for '--format <format>'. "
        + "Expected one of: 'text', 'json', 'csv'."),
    FailingCase(
      arguments: ["scan", "a", "b"],
      reason: .unexpectedArgument("b"),
      message: "Unexpected argument 'b'.",
      path: ["storagewatch", "scan"]),
    FailingCase(
      arguments: ["evnets", "f"],
      reason: .unknownSubcommand("evnets", suggestion: "events"),
      message: "Unknown subcommand 'evnets'. Did you mean 'events'?",
      path: ["storagewatch"]),
    FailingCase(
      arguments: ["frobnicate"],
      reason: .unknownSubcommand("frobnicate", suggestion: nil),
      message: "Unknown subcommand 'frobnicate'.",
      path: ["storagewatch"]),
    FailingCase(
      arguments: ["help", "sacn"],
      reason: .unknownSubcommand("sacn", suggestion: "scan"),
      message: "Unknown subcommand 'sacn'. Did you mean 'scan'?",
      path: ["storagewatch"]),
    FailingCase(
      arguments: ["help", "events", "more"],
      reason: .unknownSubcommand("more", suggestion: nil),
      message: "Unknown subcommand 'more'."),
    FailingCase(
      arguments: [],
      reason: .missingSubcommand(available: ["events", "scan"]),
      message: "Missing subcommand. Expected one of: 'events', 'scan'.",
      path: ["storagewatch"]),
    FailingCase(
      arguments: ["-v"],
      reason: .missingSubcommand(available: ["events", "scan"]),
      message: "Missing subcommand. Expected one of: 'events', 'scan'.",
      path: ["storagewatch"]),
  ]

  @Test("Each malformed command line fails with its reason", arguments: cases)
  func failure(_ testCase: FailingCase) throws {
    let error = try #require(Sample.usageError(testCase.arguments))
    #expect(error.reason == testCase.reason)
    #expect(error.message == testCase.message)
    #expect(error.commandPath == testCase.path)
    let subcommands = Array(error.commandPath.dropFirst())
    #expect(error.usage == Sample.parser.usage(for: subcommands))
  }

  @Test("The full report has error, usage and help lines")
  func fullReport() throws {
    let error = try #require(Sample.usageError(["events", "--bukcet", "x"]))
    #expect(
      error.description == """
        Error: Unknown option '--bukcet'. Did you mean '--bucket'?
        Usage: storagewatch events [<options>] <file> ...
        See 'storagewatch events --help' for more information.
        """)
  }

  @Test("The root report points at the root help")
  func rootReport() throws {
    let error = try #require(Sample.usageError(["evnets"]))
    #expect(
      error.description == """
        Error: Unknown subcommand 'evnets'. Did you mean 'events'?
        Usage: storagewatch [--verbose] <subcommand>
        See 'storagewatch --help' for more information.
        """)
  }

  @Test("Usage errors exit with EX_USAGE")
  func exitCode() {
    #expect(UsageError.exitCode == 64)
    #expect(ExitCode.usage == 64)
    #expect(ExitCode.success == 0)
    #expect(ExitCode.failure == 1)
  }
}
