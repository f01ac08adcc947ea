import Testing
@testable import ArgumentParsing
@Suite struct PlaceholderArgumentParsingTests { @Test func builds() { #expect(Bool(true)) } }
