import AnomalyModels
import Foundation
import Testing

// The code of Docs/StorageWatch.docc/AnomalyModels-Example.md between the
// markers (the same tokens; swift-format wraps lines differently), then
// checks of what it claims, then a check that the two copies agree.
@Suite("Documentation example")
struct ExampleTests {
  @Test func exampleRunsAndScores() throws {
    // --- begin Docs/StorageWatch.docc/AnomalyModels-Example.md ---
    // 1. Seasonal baseline of hourly counts, by Berlin wall-clock hour.
    let berlin = TimeZone(identifier: "Europe/Berlin")!
    var baseline = SeasonalBaseline(configuration: .init(timeZone: berlin))
    let start = Date(timeIntervalSince1970: 1_717_200_000)  // 2024-06-01
    for hour in 0..<(6 * 7 * 24) {  // six weeks, every hour (zeros count too)
      let date = start.addingTimeInterval(Double(hour) * 3600)
      baseline.observe(count: Double(5 + hour % 3), hourStarting: date)
    }
    let now = start.addingTimeInterval(6 * 7 * 24 * 3600)
    let quiet = baseline.tailScore(observed: 7, at: now)!  // surprise ≈ 0
    let burst = baseline.tailScore(observed: 40, at: now)!  // −log10 p ≫ 1

    // 2. Robust location/covariance of feature vectors, 5% planted outliers.
    var generator = SeededGenerator(seed: 1)
    let rows = (0..<500).map { i in
      (0..<3).map { _ in generator.nextNormal() + (i % 20 == 0 ? 9 : 0) }
    }
    let fit = try MinimumCovarianceDeterminant(seed: 1).fit(DataMatrix(rows))
    let point = [4.0, -3.0, 0.5]
    let d2 = fit.model.squaredDistance(point)  // Mahalanobis d²
    let p = fit.model.distance.pValue(squaredDistance: d2)  // χ²₃ tail
    let parts = fit.model.distance.attribution(point)  // sums to d²
    print(
      quiet.surprise, burst.surprise, d2, p, parts, fit.model.isOutlier(point))
    // --- end Docs/StorageWatch.docc/AnomalyModels-Example.md ---

    #expect(quiet.surprise < 1)
    #expect(burst.surprise > 10)
    #expect(d2 > fit.model.cutoff && p < 0.001)
    #expect(abs(parts.reduce(0, +) - d2) < 1e-9 * d2)
    #expect(fit.model.isOutlier(point))
    #expect(fit.model.location.allSatisfy { abs($0) < 0.3 })
  }

  /// The Swift code block of the article, without its imports, and the
  /// test's code between the markers, each with white space removed.
  static func copies() throws -> (article: String, test: String) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let article = try String(
      contentsOf: root.appendingPathComponent(
        "Docs/StorageWatch.docc/AnomalyModels-Example.md"),
      encoding: .utf8)
    let test = try String(
      contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
    func between(_ text: String, _ start: String, _ end: String) -> String {
      guard let from = text.range(of: start),
        let to = text.range(of: end, range: from.upperBound..<text.endIndex)
      else { return "" }
      return String(text[from.upperBound..<to.lowerBound])
    }
    func squeezed(_ code: String) -> String {
      code.split(separator: "\n").filter { !$0.hasPrefix("import ") }
        .joined().filter { !$0.isWhitespace }
    }
    return (
      squeezed(between(article, "```swift\n", "```")),
      squeezed(between(test, "// --- begin " + "Docs/", "// --- end "))
        .replacingOccurrences(
          of: "StorageWatch.docc/AnomalyModels-Example.md---", with: "")
    )
  }

  @Test func articleShowsTheCodeThatRuns() throws {
    let (article, test) = try Self.copies()
    #expect(!article.isEmpty)
    #expect(article == test)
  }
}
