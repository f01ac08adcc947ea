import Foundation
import Testing

@testable import AccessLogs

#if canImport(Glibc)
  import Glibc
#endif

/// A scratch directory that removes itself.
final class ScratchDirectory {
  let path: String

  init() {
    var template = Array("/tmp/storagewatch-hostile-XXXXXX".utf8CString)
    path = template.withUnsafeMutableBufferPointer {
      String(cString: mkdtemp($0.baseAddress!)!)
    }
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Writes a file and returns its path.
  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) -> String {
    let file = path + "/" + name
    _ = FileManager.default.createFile(atPath: file, contents: Data(bytes))
    return file
  }

  func link(_ name: String, to target: String) {
    _ = symlink(target, path + "/" + name)
  }
}

/// gzip through the `gzip` tool (the tests do not link zlib themselves).
enum Gzip {
  /// The standard output of a shell command, through a file (Foundation's
  /// pipe reads trap when a signal interrupts them).
  static func output(_ script: String) -> [UInt8] {
    let scratch = ScratchDirectory()
    let out = scratch.path + "/out"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "(\(script)) > '\(out)'"]
    try! process.run()
    process.waitUntilExit()
    return [UInt8](FileManager.default.contents(atPath: out) ?? Data())
  }

  /// The bytes compressed by `gzip -c`.
  static func compress(_ bytes: [UInt8]) -> [UInt8] {
    let scratch = ScratchDirectory()
    let path = scratch.write("plain", bytes)
    return output("gzip -c '\(path)'")
  }

  /// A gzip file of `megabytes` MiB of zero bytes.
  static func zeros(megabytes: Int) -> [UInt8] {
    output("head -c \(megabytes << 20) /dev/zero | gzip -c")
  }
}

/// A CloudTrail JSON Lines record with chosen fields.
enum HostileRecord {
  static func cloudTrail(
    id: String, time: String = "\"2024-03-04T11:01:00Z\"",
    key: String = "\"k\"", bytes: String = "2048",
    agent: String = "\"ua\""
  ) -> [UInt8] {
    Array(
      ("{\"eventTime\":\(time),\"eventSource\":\"s3.amazonaws.com\","
        + "\"eventName\":\"GetObject\",\"userIdentity\":{\"type\":\"IAMUser\","
        + "\"arn\":\"arn:aws:iam::111122223333:user/carol\"},"
        + "\"sourceIPAddress\":\"192.0.2.45\",\"userAgent\":\(agent),"
        + "\"requestParameters\":{\"bucketName\":\"b\",\"key\":\(key)},"
        + "\"additionalEventData\":{\"bytesTransferredOut\":\(bytes)},"
        + "\"eventID\":\"\(id)\"}\n").utf8)
  }
}

@Suite("Hostile and broken inputs: counted, located, never fatal")
struct HostileInputTests {
  /// A whole file that cannot be read as logs.
  struct FileCase: CustomTestStringConvertible, Sendable {
    var name: String
    var reasons: [String]
    var make: @Sendable (ScratchDirectory) -> Void
    var testDescription: String { name }
  }

  static let delivery = [UInt8](
    FileManager.default.contents(
      atPath: TestData.fixture("cloudtrail/delivery.json.gz"))!)

