import Foundation
import Testing

@testable import AccessLogs

@Suite struct ByteInternerTests {
  @Test func internsOnceAndFindsAgain() {
    var table = ByteInterner(capacity: 4)
    var ids: [Int32] = []
    for i in 0..<10_000 { ids.append(table.intern("name-\(i % 5_000)")) }
    #expect(table.count == 5_000)
    for i in 0..<5_000 {
      #expect(ids[i] == ids[i + 5_000])
      #expect(table.string(ids[i]) == "name-\(i)")
    }
    let empty = table.intern("")
    #expect(table.intern("") == empty && table.length(empty) == 0)
    let appended = table.append("name-1")
    #expect(appended != ids[1] && table.string(appended) == "name-1")
    var text = "name-1"
    let found = text.withUTF8 { table.find(UnsafeRawBufferPointer($0)) }
    #expect(found == ids[1])
    table.removeAll()
    #expect(table.count == 0)
    let gone = text.withUTF8 { table.find(UnsafeRawBufferPointer($0)) }
    #expect(gone == nil)
  }
}

@Suite struct DuplicateFilterTests {
  /// The last `window` ids are always recognised; older ones may not be.
  @Test func remembersAtLeastTheWindow() {
    var filter = DuplicateFilter(window: 100)
    var fresh = 0
    for key in 0..<1_000 where filter.insert(UInt64(key)) { fresh += 1 }
    #expect(fresh == 1_000)
    var repeated = 0
    for key in 900..<1_000 where !filter.insert(UInt64(key)) { repeated += 1 }
    #expect(repeated == 100)
    let forgotten = filter.insert(0)
    #expect(forgotten)
  }
}

@Suite struct ReadBatchesTests {
  /// Every fixture read in batches, on one thread or three, gives the
  /// summary and the events of the sequential reader.
  @Test(arguments: [1, 3])
  func batchesMatchTheSequentialReader(threads: Int) throws {
    let root = TestData.fixture("")
    let reader = EventReader()
    var events = 0
    let sequential = try reader.read([root]) { _ in events += 1 }
    var kept = 0
    var batches = 0
    let batched = try reader.readBatches([root], threads: threads) {
      kept += $0.keptCount
      batches += 1
    }
    #expect(batched == sequential)
    #expect(kept == events && events > 50)
    // Files that fail part-way still hand over the events before the
    // failure.
    #expect(batches == sequential.filesRead + sequential.fileErrors.count)
  }

  @Test func bothInflatersAgree() throws {
    let data = try Array(
      Data(
        contentsOf: URL(
          fileURLWithPath: TestData.fixture("cloudtrail/delivery.json.gz"))))
    let deflated = try #require(Gunzip.decompress(data, using: .libdeflate))
    #expect(Gunzip.decompress(data, using: .zlib) == deflated)
    #expect(deflated.first == 0x7B)
    let concatenated = data + data
    #expect(
      Gunzip.decompress(concatenated, using: .libdeflate)
        == deflated + deflated)
    var damaged = data
    damaged[damaged.count / 2] ^= 0xFF
    damaged[damaged.count / 2 + 1] ^= 0xFF
    #expect(Gunzip.decompress(damaged, using: .libdeflate) == nil)
    #expect(Gunzip.decompress(Array(data.prefix(30)), using: .zlib) == nil)
  }
}

@Suite struct WholeGzipCapacityTests {
  /// The trailer's size is believed up to deflate's 1,032:1 ratio, never
  /// past `limit`, and never below four times the input or 4 KiB.
  @Test(arguments: [
    (100, 4_000_000_000, 64 << 20, 103_200),
    (100, 50_000, 64 << 20, 50_000),
    (100, 10, 64 << 20, 4_096),
    (10_000, 9_000_000, 64 << 20, 9_000_000),
    (1 << 20, 4_000_000_000, 64 << 20, 64 << 20),
  ])
  func firstCapacity(input: Int, trailer: Int, limit: Int, expected: Int) {
    let capacity = WholeGzip.firstCapacity(
      inputCount: input, trailer: trailer, limit: limit)
    #expect(capacity == expected)
  }
}
