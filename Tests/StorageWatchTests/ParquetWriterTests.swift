import Foundation
import Testing

@testable import StorageWatch

@Suite("Parquet writer: tables read back as CSV reads them")
struct ParquetWriterTests {
  @Test("The Parquet round trip equals the CSV round trip")
  func sameAsCSV() throws {
    let table = FeatureTable(activity: FeatureTableTests.activity())
    let parquet = table.encoded(as: .parquet)
    #expect(Array(parquet.prefix(4)) == Array("PAR1".utf8))
    #expect(Array(parquet.suffix(4)) == Array("PAR1".utf8))
    let fromParquet = try ParquetFixtures.decode(parquet)
    let fromCSV = try FeatureTable.decode(
      table.encoded(as: .csv), format: .csv, path: "t.csv")
    #expect(fromParquet == fromCSV)
    #expect(fromParquet.encoded(as: .csv) == table.encoded(as: .csv))
    #expect(fromParquet.encoded(as: .parquet) == parquet)
  }

  @Test("A table in row groups of 3 rows reads back the same")
  func smallRowGroups() throws {
    let table = FeatureTable(activity: FeatureTableTests.activity())
    let bytes = table.parquetFile(rowGroupSize: 3)
    #expect(bytes != table.encoded(as: .parquet))
    #expect(try ParquetFixtures.decode(bytes) == table)
  }

  @Test("An empty table is a schema without row groups")
  func empty() throws {
    let bytes = FeatureTable(activity: [:]).encoded(as: .parquet)
    let reader = try ParquetReader(bytes)
    #expect(reader.rowCount == 0)
    #expect(FeatureTable.columns.allSatisfy(reader.hasColumn))
    #expect(try ParquetFixtures.decode(bytes).activity.isEmpty)
  }

  @Test("Row groups, OPTIONAL columns and nulls read back")
  func rowGroupsAndNulls() throws {
    let rows = 11
    let columns = [
      ParquetWriter.Column(
        name: "n", type: .integer,
        values: (0..<rows).map {
          $0 % 3 == 0 ? nil : .integer(Int64($0) - 5)
        }),
      ParquetWriter.Column(
        name: "b", type: .boolean,
        values: (0..<rows).map { $0 == 4 ? nil : .boolean($0 % 2 == 0) }),
      ParquetWriter.Column(
        name: "t", type: .text,
        values: (0..<rows).map { .text(String(repeating: "é", count: $0)) }),
    ]
    var writer = ParquetWriter()
    writer.rowGroupSize = 4
    let reader = try ParquetReader(writer.file(columns))
    #expect(reader.rowCount == rows)
    guard case .integers(let n)? = try reader.values(of: "n"),
      case .booleans(let b)? = try reader.values(of: "b"),
      case .texts(let t)? = try reader.values(of: "t")
    else {
      Issue.record("wrong column types")
      return
    }
    let integers: [Int64?] = (0..<rows).map {
      $0 % 3 == 0 ? nil : Int64($0) - 5
    }
    let flags: [Bool?] = (0..<rows).map { $0 == 4 ? nil : $0 % 2 == 0 }
    let texts: [String?] = (0..<rows).map {
      String(repeating: "é", count: $0)
    }
    #expect(n == integers)
    #expect(b == flags)
    #expect(t == texts)
    let absent = try reader.values(of: "absent")
    #expect(absent == nil)
  }
}
