import Foundation
import Testing

@testable import StorageWatch

@Suite("Parquet reader: files written by pyarrow, and what is refused")
struct ParquetReaderTests {
  /// The table of `expected.csv`, which holds the fixtures' rows.
  static func expected() throws -> FeatureTable {
    try FeatureTable.decode(
      ParquetFixtures.bytes("expected.csv"), format: .csv, path: "e.csv")
  }

  @Test(
    "pyarrow's layouts read to the table of the same rows in CSV",
    arguments: [
      "pyarrow-dictionary-snappy.parquet",
      "pyarrow-format1-dictionary.parquet",
      "pyarrow-plain-uncompressed.parquet", "pyarrow-v2-snappy.parquet",
    ])
  func pyarrow(_ name: String) throws {
    let expected = try Self.expected()
    #expect(expected.rowCount == 40)
    let table = try ParquetFixtures.decode(ParquetFixtures.bytes(name))
    #expect(table == expected)
  }

  @Test("Nulls read as empty CSV cells: zero, false, empty")
  func nulls() throws {
    let reader = try ParquetReader(
      ParquetFixtures.bytes("pyarrow-plain-uncompressed.parquet"))
    guard case .integers(let denied)? = try reader.values(of: "denied"),
      case .booleans(let flags)? = try reader.values(of: "has_byte_counts"),
      case .texts(let agents)? = try reader.values(of: "user_agents")
    else {
      Issue.record("wrong column types")
      return
    }
    #expect(denied[1] == nil && denied[2] == 2)
    #expect(flags[1] == nil && flags[2] == true)
    #expect(agents[1] == nil && agents[2] == "{\"curl/8.5.0\": 17}")
  }

  @Test("A nested column and a ZSTD column are refused, naming them")
  func refused() throws {
    let nested = try ParquetReader(
      ParquetFixtures.bytes("pyarrow-nested.parquet"))
    guard case .texts(let principals)? = try nested.values(of: "principal")
    else {
      Issue.record("principal is not text")
      return
    }
    #expect(principals == ["alice", "bob"])
    #expect(
      throws: FeatureTableError(
        path: "t.parquet", line: 0, column: "buckets",
        reason: "nested columns are not supported, only flat ones")
    ) {
      _ = try ParquetFixtures.decode(
        ParquetFixtures.bytes("pyarrow-nested.parquet"))
    }
    #expect(
      throws: FeatureTableError(
        path: "t.parquet", line: 0, column: "principal",
        reason: "compression ZSTD is not supported (only UNCOMPRESSED, SNAPPY)")
    ) {
      _ = try ParquetFixtures.decode(
        ParquetFixtures.bytes("pyarrow-zstd.parquet"))
    }
    #expect(
      throws: FeatureTableError(
        path: "t.parquet", line: 0,
        reason: "not a Parquet file (no PAR1 magic)")
    ) {
      _ = try ParquetFixtures.decode(Array("principal\n".utf8))
    }
  }

  @Test("A bad value names its row and column")
  func badValue() throws {
    let columns = FeatureTable.columns.map { name in
      ParquetWriter.Column(
        name: name, type: .text,
        values: [
          .text(name == "principal_kind" ? "robot" : "x")
        ])
    }
    #expect(
      throws: FeatureTableError(
        path: "t.parquet", line: 1, column: "principal_kind",
        reason: "unknown principal kind 'robot'")
    ) {
      _ = try ParquetFixtures.decode(ParquetWriter().file(columns))
    }
  }
}
