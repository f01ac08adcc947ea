import ArgumentParsing
import Foundation

/// The `storagewatch` command line: parses arguments, runs a subcommand
/// and turns its outcome into an exit status.
///
/// Exit statuses: 0 on success, 1 when the command failed (unreadable
/// input in `--strict` mode, nothing readable at all, an output that could
/// not be written), 64 for usage errors. Results go to standard output,
/// diagnostics to standard error.
public enum CLI {
  /// The version printed by `storagewatch --version`.
  public static let version = "0.1.0"

  /// Every subcommand, in the order `--help` lists them.
  static var commands: [any CLICommand.Type] {
    [
      EventsCommand.self, DetectCommand.self, SimulateCommand.self,
      DemoCommand.self, CalibrateCommand.self, TuneCommand.self,
      ExplainCommand.self, FeaturesCommand.self,
    ]
  }

  /// The root command's declaration.
  static var rootSpec: CommandSpec {
    CommandSpec(
      name: "storagewatch",
      abstract: "Find abnormal access to cloud object storage in its logs.",
      discussion: """
        Reads AWS CloudTrail S3 data events, S3 server access logs, Google \
        Cloud Storage audit logs and Azure Blob Storage logs, learns how \
        each principal normally uses storage, and reports what departs \
        from it.
        """,
      version: version,
      flags: [
        FlagSpec("quiet", short: "q", help: "Print errors only."),
        FlagSpec(
          "verbose", short: "v",
          help: "Print details and progress on standard error."),
      ],
      subcommands: commands.map { $0.spec })
  }

  /// Runs the command line and exits with its status.
  ///
  /// - Parameter arguments: The arguments after the program name.
  public static func main(
    _ arguments: [String] = Array(CommandLine.arguments.dropFirst())
  ) -> Never {
    exit(run(arguments))
  }

  /// Runs the command line and returns its exit status.
  ///
  /// - Parameter arguments: The arguments after the program name.
  /// - Returns: 0, 1 or 64 as described on ``CLI``.
  public static func run(_ arguments: [String]) -> Int32 {
    let parser = ArgumentParser(rootSpec)
    let parsed: ParsedArguments
    do {
      switch try parser.parse(arguments) {
      case .help(let text), .version(let text):
        print(text)
        return ExitCode.success
      case .run(let arguments):
        parsed = arguments
      }
    } catch {
      FileHandle.standardError.write(Data((error.description + "\n").utf8))
      return ExitCode.usage
    }

    let verbosity: Console.Verbosity =
      parsed.flag("quiet")
      ? .quiet : parsed.flag("verbose") ? .verbose : .normal
    let console = Console(verbosity: verbosity)
    guard
      let command = commands.first(where: {
        $0.spec.name == parsed.subcommandPath.first
      })
    else {
      console.error("no such command: \(parsed.commandPath)")
      return ExitCode.usage
    }
    do {
      return try command.run(parsed, console: console)
    } catch let error as UsageError {
      FileHandle.standardError.write(Data((error.description + "\n").utf8))
      return ExitCode.usage
    } catch {
      console.error("\(error)")
      return ExitCode.failure
    }
  }
}

/// A subcommand of `storagewatch`.
protocol CLICommand {
  /// The subcommand's declaration: name, help, options.
  static var spec: CommandSpec { get }

  /// Runs the subcommand.
  ///
  /// - Parameters:
  ///   - arguments: The parsed arguments.
  ///   - console: Where to write results and diagnostics.
  /// - Returns: The exit status.
  /// - Throws: `UsageError` for invalid option values (exit 64); any other
  ///   error is reported and gives exit status 1.
  static func run(_ arguments: ParsedArguments, console: Console) throws
    -> Int32
}
