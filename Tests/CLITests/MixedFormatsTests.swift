import Foundation
import Testing

@Suite(
  "storagewatch events on a directory of mixed formats",
  .enabled(if: CLIRunner.isBuilt, "storagewatch executable not built"))
struct MixedFormatsTests {
  @Test("Every format in one directory is detected by content")
  func mixedDirectory() throws {
    let fm = FileManager.default
    let directory = fm.temporaryDirectory
      .appendingPathComponent("sw-mixed-\(UUID().uuidString)")
    try fm.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: directory) }
    // Names say nothing of the format: detection must read the content.
    let sources = [
      "cloudtrail/delivery.json.gz", "s3-access/outcomes.log",
      "gcs/sink-quirks.jsonl", "azure-analytics/v2-oauth.log",
      "azure-monitor/PT1H.json",
    ]
    for (i, source) in sources.enumerated() {
      try fm.copyItem(
        atPath: CLIRunner.fixture(source),
        toPath: directory.appendingPathComponent("input-\(i).data").path)
    }
    let result = try CLIRunner.run(["events", directory.path])
    #expect(result.status == 0)
    var formats = Set<String>()
    for line in result.lines {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
      if let format = (object as? [String: Any])?["format"] as? String {
        formats.insert(format)
      }
    }
    #expect(
      formats == [
        "cloudtrail", "s3-access", "gcs", "azure-analytics", "azure-monitor",
      ])
    #expect(result.stderr.contains("read 5 files"))
  }
}
