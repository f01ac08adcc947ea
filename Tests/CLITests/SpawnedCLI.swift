import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The built CLI started with `posix_spawn`, for tests that must kill it
/// at a chosen moment or watch its peak memory.
struct SpawnedCLI {
  /// How a spawned process ended.
  struct Exit {
    /// The exit status, when it exited.
    var status: Int32?
    /// The signal that ended it, when one did.
    var signal: Int32?
    /// Peak resident memory in KiB: the largest `VmHWM` seen in
    /// `/proc/PID/status` while it ran, 0 when it ended before the first
    /// look. (`wait4`'s `ru_maxrss` cannot be used: a child started by
    /// `posix_spawn` shares the test process's memory until it executes,
    /// and the kernel counts that high-water mark as the child's.)
    var maximumResidentKilobytes: Int
  }

  let pid: pid_t
  let stdoutPath: String
  let stderrPath: String

  /// Starts `storagewatch` with arguments, standard output and error going
  /// to files, standard input from `/dev/null`.
  ///
  /// - Parameters:
  ///   - arguments: The CLI's arguments.
  ///   - launcher: A program and arguments to run the CLI through, such
  ///     as `setpriv` with its options; empty runs it directly.
  ///   - directory: Where the output files go.
  static func start(
    _ arguments: [String], launcher: [String] = [], directory: String
  ) throws -> SpawnedCLI {
    struct NotBuilt: Error {}
    struct SpawnFailed: Error { var code: Int32 }
    guard let executable = CLIRunner.executable else { throw NotBuilt() }
    let id = UUID().uuidString.prefix(8)
    let out = "\(directory)/stdout-\(id)"
    let err = "\(directory)/stderr-\(id)"
    let argv = launcher + [executable.path] + arguments
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(
      &actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(
      &actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var cArguments = argv.map { strdup($0) }
    cArguments.append(nil)
    defer { for pointer in cArguments { free(pointer) } }
    var pid: pid_t = 0
    let code = posix_spawn(
      &pid, argv[0], &actions, nil, &cArguments, environ)
    guard code == 0 else { throw SpawnFailed(code: code) }
    return SpawnedCLI(pid: pid, stdoutPath: out, stderrPath: err)
  }

  /// Waits for the process, watching its peak memory every 2 ms, and
  /// reports how it ended.
  func wait() -> Exit {
    var status: Int32 = 0
    var peak = 0
    while true {
      peak = max(peak, highWaterKilobytes() ?? 0)
      let done = waitpid(pid, &status, WNOHANG)
      if done == pid || (done < 0 && errno != EINTR) { break }
      usleep(2000)
    }
    let signal = status & 0x7F
    return Exit(
      status: signal == 0 ? (status >> 8) & 0xFF : nil,
      signal: signal == 0 ? nil : signal, maximumResidentKilobytes: peak)
  }

  /// `VmHWM` of the running process, in KiB.
  private func highWaterKilobytes() -> Int? {
    guard
      let text = try? String(
        contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: {
        $0.hasPrefix("VmHWM:")
      })
    else { return nil }
    return Int(line.split(separator: " ").dropFirst().first ?? "")
  }

  /// Standard error so far.
  var stderr: String {
    (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
  }

  /// Standard output so far.
  var stdout: String {
    (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
  }
}
