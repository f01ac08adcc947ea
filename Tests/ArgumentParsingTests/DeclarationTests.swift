import ArgumentParsing
import Testing

/// Mistakes in declarations are programmer errors: they must stop the
/// process rather than surface as usage errors.
@Suite("Declaration mistakes trap")
struct DeclarationTests {
  @Test("Duplicate long names trap")
  func duplicateLong() async {
    await #expect(processExitsWith: .failure) {
      _ = CommandSpec(
        name: "tool", abstract: "",
        options: [OptionSpec("name", help: "")],
        flags: [FlagSpec("name", help: "")])
    }
  }

  @Test("Duplicate short names trap")
  func duplicateShort() async {
    await #expect(processExitsWith: .failure) {
      _ = CommandSpec(
        name: "tool", abstract: "",
        flags: [
          FlagSpec("a", short: "x", help: ""),
          FlagSpec("b", short: "x", help: ""),
        ])
    }
  }

  @Test("Reserved help names trap")
  func reservedHelp() async {
    await #expect(processExitsWith: .failure) {
      _ = CommandSpec(
        name: "tool", abstract: "", flags: [FlagSpec("help", help: "")])
    }
    await #expect(processExitsWith: .failure) {
      _ = CommandSpec(
        name: "tool", abstract: "",
        flags: [FlagSpec("hidden", short: "h", help: "")])
    }
  }

  @Test("A subcommand reusing a parent's option name traps")
  func inheritedClash() async {
    await #expect(processExitsWith: .failure) {
      let child = CommandSpec(
        name: "child", abstract: "", flags: [FlagSpec("verbose", help: "")])
      _ = CommandSpec(
        name: "tool", abstract: "", flags: [FlagSpec("verbose", help: "")],
        subcommands: [child])
    }
  }

  @Test("Duplicate subcommands trap")
  func duplicateSubcommand() async {
    await #expect(processExitsWith: .failure) {
      let child = CommandSpec(name: "child", abstract: "")
      _ = CommandSpec(name: "tool", abstract: "", subcommands: [child, child])
    }
  }

  @Test("A repeating positional that is not last traps")
  func repeatingNotLast() async {
    await #expect(processExitsWith: .failure) {
      _ = CommandSpec(
        name: "tool", abstract: "",
        positionals: [
          PositionalSpec("a", help: "", isRepeating: true),
          PositionalSpec("b", help: ""),
        ])
    }
  }

  @Test("A required positional after an optional one traps")
  func requiredAfterOptional() async {
    await #expect(processExitsWith: .failure) {
      _ = CommandSpec(
        name: "tool", abstract: "",
        positionals: [
          PositionalSpec("a", help: "", isOptional: true),
          PositionalSpec("b", help: ""),
        ])
    }
  }

  @Test("Positionals beside subcommands trap")
  func positionalsAndSubcommands() async {
    await #expect(processExitsWith: .failure) {
      _ = CommandSpec(
        name: "tool", abstract: "",
        positionals: [PositionalSpec("a", help: "")],
        subcommands: [CommandSpec(name: "child", abstract: "")])
    }
  }

  @Test("A default outside the allowed values traps")
  func defaultNotAllowed() async {
    await #expect(processExitsWith: .failure) {
      _ = OptionSpec(
        "format", help: "", defaultValue: "xml", allowedValues: ["json"])
    }
  }

  @Test("Names with dashes or spaces trap")
  func badNames() async {
    await #expect(processExitsWith: .failure) {
      _ = OptionSpec("--name", help: "")
    }
    await #expect(processExitsWith: .failure) {
      _ = FlagSpec("two words", help: "")
    }
    await #expect(processExitsWith: .failure) {
      _ = FlagSpec("digit", short: "1", help: "")
    }
  }

  @Test("Looking up an undeclared name traps")
  func undeclaredLookup() async {
    await #expect(processExitsWith: .failure) {
      let parsed = try Sample.run(["events", "f"])
      _ = parsed.string("nope")
    }
  }

  @Test("Declaring a version reserves --version at the root only")
  func versionReserved() async {
    await #expect(processExitsWith: .failure) {
      _ = CommandSpec(
        name: "tool", abstract: "", version: "1",
        flags: [FlagSpec("version", help: "")])
    }
    let child = CommandSpec(
      name: "child", abstract: "", flags: [FlagSpec("version", help: "")])
    let root = CommandSpec(
      name: "tool", abstract: "", version: "1", subcommands: [child])
    let outcome = try? ArgumentParser(root).parse(["child", "--version"])
    guard case .run(let parsed) = outcome else {
      Issue.record("expected the child's own --version flag")
      return
    }
    #expect(parsed.flag("version"))
  }
}
