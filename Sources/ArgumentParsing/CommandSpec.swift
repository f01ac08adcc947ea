/// Declares a command: its options, flags, positionals and subcommands.
///
/// A command either takes positionals or dispatches to subcommands, not
/// both. Options and flags of a command are also accepted after any of its
/// subcommands, so `tool --verbose events` and `tool events --verbose` mean
/// the same. Every command answers `--help` and `-h`; a command with
/// subcommands also answers `help <subcommand>`; the root answers
/// `--version` when `version` is set.
public struct CommandSpec: Equatable, Sendable {
  /// The command name as typed, for example `"events"`.
  public let name: String

  /// One line describing the command, shown in help and subcommand lists.
  public let abstract: String

  /// Longer free text shown after the abstract in help; may be empty.
  public let discussion: String

  /// The version printed for `--version`; only used on the root command.
  public let version: String?

  /// The options, in the order shown in help.
  public let options: [OptionSpec]

  /// The flags, in the order shown in help.
  public let flags: [FlagSpec]

  /// The positionals, in the order they are filled.
  public let positionals: [PositionalSpec]

  /// The subcommands, in the order shown in help.
  public let subcommands: [CommandSpec]

  /// Creates a command declaration and checks it for mistakes.
  ///
  /// Declaration mistakes trap with a message: duplicate long or short
  /// names (including `help`, `h` and, with a version, `version`), a name
  /// reused by a subcommand's options, duplicate subcommands, positionals
  /// mixed with subcommands, or positionals in an order that cannot be
  /// filled unambiguously.
  ///
  /// - Parameters:
  ///   - name: The command name as typed.
  ///   - abstract: One line shown in help.
  ///   - discussion: Optional longer text shown in help.
  ///   - version: The version printed for `--version` at the root.
  ///   - options: Options taking a value.
  ///   - flags: Boolean flags.
  ///   - positionals: Positional arguments.
  ///   - subcommands: Subcommands dispatched by name.
  /// - Complexity: O(*n*) in the total number of declarations in the tree.
  public init(
    name: String,
    abstract: String,
    discussion: String = "",
    version: String? = nil,
    options: [OptionSpec] = [],
    flags: [FlagSpec] = [],
    positionals: [PositionalSpec] = [],
    subcommands: [CommandSpec] = []
  ) {
    precondition(
      !name.isEmpty && !name.hasPrefix("-")
        && !name.contains(where: \.isWhitespace),
      "ArgumentParsing: command name '\(name)' is not usable")
    self.name = name
    self.abstract = abstract
    self.discussion = discussion
    self.version = version
    self.options = options
    self.flags = flags
    self.positionals = positionals
    self.subcommands = subcommands
    checkDeclarations()
  }

  /// Long names this command itself reserves for the library.
  var reservedLongNames: Set<String> {
    var names = NameRules.reservedLong
    if version != nil { names.insert("version") }
    return names
  }

  /// The long names of this command's options and flags.
  var declaredLongNames: [String] {
    options.map(\.long) + flags.map(\.long)
  }

  /// The short names of this command's options and flags.
  var declaredShortNames: [Character] {
    options.compactMap(\.short) + flags.compactMap(\.short)
  }

  /// Finds a subcommand by its exact name.
  func subcommand(named name: String) -> CommandSpec? {
    subcommands.first { $0.name == name }
  }

  private func checkDeclarations() {
    var longs = reservedLongNames
    for long in declaredLongNames {
      precondition(
        longs.insert(long).inserted,
        "ArgumentParsing: '--\(long)' is declared twice or reserved "
          + "in command '\(name)'")
    }
    var shorts = NameRules.reservedShort
    for short in declaredShortNames {
      precondition(
        shorts.insert(short).inserted,
        "ArgumentParsing: '-\(short)' is declared twice or reserved "
          + "in command '\(name)'")
    }
    var positionalNames = Set<String>()
    for positional in positionals {
      precondition(
        positionalNames.insert(positional.name).inserted,
        "ArgumentParsing: positional '\(positional.name)' is declared twice "
          + "in command '\(name)'")
    }
    checkPositionalOrder()
    precondition(
      subcommands.isEmpty || positionals.isEmpty,
      "ArgumentParsing: command '\(name)' has both positionals and "
        + "subcommands")
    var subcommandNames: Set<String> = ["help"]
    for subcommand in subcommands {
      precondition(
        subcommandNames.insert(subcommand.name).inserted,
        "ArgumentParsing: subcommand '\(subcommand.name)' is declared twice "
          + "or reserved in command '\(name)'")
      subcommand.checkNoClash(
        longs: Set(declaredLongNames),
        shorts: Set(declaredShortNames), inheritedFrom: name)
    }
  }

  private func checkPositionalOrder() {
    var seenOptional = false
    for (index, positional) in positionals.enumerated() {
      precondition(
        !positional.isRepeating || index == positionals.count - 1,
        "ArgumentParsing: repeating positional '\(positional.name)' "
          + "must be the last one in command '\(name)'")
      precondition(
        positional.isOptional || !seenOptional,
        "ArgumentParsing: required positional '\(positional.name)' follows "
          + "an optional one in command '\(name)'")
      seenOptional = seenOptional || positional.isOptional
    }
  }

  private func checkNoClash(
    longs: Set<String>, shorts: Set<Character>, inheritedFrom parent: String
  ) {
    for long in declaredLongNames {
      precondition(
        !longs.contains(long),
        "ArgumentParsing: '--\(long)' in '\(name)' is already declared by "
          + "'\(parent)'")
    }
    for short in declaredShortNames {
      precondition(
        !shorts.contains(short),
        "ArgumentParsing: '-\(short)' in '\(name)' is already declared by "
          + "'\(parent)'")
    }
    for subcommand in subcommands {
      subcommand.checkNoClash(
        longs: longs, shorts: shorts, inheritedFrom: parent)
    }
  }
}
