/// Renders usage lines and help text for a command.
enum HelpFormatter {
  static let width = 80
  static let labelIndent = 2
  static let helpColumn = 26

  /// The usage line, without a prefix, fitted to one line when possible.
  ///
  /// Options and flags are listed one by one; when that does not fit in
  /// 80 columns after `USAGE: `, they collapse into `[<options>]`.
  static func usage(for context: CommandContext) -> String {
    let command = context.path.joined(separator: " ")
    var tail: [String] = context.spec.positionals.map(\.usageToken)
    if !context.spec.subcommands.isEmpty { tail.append("<subcommand>") }
    var optionTokens = context.allOptions.map { option in
      option.isRepeatable ? "[\(option.display) ...]" : "[\(option.display)]"
    }
    optionTokens += context.allFlags.map { "[--\($0.long)]" }
    let full = ([command] + optionTokens + tail).joined(separator: " ")
    if "USAGE: ".count + full.count <= width || optionTokens.isEmpty {
      return full
    }
    return ([command, "[<options>]"] + tail).joined(separator: " ")
  }

  /// The complete help text, without a trailing newline.
  static func help(for context: CommandContext) -> String {
    let spec = context.spec
    var lines: [String] = []
    if !spec.abstract.isEmpty {
      lines += hanging("OVERVIEW: ", spec.abstract)
      lines.append("")
    }
    if !spec.discussion.isEmpty {
      lines += TextWrapping.paragraphs(spec.discussion, width: width)
      lines.append("")
    }
    lines += hanging("USAGE: ", usage(for: context))
    if !spec.positionals.isEmpty {
      lines += ["", "ARGUMENTS:"]
      for positional in spec.positionals {
        lines += entry(positional.display, positional.help)
      }
    }
    lines += ["", "OPTIONS:"]
    for option in context.allOptions {
      lines += entry(label(for: option), text(for: option))
    }
    for flag in context.allFlags {
      lines += entry(label(long: flag.long, short: flag.short), flag.help)
    }
    if context.answersVersion {
      lines += entry("--version", "Show the version.")
    }
    lines += entry("-h, --help", "Show help information.")
    if !spec.subcommands.isEmpty {
      lines += ["", "SUBCOMMANDS:"]
      for subcommand in spec.subcommands {
        lines += entry(subcommand.name, subcommand.abstract)
      }
      let command = context.path.joined(separator: " ")
      lines += [
        "", "  See '\(command) help <subcommand>' for detailed help.",
      ]
    }
    return lines.joined(separator: "\n")
  }

  private static func label(long: String, short: Character?) -> String {
    guard let short else { return "--\(long)" }
    return "-\(short), --\(long)"
  }

  private static func label(for option: OptionSpec) -> String {
    let base = label(long: option.long, short: option.short)
    let value = "\(base) <\(option.valueName)>"
    return option.isRepeatable ? value + " ..." : value
  }

  private static func text(for option: OptionSpec) -> String {
    var notes: [String] = []
    if !option.allowedValues.isEmpty {
      notes.append("values: " + option.allowedValues.joined(separator: ", "))
    }
    if let defaultValue = option.defaultValue {
      notes.append("default: \(defaultValue)")
    }
    if notes.isEmpty { return option.help }
    let suffix = "(" + notes.joined(separator: "; ") + ")"
    return option.help.isEmpty ? suffix : option.help + " " + suffix
  }

  /// A label in the left column and wrapped help text in the right one.
  ///
  /// A label too wide for its column gets a line of its own.
  private static func entry(_ label: String, _ help: String) -> [String] {
    let indent = String(repeating: " ", count: labelIndent)
    let pad = String(repeating: " ", count: helpColumn)
    let wrapped = TextWrapping.wrap(help, width: width - helpColumn)
    var lines: [String] = []
    var rest = wrapped[...]
    let labelLine = indent + label
    if labelLine.count + 2 <= helpColumn, let first = rest.first {
      let gap = String(repeating: " ", count: helpColumn - labelLine.count)
      lines.append(labelLine + gap + first)
      rest = rest.dropFirst()
    } else {
      lines.append(labelLine)
    }
    lines += rest.map { pad + $0 }
    return lines
  }

  /// A heading followed by text wrapped with a hanging indent.
  private static func hanging(_ heading: String, _ text: String) -> [String] {
    let wrapped = TextWrapping.wrap(text, width: width - heading.count)
    let pad = String(repeating: " ", count: heading.count)
    return wrapped.enumerated().map { index, line in
      (index == 0 ? heading : pad) + line
    }
  }
}
