import Foundation
import Testing

@testable import StorageWatch

/// The Python of `.build/parquet-venv`, with pyarrow, if it was made
/// (`sh Scripts/pinned-venv.sh .build/parquet-venv ... pyarrow==26.0.1`).
private let venvPython: String? = {
  let path = ParquetFixtures.repository
    .appendingPathComponent(".build/parquet-venv/bin/python").path
  guard FileManager.default.isExecutableFile(atPath: path) else {
    print(
      "NOTICE: \(path) not found; the pyarrow check of written Parquet "
        + "is skipped (make it with Scripts/pinned-venv.sh "
        + ".build/parquet-venv parquet pyarrow==26.0.1)")
    return nil
  }
  return path
}()

@Suite(
  "Parquet written by StorageWatch, as pyarrow reads it",
  .enabled(if: venvPython != nil, "python with pyarrow not found"))
struct ParquetPyarrowTests {
  @Test("pyarrow reads the values of the CSV table")
  func pyarrowReadsWhatIsWritten() throws {
    let python = try #require(venvPython)
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("parquet-pyarrow-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let table = FeatureTable(activity: FeatureTableTests.activity())
    let parquet = directory.appendingPathComponent("t.parquet")
    let csv = directory.appendingPathComponent("t.csv")
    try Data(table.encoded(as: .parquet)).write(to: parquet)
    try Data(table.encoded(as: .csv)).write(to: csv)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [
      ParquetFixtures.repository
        .appendingPathComponent("Scripts/check-parquet-pyarrow.py").path,
      parquet.path, csv.path,
    ]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(
      decoding: output.fileHandleForReading.readDataToEndOfFile(),
      as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(text)")
    #expect(text.contains("rows equal to the CSV"), "\(text)")
  }
}
