/// Greedy word wrapping for help text.
enum TextWrapping {
  /// Splits `text` into lines of at most `width` characters.
  ///
  /// Words are separated by runs of spaces or newlines; a word longer than
  /// `width` gets a line of its own rather than being broken.
  ///
  /// - Complexity: O(*n*) in the length of `text`.
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
      if line.isEmpty {
        line = String(word)
      } else if line.count + 1 + word.count <= width {
        line += " " + word
      } else {
        lines.append(line)
        line = String(word)
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  /// Wraps each blank-line separated paragraph of `text` on its own.
  static func paragraphs(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    let paragraphs = text.split(
      separator: "\n\n", omittingEmptySubsequences: true)
    for (index, paragraph) in paragraphs.enumerated() {
      if index > 0 { lines.append("") }
      lines += wrap(String(paragraph), width: width)
    }
    return lines
  }
}
