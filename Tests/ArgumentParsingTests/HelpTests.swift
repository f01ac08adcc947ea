import ArgumentParsing
import Testing

@Suite("Help and version")
struct HelpTests {
  static let rootHelp = """
    OVERVIEW: Watch object storage access logs for anomalies.

    USAGE: storagewatch [--verbose] <subcommand>

    OPTIONS:
      -v, --verbose           Print progress and details.
      --version               Show the version.
      -h, --help              Show help information.

    SUBCOMMANDS:
      events                  Detect unusual access in storage event logs.
      scan                    Scan a directory of access logs.

      See 'storagewatch help <subcommand>' for detailed help.
    """

  static let eventsHelp = """
    OVERVIEW: Detect unusual access in storage event logs.

    Reads CloudTrail-style JSON events and reports buckets whose access pattern
    departs from their own history.

    USAGE: storagewatch events [<options>] <file> ...

    ARGUMENTS:
      <file>                  Event log files to read; '-' reads standard input.

    OPTIONS:
      -b, --bucket <bucket> ...
                              Only inspect this bucket.
      -w, --window <hours>    Baseline window in hours. (default: 24)
      -f, --format <format>   Output format. (values: text, json, csv; default:
                              text)
      --threshold <threshold>
                              Anomaly score above which an event is reported.
                              (default: 3.5)
      --since <date>          Ignore events before this date (YYYY-MM-DD).
      -o, --output <path>     Where to write results; '-' means standard output.
                              (default: -)
      -q, --quiet             Only print errors.
      -s, --summary           Print one line per bucket.
      -v, --verbose           Print progress and details.
      -h, --help              Show help information.
    """

  static let scanHelp = """
    OVERVIEW: Scan a directory of access logs.

    USAGE: storagewatch scan [--verbose] [<directory>]

    ARGUMENTS:
      <directory>             Directory to scan; defaults to the current one.

    OPTIONS:
      -v, --verbose           Print progress and details.
      -h, --help              Show help information.
    """

  @Test(
    "Every way of asking for root help gives the same text",
    arguments: [
      ["--help"], ["-h"], ["help"], ["-v", "--help"], ["evnts", "--help"],
      ["help", "-h"],
    ])
  func rootHelp(arguments: [String]) throws {
    #expect(try Sample.parser.parse(arguments) == .help(Self.rootHelp))
  }

  @Test(
    "Every way of asking for subcommand help gives the same text",
    arguments: [
      ["events", "--help"],
      ["events", "-h"],
      ["help", "events"],
      ["-v", "events", "--help"],
      ["events", "a.json", "-qh"],
      ["events", "--window", "3", "-h", "--bogus"],
      ["events", "--bukcet", "x", "--help"],
      ["events", "--window", "-h"],
      ["events", "--format", "xml", "-h"],
      ["help", "events", "--help"],
    ])
  func eventsHelp(arguments: [String]) throws {
    #expect(try Sample.parser.parse(arguments) == .help(Self.eventsHelp))
  }

  @Test("Help for a command with an optional positional")
  func scanHelp() throws {
    #expect(try Sample.parser.parse(["help", "scan"]) == .help(Self.scanHelp))
    #expect(Sample.parser.helpText(for: ["scan"]) == Self.scanHelp)
  }

  @Test("Help text is available without parsing")
  func helpTextAPI() {
    #expect(Sample.parser.helpText() == Self.rootHelp)
    #expect(Sample.parser.helpText(for: ["events"]) == Self.eventsHelp)
  }

  @Test(
    "Usage lines list options unless too long",
    arguments: [
      ([], "storagewatch [--verbose] <subcommand>"),
      (["events"], "storagewatch events [<options>] <file> ..."),
      (["scan"], "storagewatch scan [--verbose] [<directory>]"),
    ])
  func usageLines(path: [String], expected: String) {
    #expect(Sample.parser.usage(for: path) == expected)
  }

  @Test("The root answers --version")
  func version() throws {
    #expect(try Sample.parser.parse(["--version"]) == .version("1.2.0"))
    #expect(try Sample.parser.parse(["-v", "--version"]) == .version("1.2.0"))
  }

  @Test("Every help line fits in 80 columns")
  func width() {
    for path in [[], ["events"], ["scan"]] {
      for line in Sample.parser.helpText(for: path).split(separator: "\n") {
        #expect(line.count <= 80, "too wide: \(line)")
        #expect(line.last != " ", "trailing space: \(line)")
      }
    }
  }

  @Test("Long text wraps, a wide label gets its own line")
  func wrapping() {
    let tool = ArgumentParser(
      CommandSpec(
        name: "tool",
        abstract: String(repeating: "word ", count: 20),
        discussion: "First paragraph.\n\nSecond paragraph.",
        options: [
          OptionSpec(
            "a-rather-long-option-name", valueName: "value",
            help: String(repeating: "more ", count: 15),
            isRepeatable: true)
        ]))
    func words(_ word: String, _ count: Int) -> String {
      Array(repeating: word, count: count).joined(separator: " ")
    }
    let column = String(repeating: " ", count: 26)
    let expected = [
      "OVERVIEW: " + words("word", 14),
      "          " + words("word", 6),
      "",
      "First paragraph.",
      "",
      "Second paragraph.",
      "",
      "USAGE: tool [--a-rather-long-option-name <value> ...]",
      "",
      "OPTIONS:",
      "  --a-rather-long-option-name <value> ...",
      column + words("more", 11),
      column + words("more", 4),
      "  -h, --help              Show help information.",
    ]
    #expect(
      tool.helpText().split(separator: "\n", omittingEmptySubsequences: false)
        .map(String.init) == expected)
    #expect(expected[0].count == 79 && expected[11].count == 80)
  }

  @Test("A usage line that would overflow collapses its options")
  func collapsedUsage() {
    let options = (1...8).map { OptionSpec("option\($0)", help: "An option.") }
    let tool = ArgumentParser(
      CommandSpec(
        name: "tool", abstract: "A tool.", options: options,
        positionals: [PositionalSpec("input", help: "Input.")]))
    #expect(tool.usage() == "tool [<options>] <input>")
  }
}
