import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Running peer programs and measuring them: wall time, CPU time and peak
/// resident memory of each child, from `wait4`.
extension Bench {
  /// What one run of a program cost.
  struct Run {
    /// Wall-clock seconds.
    var wall: Double
    /// User plus system CPU seconds of the child.
    var cpu: Double
    /// The child's peak resident set, in bytes.
    var peakRSS: Int
    /// The exit status (0 on success; -1 when it could not start).
    var status: Int32
  }

  /// Runs a program with standard output and error sent to /dev/null
  /// (or to `output` when given) and measures it.
  ///
  /// The program is started by a copy of this benchmark in its `spawn`
  /// mode, a small process: Linux counts a child's peak memory from the
  /// memory of the process that started it, so a child started from here
  /// directly would report at least this process's own peak.
  ///
  /// - Parameters:
  ///   - argv: The program (a path, or a name looked up on `PATH`) and its
  ///     arguments.
  ///   - output: A file to write standard output to.
  /// - Returns: Its costs.
  static func measure(_ argv: [String], output: String? = nil) -> Run {
    let report = NSTemporaryDirectory() + "storagewatch-bench-run-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: report) }
    let helper = CommandLine.arguments[0]
    let run = spawn(
      [helper, "spawn", report, output ?? "/dev/null"] + argv,
      output: "/dev/null")
    guard run.status == 0,
      let text = try? String(contentsOfFile: report, encoding: .utf8)
    else { return Run(wall: 0, cpu: 0, peakRSS: 0, status: -1) }
    let fields = text.split(separator: " ").compactMap { Double($0) }
    guard fields.count == 4 else {
      return Run(wall: 0, cpu: 0, peakRSS: 0, status: -1)
    }
    return Run(
      wall: fields[0], cpu: fields[1], peakRSS: Int(fields[2]),
      status: Int32(fields[3]))
  }

  /// The `spawn` mode: runs `argv` with standard output to `output` and
  /// writes its wall seconds, CPU seconds, peak resident bytes and exit
  /// status to `report`.
  static func spawnMode(_ arguments: [String]) {
    guard arguments.count >= 3 else { exit(64) }
    let run = spawn(Array(arguments.dropFirst(2)), output: arguments[1])
    let line = "\(run.wall) \(run.cpu) \(run.peakRSS) \(run.status)"
    _ = FileManager.default.createFile(
      atPath: arguments[0], contents: Data(line.utf8))
  }

  /// Starts a program, waits for it and reads its costs from `wait4`.
  private static func spawn(_ argv: [String], output: String) -> Run {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(
      &actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(
      &actions, 2, "/dev/null", O_WRONLY, 0)
    var pid: pid_t = 0
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { for arg in cArgs { free(arg) } }
    let start = DispatchTime.now().uptimeNanoseconds
    let spawned = posix_spawnp(&pid, argv[0], &actions, nil, cArgs, environ)
    guard spawned == 0 else {
      return Run(wall: 0, cpu: 0, peakRSS: 0, status: -1)
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let end = DispatchTime.now().uptimeNanoseconds
    func seconds(_ t: timeval) -> Double {
      Double(t.tv_sec) + Double(t.tv_usec) / 1e6
    }
    let exit =
      (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return Run(
      wall: Double(end - start) / 1e9,
      cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
      peakRSS: usage.ru_maxrss * 1024, status: exit)
  }

  /// Runs a program `times` times and returns the run of median wall
  /// time (CPU and memory of that run), or the first failure.
  static func median(_ times: Int, _ argv: [String]) -> Run {
    var runs: [Run] = []
    for _ in 0..<times {
      let run = measure(argv)
      if run.status != 0 { return run }
      runs.append(run)
    }
    return runs.sorted { $0.wall < $1.wall }[runs.count / 2]
  }

  /// The package's root directory (where `Scripts/` is), from this
  /// source file's path.
  static var packageRoot: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().path
  }

  /// The `storagewatch` executable beside this benchmark's.
  static var storagewatch: String {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("storagewatch").path
  }

  /// Whether a program is on `PATH`.
  static func available(_ program: String) -> Bool {
    shell("command -v \(program) > /dev/null 2>&1") == 0
  }

  /// The output of a shell command, trimmed, or `nil` when it fails.
  static func capture(_ command: String) -> String? {
    let process = Process()
    let pipe = Pipe()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.standardOutput = pipe
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let text = String(decoding: data, as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    return text.isEmpty ? nil : text
  }

  /// Megabytes per second of `bytes` over `seconds`.
  static func rate(_ bytes: Int, _ seconds: Double) -> String {
    String(format: "%8.1f MB/s", Double(bytes) / 1e6 / seconds)
  }

  /// A one-line description of the machine: CPU model and core count.
  static var machine: String {
    let model =
      capture("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2")
      ?? "unknown CPU"
    return "\(model), \(ProcessInfo.processInfo.activeProcessorCount) cores"
  }
}
