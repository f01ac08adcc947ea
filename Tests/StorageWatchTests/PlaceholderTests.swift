import Testing

@testable import StorageWatch

@Suite struct PlaceholderStorageWatchTests {
  @Test func builds() { #expect(Bool(true)) }
}
