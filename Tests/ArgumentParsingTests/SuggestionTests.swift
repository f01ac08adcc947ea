import Testing

@testable import ArgumentParsing

@Suite("Suggestions for mistyped names")
struct SuggestionTests {
  @Test(
    "Edit distance counts insertions, deletions, substitutions and swaps",
    arguments: [
      ("", "", 0),
      ("", "abc", 3),
      ("abc", "", 3),
      ("bucket", "bucket", 0),
      ("bukcet", "bucket", 1),
      ("buckt", "bucket", 1),
      ("buckets", "bucket", 1),
      ("bocket", "bucket", 1),
      ("kitten", "sitting", 3),
      ("ca", "abc", 3),
    ])
  func distance(lhs: String, rhs: String, expected: Int) {
    #expect(Suggestion.editDistance(lhs, rhs) == expected)
    #expect(Suggestion.editDistance(rhs, lhs) == expected)
  }

  static let candidates = ["bucket", "window", "format", "help", "output"]

  @Test(
    "Only close enough candidates are suggested",
    arguments: [
      ("bukcet", "bucket"),
      ("windw", "window"),
      ("fromat", "format"),
      ("hepl", "help"),
      ("outptu", "output"),
      ("x", nil),
      ("zzz", nil),
      ("bucket", nil),
      ("verbose", nil),
      ("formation", "format"),
      ("formatting", nil),
    ] as [(String, String?)])
  func suggestion(input: String, expected: String?) {
    #expect(Suggestion.closest(to: input, in: Self.candidates) == expected)
  }

  @Test("Ties go to the candidate declared first")
  func ties() {
    #expect(Suggestion.closest(to: "cat", in: ["bat", "hat"]) == "bat")
    #expect(Suggestion.closest(to: "cat", in: ["hat", "bat"]) == "hat")
  }

  @Test(
    "Text wraps greedily at word boundaries",
    arguments: [
      ("", 10, []),
      ("one two three", 7, ["one two", "three"]),
      ("one  two\nthree", 80, ["one two three"]),
      ("unbreakableword x", 5, ["unbreakableword", "x"]),
    ])
  func wrap(text: String, width: Int, expected: [String]) {
    #expect(TextWrapping.wrap(text, width: width) == expected)
  }
}
