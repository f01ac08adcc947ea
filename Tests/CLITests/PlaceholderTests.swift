import Testing
@Suite struct PlaceholderCLITests { @Test func builds() { #expect(Bool(true)) } }
