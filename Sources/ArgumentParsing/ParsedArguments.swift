/// The values of a successfully parsed command line.
///
/// Look values up by the long name of the option or flag, or by the name
/// of the positional. Asking for a name the command does not declare is a
/// programmer error and traps. Conversions report bad values as a
/// `UsageError` that names the option and the value.
public struct ParsedArguments: Equatable, Sendable {
  /// The command names from the root, for example
  /// `["storagewatch", "events"]`.
  public let commandPath: [String]

  /// Every positional value, in the order given.
  public let positionals: [String]

  /// The one-line usage of the selected command, for error reports.
  public let usage: String

  let optionSpecs: [String: OptionSpec]
  let flagNames: Set<String>
  let positionalNames: Set<String>
  let optionValues: [String: [String]]
  let flagCounts: [String: Int]
  let positionalValues: [String: [String]]

  init(
    context: CommandContext,
    optionValues: [String: [String]],
    flagCounts: [String: Int],
    positionals: [String],
    positionalValues: [String: [String]]
  ) {
    self.commandPath = context.path
    self.usage = context.usage
    self.optionSpecs = Dictionary(
      uniqueKeysWithValues: context.allOptions.map { ($0.long, $0) })
    self.flagNames = Set(context.allFlags.map(\.long))
    self.positionalNames = Set(context.spec.positionals.map(\.name))
    self.optionValues = optionValues
    self.flagCounts = flagCounts
    self.positionals = positionals
    self.positionalValues = positionalValues
  }

  /// The name of the selected command, the last element of `commandPath`.
  public var command: String { commandPath[commandPath.count - 1] }

  /// The subcommand names below the root, for example `["events"]`.
  ///
  /// Switch over this to dispatch; it is empty when the root itself runs.
  public var subcommandPath: [String] { Array(commandPath.dropFirst()) }

  /// Whether the option was given on the command line.
  ///
  /// - Parameter name: The long name of a declared option.
  /// - Returns: `true` when given at least once, ignoring defaults.
  public func isPresent(_ name: String) -> Bool {
    _ = spec(name)
    return !(optionValues[name] ?? []).isEmpty
  }

  /// The value of an option: the last one given, else its default.
  ///
  /// - Parameter name: The long name of a declared option.
  /// - Returns: The value, or `nil` when absent without a default.
  public func string(_ name: String) -> String? {
    strings(name).last
  }

  /// Every value given for a repeatable option, in order.
  ///
  /// - Parameter name: The long name of a declared option.
  /// - Returns: The values given, or the default alone when none were
  ///   given, or an empty array.
  public func strings(_ name: String) -> [String] {
    let option = spec(name)
    let given = optionValues[name] ?? []
    if given.isEmpty, let defaultValue = option.defaultValue {
      return [defaultValue]
    }
    return given
  }

  /// The value of an option as a whole number.
  ///
  /// - Parameter name: The long name of a declared option.
  /// - Returns: The number, or `nil` when absent without a default.
  /// - Throws: `UsageError` with reason `.invalidValue` when the value is
  ///   not a decimal integer that fits in `Int`.
  public func int(_ name: String) throws(UsageError) -> Int? {
    try value(name) { text in
      guard let number = Int(text) else {
        throw ValidationError("expected an integer")
      }
      return number
    }
  }

  /// The value of an option as a finite floating-point number.
  ///
  /// - Parameter name: The long name of a declared option.
  /// - Returns: The number, or `nil` when absent without a default.
  /// - Throws: `UsageError` with reason `.invalidValue` when the value is
  ///   not a finite decimal number.
  public func double(_ name: String) throws(UsageError) -> Double? {
    try value(name) { text in
      guard let number = Double(text), number.isFinite else {
        throw ValidationError("expected a number")
      }
      return number
    }
  }

  /// Converts the value of an option with a closure.
  ///
  /// - Parameters:
  ///   - name: The long name of a declared option.
  ///   - transform: Converts the text; throws, ideally a
  ///     `ValidationError`, to reject it.
  /// - Returns: The converted value, or `nil` when absent without a
  ///   default.
  /// - Throws: `UsageError` with reason `.invalidValue` naming the option
  ///   and the value, with the thrown error as the reason.
  public func value<T>(
    _ name: String, as transform: (String) throws -> T
  ) throws(UsageError) -> T? {
    guard let text = string(name) else { return nil }
    return try convert(text, argument: spec(name).display, transform)
  }

  /// Converts every value of a repeatable option with a closure.
  ///
  /// - Parameters:
  ///   - name: The long name of a declared option.
  ///   - transform: Converts one value; throws to reject it.
  /// - Returns: The converted values, in order.
  /// - Throws: `UsageError` for the first value the closure rejects.
  /// - Complexity: O(*n*) conversions for *n* values.
  public func values<T>(
    _ name: String, as transform: (String) throws -> T
  ) throws(UsageError) -> [T] {
    let argument = spec(name).display
    var result: [T] = []
    for text in strings(name) {
      result.append(try convert(text, argument: argument, transform))
    }
    return result
  }

  /// Whether a flag was given.
  ///
  /// - Parameter name: The long name of a declared flag.
  /// - Returns: `true` when given at least once.
  public func flag(_ name: String) -> Bool {
    flagCount(name) > 0
  }

  /// How many times a flag was given, so `-vvv` counts three.
  ///
  /// - Parameter name: The long name of a declared flag.
  /// - Returns: The number of occurrences, zero when absent.
  public func flagCount(_ name: String) -> Int {
    precondition(
      flagNames.contains(name),
      "ArgumentParsing: '\(command)' declares no flag '\(name)'")
    return flagCounts[name] ?? 0
  }

  /// The value of a single positional.
  ///
  /// - Parameter name: The name of a declared positional.
  /// - Returns: The value, or `nil` when an optional one was left out.
  ///   For a repeating positional, the first value.
  public func positional(_ name: String) -> String? {
    positionalValues(name).first
  }

  /// Every value of a positional; a repeating one may hold several.
  ///
  /// - Parameter name: The name of a declared positional.
  /// - Returns: The values in order, empty when left out.
  public func positionalValues(_ name: String) -> [String] {
    precondition(
      positionalNames.contains(name),
      "ArgumentParsing: '\(command)' declares no positional '\(name)'")
    return positionalValues[name] ?? []
  }

  /// Converts the value of a positional with a closure.
  ///
  /// - Parameters:
  ///   - name: The name of a declared positional.
  ///   - transform: Converts the text; throws to reject it.
  /// - Returns: The converted value, or `nil` when left out.
  /// - Throws: `UsageError` with reason `.invalidValue` naming the
  ///   positional and the value.
  public func positional<T>(
    _ name: String, as transform: (String) throws -> T
  ) throws(UsageError) -> T? {
    guard let text = positional(name) else { return nil }
    return try convert(text, argument: "<\(name)>", transform)
  }

  private func spec(_ name: String) -> OptionSpec {
    guard let option = optionSpecs[name] else {
      preconditionFailure(
        "ArgumentParsing: '\(command)' declares no option '\(name)'")
    }
    return option
  }

  private func convert<T>(
    _ text: String, argument: String, _ transform: (String) throws -> T
  ) throws(UsageError) -> T {
    do {
      return try transform(text)
    } catch {
      let reason =
        (error as? ValidationError)?.message ?? String(describing: error)
      throw UsageError(
        .invalidValue(
          argument: argument, value: text, reason: reason, allowed: []),
        commandPath: commandPath, usage: usage)
    }
  }
}
