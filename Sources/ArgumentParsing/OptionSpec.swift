/// Declares an option that takes a value, such as `--bucket logs`.
///
/// The value may be written as `--bucket logs`, `--bucket=logs`,
/// `-b logs` or `-blogs`. A value that itself looks like an option (starts
/// with `-`, other than `-` alone or a negative number) is not consumed, so
/// `--bucket --quiet` reports a missing value instead of swallowing the flag.
public struct OptionSpec: Equatable, Sendable {
  /// The long name without dashes, for example `"bucket"`.
  public let long: String

  /// The optional one-character short name, for example `"b"`.
  public let short: Character?

  /// The placeholder shown in help, for example `"bucket"` in `<bucket>`.
  public let valueName: String

  /// One sentence shown in the help text.
  public let help: String

  /// The value used when the option is absent; also shown in help as
  /// `(default: ...)`.
  public let defaultValue: String?

  /// Whether the option may be given several times to collect a list.
  ///
  /// A non-repeatable option given twice keeps the last value.
  public let isRepeatable: Bool

  /// The only accepted values, or empty to accept anything.
  ///
  /// Other values are rejected while parsing with a `UsageError` that
  /// lists these values.
  public let allowedValues: [String]

  /// Creates an option declaration.
  ///
  /// Malformed names, or a default value outside `allowedValues`, are
  /// programmer errors and trap.
  ///
  /// - Parameters:
  ///   - long: The long name without the leading `--`.
  ///   - short: An optional short name used as `-x value`.
  ///   - valueName: The placeholder in help; defaults to `long`.
  ///   - help: Help text shown in the `OPTIONS:` section.
  ///   - defaultValue: The value used when the option is absent.
  ///   - isRepeatable: Whether repeated occurrences are collected.
  ///   - allowedValues: The accepted values for an enum-like option.
  public init(
    _ long: String,
    short: Character? = nil,
    valueName: String? = nil,
    help: String,
    defaultValue: String? = nil,
    isRepeatable: Bool = false,
    allowedValues: [String] = []
  ) {
    NameRules.checkLong(long, kind: "option")
    NameRules.checkShort(short, kind: "option", long: long)
    if let defaultValue, !allowedValues.isEmpty {
      precondition(
        allowedValues.contains(defaultValue),
        "ArgumentParsing: default '\(defaultValue)' of option '\(long)' "
          + "is not one of its allowed values")
    }
    self.long = long
    self.short = short
    self.valueName = valueName ?? long
    self.help = help
    self.defaultValue = defaultValue
    self.isRepeatable = isRepeatable
    self.allowedValues = allowedValues
  }

  /// The option as shown in messages, for example `--bucket <bucket>`.
  var display: String { "--\(long) <\(valueName)>" }
}
