import Testing

@testable import AnomalyModels

@Suite struct PlaceholderAnomalyModelsTests {
  @Test func builds() { #expect(Bool(true)) }
}
