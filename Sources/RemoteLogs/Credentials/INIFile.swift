import Foundation

/// The sections and `key = value` pairs of an AWS-style INI file
/// (`~/.aws/credentials`, `~/.aws/config`).
///
/// Lines starting with `#` or `;` are comments; indented lines continue a
/// nested setting and are ignored; keys are lower-cased; values are
/// trimmed. Malformed lines are ignored, as the AWS CLI does.
struct INIFile: Sendable {
  /// Settings by section name (the text between the brackets, trimmed).
  var sections: [String: [String: String]] = [:]

  /// Parses INI text.
  ///
  /// - Parameter text: The file's contents.
  init(_ text: String) {
    var current: String?
    for rawLine in text.split(whereSeparator: \.isNewline) {
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") {
        continue
      }
      if line.hasPrefix("[") && line.hasSuffix("]") {
        let name = line.dropFirst().dropLast()
          .trimmingCharacters(in: .whitespaces)
        current = name
        if sections[name] == nil { sections[name] = [:] }
        continue
      }
      guard let section = current, rawLine.first?.isWhitespace != true,
        let equals = line.firstIndex(of: "=")
      else { continue }
      let key = line[..<equals].trimmingCharacters(in: .whitespaces)
        .lowercased()
      let value = line[line.index(after: equals)...]
        .trimmingCharacters(in: .whitespaces)
      sections[section]?[key] = value
    }
  }

  /// Reads and parses a file.
  ///
  /// - Parameter path: The file.
  /// - Returns: The parsed file, or nil when it does not exist or is
  ///   unreadable.
  static func load(_ path: String) -> INIFile? {
    guard let data = FileManager.default.contents(atPath: path) else {
      return nil
    }
    return INIFile(String(decoding: data, as: UTF8.self))
  }
}
