import Foundation
import StorageWatch

/// End to end: `storagewatch detect` over a month of gzipped CloudTrail
/// delivery files beside `gzip -dc` alone, a plain Python implementation
/// of the static rules and a pandas + scikit-learn notebook, then peak
/// memory at one and ten times the events over the same principals and
/// days.
///
/// `storagewatch-bench pipeline [--directory DIR] [--runs N]
/// [--rss-events N]` uses the delivery files under DIR, or simulates the
/// default month (60 principals, 35 days, seed 1) once into
/// `.build/bench-data`. Wall times are the median of N runs (default 3);
/// the Python baselines run once. The memory check writes N events
/// (default 200,000) and then ten times as many, uncompressed, over 60
/// principals and 30 days, and reads each with `detect`.
enum PipelineBenchmark {
  static func run(arguments: [String]) {
    let runs = Bench.intOption("--runs", arguments) ?? 3
    let directory = Bench.stringOption("--directory", arguments) ?? month()
    InflateBenchmark.run(directory: directory)
    endToEnd(directory, runs: runs)
    memory(events: Bench.intOption("--rss-events", arguments) ?? 200_000)
  }

  /// The simulated month, written once.
  private static func month() -> String {
    let directory = Bench.packageRoot + "/.build/bench-data/month-seed1"
    let stamp = directory + "/.complete"
    if !FileManager.default.fileExists(atPath: stamp) {
      try? FileManager.default.removeItem(atPath: directory)
      print("pipeline: simulating a month of CloudTrail into \(directory)")
      do {
        _ = try Simulator(SimulationConfig()).write(to: directory)
        _ = FileManager.default.createFile(atPath: stamp, contents: Data())
      } catch {
        print("pipeline: simulation failed: \(error)")
      }
    }
    return directory
  }

  private static func endToEnd(_ directory: String, runs: Int) {
    let files = InflateBenchmark.gzipFiles(directory)
    let compressed = Bench.totalSize(files)
    let detect = [
      Bench.storagewatch, "detect", directory, "--format", "json", "-o",
      "/dev/null", "--quiet",
    ]
    let list = NSTemporaryDirectory() + "storagewatch-bench-e2e-\(getpid())"
    _ = FileManager.default.createFile(
      atPath: list, contents: Data(files.joined(separator: "\n").utf8))
    defer { try? FileManager.default.removeItem(atPath: list) }
    let gunzip = [
      "sh", "-c", "tr '\\n' '\\0' < \(list) | xargs -0 cat | gzip -dc",
    ]
    // Interleaved so that both see the same load on a shared machine.
    var ours: [Bench.Run] = []
    var peer: [Bench.Run] = []
    for _ in 0..<runs {
      ours.append(Bench.measure(detect))
      peer.append(Bench.measure(gunzip))
    }
    let one = Bench.measure(detect + ["--threads", "1"])
    guard ours.allSatisfy({ $0.status == 0 }) else {
      print("  storagewatch detect failed (exit \(ours[0].status))")
      return
    }
    let us = ours.sorted { $0.wall < $1.wall }[runs / 2]
    let gz = peer.sorted { $0.wall < $1.wall }[runs / 2]
    print(
      "detect end to end: \(files.count) gzip files, \(Bench.mb(compressed)) "
        + "MB; wall median of \(runs), CPU of that run")
    print(line("storagewatch detect", us, nil))
    print(line("storagewatch detect --threads 1", one, nil))
    print(
      line("gzip -dc > /dev/null", gz, us)
        + "   (target: detect no slower)")
    let script = Bench.packageRoot + "/Scripts/baselines/static_rules.py"
    if Bench.available("python3") {
      let python = Bench.measure(["python3", script, directory])
      print(
        line("python3 static rules (json.load)", python, us)
          + "   (target: 15x)")
    } else {
      print("  python3 static rules: not available (no python3)")
    }
    if let venv = Bench.peerPython {
      let notebook = Bench.measure([
        venv,
        Bench.packageRoot + "/Scripts/baselines/pandas_iforest.py", directory,
      ])
      print(
        line("pandas + IsolationForest", notebook, us) + "   (target: 40x)")
    } else {
      print("  pandas + IsolationForest: not available (no venv or PyPI)")
    }
  }

  /// A figure line: wall, CPU, peak memory and the ratio of this wall
  /// time to `reference`'s.
  private static func line(
    _ name: String, _ run: Bench.Run, _ reference: Bench.Run?
  ) -> String {
    guard run.status == 0 else { return "  \(name): failed (\(run.status))" }
    var text =
      "  " + name.padding(toLength: 34, withPad: " ", startingAt: 0)
      + String(
        format: "%7.2f s wall %7.2f s CPU %7.1f MB peak", run.wall, run.cpu,
        Double(run.peakRSS) / 1e6)
    if let reference {
      text += String(format: "   %.1fx detect", run.wall / reference.wall)
    }
    return text
  }

  static func memory(events: Int) {
    let root = NSTemporaryDirectory() + "storagewatch-bench-rss-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: root) }
    print(
      "peak memory: \(events) and \(events * 10) CloudTrail events, "
        + "60 principals, 30 days")
    var peaks: [Int] = []
    for scale in [1, 10] {
      let directory = root + "/x\(scale)"
      _ = CloudTrailGenerator.write(
        events: events * scale, plain: directory, compressed: nil,
        principals: 60, days: 30)
      let run = Bench.measure([
        Bench.storagewatch, "detect", directory, "--format", "json", "-o",
        "/dev/null", "--quiet",
      ])
      try? FileManager.default.removeItem(atPath: directory)
      print(line("detect, \(events * scale) events", run, nil))
      peaks.append(run.peakRSS)
    }
    if peaks.count == 2, peaks[0] > 0 {
      print(
        String(
          format: "  ten times the events: %.2fx the peak memory "
            + "(target: at most 1.5x)", Double(peaks[1]) / Double(peaks[0])))
    }
  }
}
