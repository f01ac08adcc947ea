/// A command together with where it sits in the tree.
///
/// Options and flags of ancestors are inherited, so they are accepted and
/// documented here too.
struct CommandContext: Sendable {
  let spec: CommandSpec
  let path: [String]
  let inheritedOptions: [OptionSpec]
  let inheritedFlags: [FlagSpec]

  init(root: CommandSpec) {
    self.spec = root
    self.path = [root.name]
    self.inheritedOptions = []
    self.inheritedFlags = []
  }

  private init(
    spec: CommandSpec, path: [String], options: [OptionSpec],
    flags: [FlagSpec]
  ) {
    self.spec = spec
    self.path = path
    self.inheritedOptions = options
    self.inheritedFlags = flags
  }

  var isRoot: Bool { path.count == 1 }

  /// Every option accepted here: own ones first, then inherited ones.
  var allOptions: [OptionSpec] { spec.options + inheritedOptions }

  /// Every flag accepted here: own ones first, then inherited ones.
  var allFlags: [FlagSpec] { spec.flags + inheritedFlags }

  /// Whether `--version` is answered here.
  var answersVersion: Bool { isRoot && spec.version != nil }

  func child(_ subcommand: CommandSpec) -> CommandContext {
    CommandContext(
      spec: subcommand, path: path + [subcommand.name], options: allOptions,
      flags: allFlags)
  }

  func option(long: String) -> OptionSpec? {
    allOptions.first { $0.long == long }
  }

  func option(short: Character) -> OptionSpec? {
    allOptions.first { $0.short == short }
  }

  func flag(long: String) -> FlagSpec? {
    allFlags.first { $0.long == long }
  }

  func flag(short: Character) -> FlagSpec? {
    allFlags.first { $0.short == short }
  }

  /// Every long name accepted here, for suggestions.
  var acceptedLongNames: [String] {
    var names = allOptions.map(\.long) + allFlags.map(\.long) + ["help"]
    if answersVersion { names.append("version") }
    return names
  }

  var usage: String { HelpFormatter.usage(for: self) }

  func error(_ reason: UsageError.Reason) -> UsageError {
    UsageError(reason, commandPath: path, usage: usage)
  }
}