  static let fileCases: [FileCase] = [
    FileCase(name: "truncated gzip", reasons: ["truncated-gzip"]) {
      // Cut inside the second member's trailer (the first ends at 210).
      $0.write("cut.json.gz", Array(delivery.prefix(delivery.count - 5)))
    },
    FileCase(name: "corrupt gzip", reasons: ["corrupt-gzip"]) {
      var bytes = delivery
      for i in 20..<40 { bytes[i] ^= 0xA5 }
      $0.write("bad.json.gz", bytes)
    },
    FileCase(name: "binary file", reasons: ["unrecognized-format"]) {
      var random = LineFuzzRandom(seed: 7)
      $0.write(
        "image.png",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
          + (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) })
    },
    FileCase(name: "file of another format", reasons: ["unrecognized-format"]) {
      $0.write("table.csv", Array("name,size\nreport.pdf,1024\n".utf8))
    },
    FileCase(name: "gzip of a binary file", reasons: ["unrecognized-format"]) {
      $0.write("blob.gz", Gzip.compress([UInt8](repeating: 0, count: 9000)))
    },
    FileCase(name: "dangling symbolic link", reasons: ["unreadable"]) {
      $0.link("gone.log", to: "does-not-exist.log")
    },
    FileCase(
      name: "symbolic link loop to a file",
      reasons: ["unreadable", "unreadable"]
    ) {
      $0.link("a.log", to: "b.log")
      $0.link("b.log", to: "a.log")
    },
    FileCase(
      name: "symbolic link loop to a directory", reasons: ["symlink-loop"]
    ) {
      mkdir($0.path + "/sub", 0o755)
      $0.link("sub/up", to: "..")
    },
  ]

  @Test(
    "A broken file is reported and the other files are still read",
    arguments: fileCases)
  func brokenFile(_ testCase: FileCase) throws {
    let scratch = ScratchDirectory()
    scratch.write(
      "good.jsonl",
      HostileRecord.cloudTrail(id: "g1")
        + HostileRecord.cloudTrail(id: "g2"))
    testCase.make(scratch)
    let (events, summary) = try TestData.read([scratch.path])
    #expect(events.count == 2)
    #expect(summary.fileErrors.map(\.reasonName) == testCase.reasons)
    let error = try #require(summary.fileErrors.first)
    #expect(error.path.hasPrefix(scratch.path + "/"))
    if testCase.reasons[0].hasSuffix("gzip") {
      #expect(error.offset != nil, "gzip errors give a byte offset")
    }
    #expect(error.description.hasPrefix(error.path + ": "))

    var strict = EventReaderOptions()
    strict.strict = true
    #expect(throws: ReadError.input(error)) {
      _ = try EventReader(options: strict).read([scratch.path]) { _ in }
    }
  }

  @Test("An empty file is read as zero records, not an error")
  func emptyFile() throws {
    let scratch = ScratchDirectory()
    let path = scratch.write("empty.log", [])
    let (events, summary) = try TestData.read([path])
    #expect(events.isEmpty && summary.fileErrors.isEmpty)
    #expect(summary.filesRead == 1 && summary.totalRecordsRead == 0)
  }

  @Test("A read error after opening names the file and the byte offset")
  func readErrorAfterOpen() throws {
    // /proc/self/mem opens for anyone, root included, and reading its
    // first page fails with EIO: an honest unreadable file.
    let (_, summary) = try TestData.read(["/proc/self/mem"])
    let error = try #require(summary.fileErrors.first)
    #expect(error.kind == .unreadable(errno: EIO))
    #expect(error.offset == 0)
    #expect(error.description.contains("/proc/self/mem: byte 0: cannot read"))
  }

  @Test("A file or directory without read permission is reported")
  func permissionDenied() throws {
    guard getuid() != 0 else {
      print(
        "NOTICE: running as root, which reads any file: the permission "
          + "case is covered by the CLI test that drops to nobody")
      return
    }
    let scratch = ScratchDirectory()
    let file = scratch.write("secret.log", HostileRecord.cloudTrail(id: "s"))
    chmod(file, 0)
    mkdir(scratch.path + "/closed", 0)
    let (_, summary) = try TestData.read([scratch.path])
    #expect(
      summary.fileErrors.map(\.kind) == [
        .unreadable(errno: EACCES), .unreadable(errno: EACCES),
      ])
  }

  /// One damaged record among good ones.
  struct RecordCase: CustomTestStringConvertible, Sendable {
    var name: String
    var record: [UInt8]
    var reason: SkipReason
    var detail: String
    var testDescription: String { name }
  }

  /// A record whose `eventTime` is the given JSON text.
  static func timeCase(
    _ name: String, _ time: String, reason: SkipReason = .badTimestamp,
    detail: String
  ) -> RecordCase {
    RecordCase(
      name: name, record: HostileRecord.cloudTrail(id: "t", time: time),
      reason: reason, detail: detail)
  }

  static let recordCases: [RecordCase] = [
    RecordCase(
      name: "invalid JSON", record: Array("{\"eventTime\": tru}\n".utf8),
      reason: .malformedJSON, detail: "invalid literal at byte 14"),
    RecordCase(
      name: "NUL bytes outside strings", record: [0, 0, 0, 0x0A],
      reason: .malformedJSON, detail: "unexpected byte at byte 0 (0x0)"),
    RecordCase(
      name: "nesting 100,000 deep",
      record: Array("{\"a\":".utf8)
        + [UInt8](repeating: 0x5B, count: 100_000)
        + [UInt8](repeating: 0x5D, count: 100_000) + Array("}\n".utf8),
      reason: .malformedJSON, detail: "nesting deeper than the limit"),
    timeCase(
      "timestamp in another format", "\"04/03/2024 11:00\"",
      detail: "eventTime \"04/03/2024 11:00\""),
    timeCase("timestamp as a number", "1709550000", detail: "no eventTime"),
    timeCase(
      "year 9999", "\"9999-12-31T23:59:59Z\"",
      detail: "eventTime \"9999-12-31T23:59:59Z\""),
    timeCase("February 30th", "\"2024-02-30T11:00:00Z\"", detail: "2024-02-30"),
    timeCase(
      "a year after the latest allowed time",
      "\"2025-03-04T11:00:00Z\"", reason: .futureTimestamp,
      detail: "is after 2024-03-05T00:00:00Z"),
    timeCase(
      "a timestamp of 100 kB",
      "\"" + String(repeating: "9", count: 100_000) + "\"",
      detail: "eventTime \"999"),
    RecordCase(
      name: "a document cut off", record: Array("{\"Records\":[{\"a\":".utf8),
      reason: .truncated, detail: "input ends inside the record"),
  ]

  @Test(
    "A damaged record is counted with its line; the rest is read",
    arguments: recordCases)
  func damagedRecord(_ testCase: RecordCase) throws {
    let scratch = ScratchDirectory()
    let path = scratch.write(
      "mixed.jsonl",
      HostileRecord.cloudTrail(id: "a") + HostileRecord.cloudTrail(id: "b")
        + testCase.record)
    var options = EventReaderOptions()
    options.format = .cloudTrail
    options.latestTime = Timestamp.parseISO8601("2024-03-05T00:00:00Z")
    let (events, summary) = try TestData.read([path], options: options)
    #expect(events.count == 2)
    #expect(summary.skipped == [testCase.reason: 1])
    let example = try #require(summary.examples.first)
    #expect(example.location.path == path)
    #expect(example.location.line == 3)
    #expect(example.detail.contains(testCase.detail), "\(example.detail)")
    #expect(example.detail.utf8.count <= SkippedRecord.maximumDetailBytes + 3)

    options.strict = true
    #expect(throws: ReadError.record(example)) {
      _ = try EventReader(options: options).read([path]) { _ in }
    }
  }

  /// A record whose hostile content is kept, repaired where it must be.
  struct KeptCase: CustomTestStringConvertible, Sendable {
    var name: String
    var record: [UInt8]
    var check: @Sendable (AccessEvent) -> Bool
    var testDescription: String { name }
  }

  /// A record whose object key is the given raw bytes.
  static func withKey(_ bytes: [UInt8]) -> [UInt8] {
    let record = HostileRecord.cloudTrail(id: "x", key: "\"KEY\"")
    let marker = Array("KEY".utf8)
    let at = (0...(record.count - 3)).first {
      Array(record[$0..<$0 + 3]) == marker
    }!
    return Array(record[..<at]) + bytes + Array(record[(at + 3)...])
  }

  static let keptCases: [KeptCase] = [
    KeptCase(
      name: "invalid UTF-8 becomes U+FFFD",
      record: withKey([0xFF, 0xFE, 0xC3, 0x28, 0x61])
    ) { $0.objectKey == "\u{FFFD}\u{FFFD}\u{FFFD}(a" },
    KeptCase(
      name: "raw and escaped NUL bytes are kept",
      record: withKey([0x61, 0] + Array("\\u0000b".utf8))
    ) { $0.objectKey == "a\u{0}\u{0}b" },
    KeptCase(
      name: "lone surrogates become U+FFFD",
      record: withKey(Array("\\ud800x\\udc00".utf8))
    ) { $0.objectKey == "\u{FFFD}x\u{FFFD}" },
    KeptCase(
      name: "ANSI escapes are kept as data",
      record: HostileRecord.cloudTrail(
        id: "x", agent: "\"\\u001b[31mred\\u001b]0;title\\u0007\"")
    ) { $0.userAgent == "\u{1B}[31mred\u{1B}]0;title\u{7}" },
    KeptCase(
      name: "byte count beyond Int64",
      record: HostileRecord.cloudTrail(
        id: "x", bytes: "99999999999999999999999")
    ) { $0.bytesOut == nil },
    KeptCase(
      name: "byte count 1e400",
      record: HostileRecord.cloudTrail(id: "x", bytes: "1e400")
    ) { $0.bytesOut == nil },
    KeptCase(
      name: "byte count near Int64.max",
      record: HostileRecord.cloudTrail(id: "x", bytes: "9223372036854775807")
    ) { $0.bytesOut == .max },
  ]

  @Test(
    "Hostile field content is kept and its JSON line is valid",
    arguments: keptCases)
  func keptRecord(_ testCase: KeptCase) throws {
    let scratch = ScratchDirectory()
    let path = scratch.write("kept.jsonl", testCase.record)
    let (events, summary) = try TestData.read([path])
    #expect(summary.totalSkipped == 0)
    let event = try #require(events.first)
    #expect(testCase.check(event), "\(event)")
    let line = event.jsonLineBytes
    #expect(!line.contains { $0 < 0x20 })
    let parsed = try JSONSerialization.jsonObject(with: Data(line))
    #expect((parsed as? [String: Any])?["eventId"] as? String == "x")
  }

  @Test("A 32 MB line of a line format is skipped; the next line is read")
  func hugeLine() throws {
    // The JSON framing of a huge line is checked through the CLI, with
    // its peak memory; this is the line framing, written with stdio.
    let scratch = ScratchDirectory()
    let good = try String(
      contentsOfFile: TestData.fixture("s3-access/keys.log"), encoding: .utf8
    ).split(separator: "\n")[0]
    let path = scratch.path + "/huge.log"
    let file = try #require(fopen(path, "w"))
    var block = [UInt8](repeating: 0x78, count: 1 << 16)
    block[block.count - 1] = 0x20
    for _ in 0..<(32 << 4) { fwrite(block, 1, block.count, file) }
    fputs("\n" + good + "\n", file)
    fclose(file)
    var options = EventReaderOptions()
    options.format = .s3AccessLog
    options.maximumRecordBytes = 1 << 20
    let (events, summary) = try TestData.read([path], options: options)
    #expect(events.count == 1)
    #expect(summary.skipped == [.tooLarge: 1])
    #expect(summary.examples.first?.location.line == 1)
    #expect(summary.examples.first?.detail == "larger than 1048576 bytes")
  }

  @Test("A gzip bomb is read in bounded steps")
  func gzipBomb() throws {
    let scratch = ScratchDirectory()
    let path = scratch.write("bomb.log.gz", Gzip.zeros(megabytes: 80))
    let stream = try ByteStream(path: path)
    var chunk: [UInt8] = []
    var total = 0
    while try stream.read(into: &chunk) {
      #expect(chunk.count <= ByteStream.maximumInflatedChunk + (256 << 10))
      total += chunk.count
      chunk.removeAll(keepingCapacity: true)
    }
    #expect(total == 80 << 20)
    // Through the reader: not a log format, reported as such.
    let (_, summary) = try TestData.read([path])
    #expect(summary.fileErrors.map(\.reasonName) == ["unrecognized-format"])
  }
}
