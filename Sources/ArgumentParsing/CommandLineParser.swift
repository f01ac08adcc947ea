/// The state of one parse: a cursor over the arguments and the values
/// collected so far for the current command.
struct CommandLineParser {
  private let arguments: [String]
  private var index = 0
  private var context: CommandContext
  private var optionValues: [String: [String]] = [:]
  private var flagCounts: [String: Int] = [:]
  private var positionals: [String] = []
  private var optionsEnded = false

  init(arguments: [String], context: CommandContext) {
    self.arguments = arguments
    self.context = context
  }

  /// Whether `argument` would be read as an option rather than a value.
  static func looksLikeOption(_ argument: String) -> Bool {
    argument.hasPrefix("-") && argument != "-" && Double(argument) == nil
  }

  /// Parses every argument; a request for help later on the line wins
  /// over a mistake found earlier, so `tool events --bukcet --help` shows
  /// the help of `events`.
  mutating func run() throws(UsageError) -> ParseOutcome {
    do {
      return try parseAll()
    } catch {
      let rest = arguments[index...].prefix { $0 != "--" }
      if !optionsEnded, rest.contains(where: { $0 == "--help" || $0 == "-h" }) {
        return .help(HelpFormatter.help(for: context))
      }
      throw error
    }
  }

  private mutating func parseAll() throws(UsageError) -> ParseOutcome {
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || !Self.looksLikeOption(argument) {
        if let outcome = try positional(argument) { return outcome }
      } else if argument == "--" {
        optionsEnded = true
      } else if argument.hasPrefix("--") {
        if let outcome = try long(argument.dropFirst(2)) { return outcome }
      } else if let outcome = try shortCluster(argument) {
        return outcome
      }
    }
    return try finish()
  }

  // MARK: - Options

  private mutating func long(
    _ body: Substring
  ) throws(UsageError) -> ParseOutcome? {
    let parts = body.split(
      separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
    let name = String(parts[0])
    let inline = parts.count > 1 ? String(parts[1]) : nil
    if let option = context.option(long: name) {
      let value = try takeValue(for: option, inline: inline)
      try record(value, for: option)
      return nil
    }
    let isHelp = name == "help"
    let isVersion = name == "version" && context.answersVersion
    if context.flag(long: name) != nil || isHelp || isVersion {
      if let inline {
        throw context.error(.unexpectedValue(flag: "--\(name)", value: inline))
      }
      if isHelp { return .help(HelpFormatter.help(for: context)) }
      if isVersion { return .version(context.spec.version ?? "") }
      flagCounts[name, default: 0] += 1
      return nil
    }
    let suggestion = Suggestion.closest(
      to: name, in: context.acceptedLongNames)
    throw context.error(
      .unknownOption("--\(name)", suggestion: suggestion.map { "--\($0)" }))
  }

  private mutating func shortCluster(
    _ argument: String
  ) throws(UsageError) -> ParseOutcome? {
    let letters = Array(argument.dropFirst())
    for (offset, letter) in letters.enumerated() {
      if let option = context.option(short: letter) {
        let rest = String(letters[(offset + 1)...])
        let value = try takeValue(
          for: option, inline: rest.isEmpty ? nil : rest)
        try record(value, for: option)
        return nil
      }
      if letter == "h" { return .help(HelpFormatter.help(for: context)) }
      if let flag = context.flag(short: letter) {
        flagCounts[flag.long, default: 0] += 1
        continue
      }
      var suggestion: String?
      if offset == 0 {
        let guess = Suggestion.closest(
          to: String(letters), in: context.acceptedLongNames)
        let exact = context.acceptedLongNames.contains(String(letters))
        suggestion = (exact ? String(letters) : guess).map { "--\($0)" }
      }
      throw context.error(
        .unknownOption(
          offset == 0 ? argument : "-\(letter)", suggestion: suggestion))
    }
    return nil
  }

  private mutating func takeValue(
    for option: OptionSpec, inline: String?
  ) throws(UsageError) -> String {
    if let inline { return inline }
    guard index < arguments.count, !Self.looksLikeOption(arguments[index])
    else {
      throw context.error(.missingValue(option: option.display))
    }
    index += 1
    return arguments[index - 1]
  }

  private mutating func record(
    _ value: String, for option: OptionSpec
  ) throws(UsageError) {
    if !option.allowedValues.isEmpty,
      !option.allowedValues.contains(value)
    {
      throw context.error(
        .invalidValue(
          argument: option.display, value: value, reason: nil,
          allowed: option.allowedValues))
    }
    optionValues[option.long, default: []].append(value)
  }

  // MARK: - Positionals and subcommands

  private mutating func positional(
    _ argument: String
  ) throws(UsageError) -> ParseOutcome? {
    let spec = context.spec
    guard !spec.subcommands.isEmpty else {
      positionals.append(argument)
      return nil
    }
    if argument == "help" {
      return .help(try helpTarget())
    }
    guard let subcommand = spec.subcommand(named: argument) else {
      let suggestion = Suggestion.closest(
        to: argument, in: spec.subcommands.map(\.name) + ["help"])
      throw context.error(
        .unknownSubcommand(argument, suggestion: suggestion))
    }
    context = context.child(subcommand)
    return nil
  }

  /// Resolves `help a b` to the help text of subcommand `a b`.
  private mutating func helpTarget() throws(UsageError) -> String {
    var target = context
    while index < arguments.count {
      let name = arguments[index]
      index += 1
      if name == "--help" || name == "-h" { continue }
      guard let subcommand = target.spec.subcommand(named: name) else {
        let candidates = target.spec.subcommands.map(\.name)
        throw target.error(
          .unknownSubcommand(
            name, suggestion: Suggestion.closest(to: name, in: candidates)))
      }
      target = target.child(subcommand)
    }
    return HelpFormatter.help(for: target)
  }

  private func finish() throws(UsageError) -> ParseOutcome {
    let spec = context.spec
    if !spec.subcommands.isEmpty {
      throw context.error(
        .missingSubcommand(available: spec.subcommands.map(\.name)))
    }
    var remaining = positionals[...]
    var assigned: [String: [String]] = [:]
    for positional in spec.positionals {
      if positional.isRepeating {
        assigned[positional.name] = Array(remaining)
        remaining = []
      } else if let value = remaining.first {
        assigned[positional.name] = [value]
        remaining = remaining.dropFirst()
      }
      if !positional.isOptional, (assigned[positional.name] ?? []).isEmpty {
        throw context.error(.missingPositional(positional.display))
      }
    }
    if let extra = remaining.first {
      throw context.error(.unexpectedArgument(extra))
    }
    return .run(
      ParsedArguments(
        context: context, optionValues: optionValues,
        flagCounts: flagCounts, positionals: positionals,
        positionalValues: assigned))
  }
}
