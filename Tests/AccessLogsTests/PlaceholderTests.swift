import Testing
@testable import AccessLogs
@Suite struct PlaceholderAccessLogsTests { @Test func builds() { #expect(Bool(true)) } }
