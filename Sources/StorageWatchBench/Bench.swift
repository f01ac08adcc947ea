import Foundation

/// Small helpers shared by the benchmark suites: timing, options, sizes
/// and running peers.
enum Bench {
  /// The best wall-clock time of several runs, in seconds.
  static func best(of runs: Int, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<runs {
      let start = DispatchTime.now().uptimeNanoseconds
      body()
      let end = DispatchTime.now().uptimeNanoseconds
      best = min(best, Double(end - start) / 1e9)
    }
    return best
  }

  /// The least CPU time of the process over several runs, in seconds;
  /// for single-threaded work it does not count time lost to other
  /// programs on a busy machine.
  static func bestCPU(of runs: Int, _ body: () -> Void) -> Double {
    func now() -> Double {
      var t = timespec()
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
      return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    var best = Double.infinity
    for _ in 0..<runs {
      let start = now()
      body()
      best = min(best, now() - start)
    }
    return best
  }

  static func intOption(_ name: String, _ arguments: [String]) -> Int? {
    stringOption(name, arguments).flatMap { Int($0) }
  }

  static func stringOption(_ name: String, _ arguments: [String]) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count
    else { return nil }
    return arguments[i + 1]
  }

  static func totalSize(_ files: [String]) -> Int {
    files.reduce(0) { total, file in
      let size =
        (try? FileManager.default.attributesOfItem(atPath: file)[.size])
        as? Int
      return total + (size ?? 0)
    }
  }

  static func mb(_ bytes: Int) -> String {
    String(format: "%.1f", Double(bytes) / 1e6)
  }

  static func s(_ seconds: Double) -> String {
    String(format: "%8.3f s", seconds)
  }

  /// The Python interpreter the peers that need numpy, pandas or
  /// scikit-learn run under: `STORAGEWATCH_BENCH_PYTHON` when set, else
  /// the pinned virtual environment of `Scripts/baselines/venv.sh`
  /// (created on first use), else `nil` when neither is available.
  static let peerPython: String? = {
    if let given = ProcessInfo.processInfo.environment[
      "STORAGEWATCH_BENCH_PYTHON"]
    {
      return given
    }
    return capture("cd '\(packageRoot)' && sh Scripts/baselines/venv.sh")
      .map { packageRoot + "/" + $0 }
  }()

  /// ``peerPython``, or `python3` from `PATH` for peers that need only
  /// the standard library.
  static var python: String { peerPython ?? "python3" }

  /// Runs a shell command and waits for it.
  @discardableResult
  static func shell(_ command: String) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    do {
      try process.run()
    } catch {
      return -1
    }
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// Seconds a Python script takes under ``python``, or `nil` when it is
  /// missing or the script fails.
  static func pythonSeconds(_ script: String, argument: String) -> Double? {
    guard shell("command -v '\(python)' > /dev/null") == 0 else {
      return nil
    }
    let path = NSTemporaryDirectory() + "storagewatch-bench-\(getpid()).py"
    guard
      FileManager.default.createFile(
        atPath: path, contents: Data(script.utf8))
    else { return nil }
    defer { try? FileManager.default.removeItem(atPath: path) }
    var status: Int32 = 0
    let seconds = best(of: 1) {
      status = shell("'\(python)' \(path) '\(argument)'")
    }
    return status == 0 ? seconds : nil
  }
}
