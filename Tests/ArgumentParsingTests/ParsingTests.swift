import ArgumentParsing
import Testing

@Suite("Parsing accepted command lines")
struct ParsingTests {
  @Test(
    "The window value is read in every accepted spelling",
    arguments: [
      ["events", "--window", "48", "a.json"],
      ["events", "--window=48", "a.json"],
      ["events", "-w", "48", "a.json"],
      ["events", "-w48", "a.json"],
      ["events", "-qsw", "48", "a.json"],
      ["events", "a.json", "--window", "48"],
      ["events", "--window", "12", "--window", "48", "a.json"],
    ])
  func windowSpellings(arguments: [String]) throws {
    let parsed = try Sample.run(arguments)
    #expect(try parsed.int("window") == 48)
    #expect(parsed.isPresent("window"))
    #expect(parsed.positionals == ["a.json"])
  }

  @Test("Defaults apply when options are absent")
  func defaults() throws {
    let parsed = try Sample.run(["events", "a.json"])
    #expect(try parsed.int("window") == 24)
    #expect(parsed.string("format") == "text")
    #expect(try parsed.double("threshold") == 3.5)
    #expect(parsed.string("since") == nil)
    #expect(parsed.strings("bucket").isEmpty)
    #expect(!parsed.isPresent("window"))
    #expect(!parsed.flag("quiet"))
    #expect(parsed.flagCount("verbose") == 0)
  }

  @Test(
    "Repeated options collect every value in order",
    arguments: [
      ["events", "--bucket", "a", "-b", "b", "--bucket=c", "f"],
      ["events", "-ba", "f", "--bucket", "b", "-bc"],
    ])
  func repeated(arguments: [String]) throws {
    let parsed = try Sample.run(arguments)
    #expect(parsed.strings("bucket") == ["a", "b", "c"])
    #expect(parsed.string("bucket") == "c")
  }

  @Test(
    "Combined short flags set every flag",
    arguments: [
      ["events", "-qs", "f"],
      ["events", "-sq", "f"],
      ["events", "-q", "-s", "f"],
      ["events", "f", "-qs"],
    ])
  func combinedFlags(arguments: [String]) throws {
    let parsed = try Sample.run(arguments)
    #expect(parsed.flag("quiet"))
    #expect(parsed.flag("summary"))
    #expect(!parsed.flag("verbose"))
  }

  @Test("A repeated flag is counted")
  func flagCount() throws {
    let parsed = try Sample.run(["events", "-vvv", "--verbose", "f"])
    #expect(parsed.flagCount("verbose") == 4)
    #expect(parsed.flag("verbose"))
  }

  @Test(
    "Parent flags are accepted before and after the subcommand",
    arguments: [
      ["-v", "events", "f"],
      ["--verbose", "events", "f"],
      ["events", "-v", "f"],
      ["events", "f", "--verbose"],
      ["events", "-qv", "f"],
    ])
  func inheritedFlag(arguments: [String]) throws {
    let parsed = try Sample.run(arguments)
    #expect(parsed.flag("verbose"))
    #expect(parsed.commandPath == ["storagewatch", "events"])
    #expect(parsed.subcommandPath == ["events"])
    #expect(parsed.command == "events")
  }

  @Test(
    "Double dash ends option parsing",
    arguments: [
      (["events", "--", "--window", "-q"], ["--window", "-q"]),
      (["events", "a", "--", "-", "--"], ["a", "-", "--"]),
      (["events", "--", "--help"], ["--help"]),
      (["-v", "--", "events", "-x"], ["-x"]),
    ])
  func doubleDash(arguments: [String], expected: [String]) throws {
    let parsed = try Sample.run(arguments)
    #expect(parsed.positionals == expected)
    #expect(parsed.positionalValues("file") == expected)
    #expect(try parsed.int("window") == 24)
    #expect(!parsed.flag("quiet"))
  }

  @Test(
    "A single dash is an ordinary value",
    arguments: [
      (["events", "-"], "-", ["-"]),
      (["events", "-o", "-", "a"], "-", ["a"]),
      (["events", "--output", "-", "-"], "-", ["-"]),
      (["events", "--output=out.csv", "-"], "out.csv", ["-"]),
    ])
  func singleDash(
    arguments: [String], output: String, files: [String]
  ) throws {
    let parsed = try Sample.run(arguments)
    #expect(parsed.string("output") == output)
    #expect(parsed.positionals == files)
  }

  @Test(
    "Negative numbers are values, not options",
    arguments: [
      (["events", "--threshold", "-2.5", "f"], -2.5),
      (["events", "--threshold=-1", "f"], -1),
      (["events", "--threshold", "-0", "f"], 0),
    ] as [([String], Double)])
  func negativeNumbers(arguments: [String], expected: Double) throws {
    let parsed = try Sample.run(arguments)
    #expect(try parsed.double("threshold") == expected)
  }

  @Test("A negative number can be a positional")
  func negativePositional() throws {
    let parsed = try Sample.run(["scan", "-5"])
    #expect(parsed.positional("directory") == "-5")
  }

  @Test(
    "An inline value keeps everything after the first equals sign",
    arguments: [
      ("--since=a=b", "a=b"),
      ("--since=", ""),
      ("--since==", "="),
    ])
  func inlineValue(argument: String, expected: String) throws {
    let parsed = try Sample.run(["events", argument, "f"])
    #expect(parsed.string("since") == expected)
  }

  @Test(
    "Optional positionals may be left out",
    arguments: [
      (["scan"], nil),
      (["scan", "logs"], "logs"),
      (["-v", "scan", "-v", "logs"], "logs"),
    ] as [([String], String?)])
  func optionalPositional(arguments: [String], expected: String?) throws {
    let parsed = try Sample.run(arguments)
    #expect(parsed.positional("directory") == expected)
    #expect(parsed.subcommandPath == ["scan"])
  }

  @Test("Repeating positionals collect values around options")
  func repeatingPositional() throws {
    let parsed = try Sample.run(["events", "a", "-q", "b", "-w", "1", "c"])
    #expect(parsed.positionalValues("file") == ["a", "b", "c"])
    #expect(parsed.positional("file") == "a")
  }

  @Test("A root command without subcommands runs itself")
  func rootOnly() throws {
    let tool = ArgumentParser(
      CommandSpec(
        name: "tool", abstract: "A tool.",
        options: [OptionSpec("name", help: "A name.")],
        positionals: [PositionalSpec("input", help: "Input.")]))
    let outcome = try tool.parse(["--name", "x", "in"])
    guard case .run(let parsed) = outcome else {
      Issue.record("expected a run outcome, got \(outcome)")
      return
    }
    #expect(parsed.subcommandPath.isEmpty)
    #expect(parsed.command == "tool")
    #expect(parsed.string("name") == "x")
    #expect(parsed.positional("input") == "in")
  }
}
