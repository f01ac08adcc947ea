import AnomalyModels
import Foundation
import StorageWatch
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Kills the CLI with SIGKILL at random moments while it replaces an
/// output file, and checks that the file is always either the old one,
/// untouched, or the new one, complete.
@Suite(
  "Output files survive a kill mid-write",
  .enabled(if: CLIRunner.isBuilt, "storagewatch executable not built"))
struct CrashSafetyTests {
  /// Kills one run after `delay` seconds, or lets it finish.
  static func killed(
    _ arguments: [String], after delay: Double, directory: String
  ) throws -> SpawnedCLI.Exit {
    let process = try SpawnedCLI.start(arguments, directory: directory)
    usleep(UInt32(delay * 1e6))
    kill(process.pid, SIGKILL)
    return process.wait()
  }

  static func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
  }

  static func bytes(_ path: String) -> Data? {
    FileManager.default.contents(atPath: path)
  }

  @Test("events --output killed at random points: old file or new file")
  func killedEventsOutput() throws {
    // Many unique records, so the output is written in many 1 MiB
    // flushes and most kill points fall inside the writing.
    let scratch = CLIScratch()
    var text = ""
    for i in 0..<12_000 { text += CLIScratch.record("e\(i)") }
    let input = scratch.write("many.jsonl", Array(text.utf8))
    let small = scratch.write(
      "few.jsonl", Array(CLIScratch.record("old").utf8))
    let output = scratch.path + "/out/events.jsonl"
    mkdir(scratch.path + "/out", 0o755)
    let logs = CLIScratch()
    #expect(
      try CLIRunner.run(["events", small, "--output", output]).status == 0)
    let old = try #require(Self.bytes(output))
    var new = Data()
    let full = try Self.seconds {
      let result = try CLIRunner.run(["events", input, "--output", output])
      #expect(result.status == 0)
      new = try #require(Self.bytes(output))
    }
    #expect(new.count > 3 << 20)
    let seed = UInt64(0xC0FF_EE01)
    print("CrashSafetyTests.killedEventsOutput: seed \(seed), run \(full) s")
    var random = SeededGenerator(seed: seed)
    var outcomes = (old: 0, new: 0)
    for round in 0..<12 {
      let restore = try CLIRunner.run(["events", small, "--output", output])
      #expect(restore.status == 0)
      let delay = Double.random(in: 0...(full * 1.1), using: &random)
      _ = try Self.killed(
        ["events", input, "--output", output], after: delay,
        directory: logs.path)
      let after = try #require(Self.bytes(output), "round \(round)")
      #expect(after == old || after == new, "round \(round), \(delay) s")
      if after == old { outcomes.old += 1 } else { outcomes.new += 1 }
    }
    print(
      "CrashSafetyTests.killedEventsOutput: old \(outcomes.old), new \(outcomes.new)"
    )
    // A later complete run removes what killed runs left behind.
    #expect(
      try CLIRunner.run(["events", small, "--output", output]).status == 0)
    let left = try FileManager.default.contentsOfDirectory(
      atPath: scratch.path + "/out")
    #expect(left == ["events.jsonl"], "\(left)")
  }

  @Test("calibrate killed at random points: the model is old or new, valid")
  func killedCalibrate() throws {
    let history = try DetectHistory()
    defer { history.remove() }
    let trail = history.path + "/trail.jsonl"
    let model = history.path + "/model.json"
    let logs = CLIScratch()
    let oldRun = try CLIRunner.run([
      "calibrate", trail, "--until", "2026-10-12", "--output", model,
    ])
    #expect(oldRun.status == 0, "\(oldRun.stderr)")
    let old = try #require(Self.bytes(model))
    let arguments = [
      "calibrate", trail, "--until", "2026-10-19", "--output", model,
    ]
    var new = Data()
    let full = try Self.seconds {
      #expect(try CLIRunner.run(arguments).status == 0)
      new = try #require(Self.bytes(model))
    }
    #expect(old != new)
    let seed = UInt64(0xC0FF_EE02)
    print("CrashSafetyTests.killedCalibrate: seed \(seed), run \(full) s")
    var random = SeededGenerator(seed: seed)
    for round in 0..<10 {
      try old.write(to: URL(fileURLWithPath: model))
      // Most of a run is reading; aim at its end, where it writes.
      let delay = Double.random(in: (full * 0.5)...(full * 1.1), using: &random)
      _ = try Self.killed(arguments, after: delay, directory: logs.path)
      let after = try #require(Self.bytes(model), "round \(round)")
      #expect(after == old || after == new, "round \(round), \(delay) s")
      #expect(throws: Never.self) { _ = try ActivityModel(fileData: after) }
    }
  }
}
