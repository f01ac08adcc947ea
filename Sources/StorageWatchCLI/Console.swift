import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes command output: results to standard output, diagnostics to
/// standard error.
///
/// Diagnostics honour the verbosity: `quiet` keeps only errors, `normal`
/// adds notes and warnings, `verbose` adds detail lines and always shows
/// progress. Colour is used only when standard error is a terminal and
/// `NO_COLOR` is unset or empty (see https://no-color.org) and `TERM` is
/// not `dumb`. Text bound for a terminal has control characters and ANSI
/// escape sequences shown as `\u{1B}`-style escapes, so data from logs can
/// never move the cursor or recolour the screen. A `Console` is a value
/// that can be shared across tasks; its progress throttle is lock-guarded.
public struct Console: Sendable {
  /// How much the console says on standard error.
  public enum Verbosity: Int, Comparable, Sendable {
    /// Errors only.
    case quiet
    /// Errors, warnings and notes.
    case normal
    /// Everything, including detail lines and progress.
    case verbose

    /// Orders verbosities from `quiet` to `verbose`.
    ///
    /// - Parameters:
    ///   - lhs: A verbosity.
    ///   - rhs: Another verbosity.
    /// - Returns: Whether `lhs` says less than `rhs`.
    public static func < (lhs: Verbosity, rhs: Verbosity) -> Bool {
      lhs.rawValue < rhs.rawValue
    }
  }

  /// A destination for text; receives complete lines ending in `\n`.
  public typealias Sink = @Sendable (String) -> Void

  /// How much is written to standard error.
  public let verbosity: Verbosity

  /// Whether diagnostics are coloured.
  public let usesColor: Bool

  /// Whether standard output is a terminal, so results are escaped.
  public let stdoutIsTerminal: Bool

  /// Whether standard error is a terminal, so diagnostics are escaped.
  public let stderrIsTerminal: Bool

  private let standardOutput: Sink
  private let standardError: Sink
  private let throttle: ProgressThrottle

  /// Creates a console.
  ///
  /// The defaults describe the real process; tests pass their own
  /// terminal answers, environment, sinks and clock.
  ///
  /// - Parameters:
  ///   - verbosity: How much to write to standard error.
  ///   - environment: Consulted for `NO_COLOR` and `TERM`.
  ///   - stdoutIsTerminal: Whether standard output is a terminal.
  ///   - stderrIsTerminal: Whether standard error is a terminal.
  ///   - progressInterval: Minimum seconds between progress lines.
  ///   - clock: Monotonic seconds, used to throttle progress.
  ///   - standardOutput: Receives result lines.
  ///   - standardError: Receives diagnostic lines.
  public init(
    verbosity: Verbosity = .normal,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    stdoutIsTerminal: Bool = isatty(STDOUT_FILENO) != 0,
    stderrIsTerminal: Bool = isatty(STDERR_FILENO) != 0,
    progressInterval: Double = 1,
    clock: @escaping @Sendable () -> Double = Console.monotonicSeconds,
    standardOutput: @escaping Sink = Console.processStandardOutput,
    standardError: @escaping Sink = Console.processStandardError
  ) {
    self.verbosity = verbosity
    self.stdoutIsTerminal = stdoutIsTerminal
    self.stderrIsTerminal = stderrIsTerminal
    let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    self.usesColor =
      stderrIsTerminal && !noColor && environment["TERM"] != "dumb"
    self.standardOutput = standardOutput
    self.standardError = standardError
    self.throttle = ProgressThrottle(interval: progressInterval, clock: clock)
  }

  /// Writes one result line to standard output, at every verbosity.
  ///
  /// - Parameter text: The result; escaped when standard output is a
  ///   terminal, written unchanged otherwise so pipes get exact data.
  public func result(_ text: String) {
    let line = stdoutIsTerminal ? Self.escape(text) : text
    standardOutput(line + "\n")
  }

  /// Writes an error to standard error, at every verbosity.
  ///
  /// - Parameter message: The message, without an `error:` prefix.
  public func error(_ message: String) {
    diagnostic("error", color: "31", message)
  }

  /// Writes a warning to standard error unless quiet.
  ///
  /// - Parameter message: The message, without a `warning:` prefix.
  public func warning(_ message: String) {
    guard verbosity >= .normal else { return }
    diagnostic("warning", color: "33", message)
  }

  /// Writes a note to standard error unless quiet.
  ///
  /// - Parameter message: The message, without a `note:` prefix.
  public func note(_ message: String) {
    guard verbosity >= .normal else { return }
    diagnostic("note", color: "36", message)
  }

  /// Writes a detail line to standard error only when verbose.
  ///
  /// - Parameter message: The message, built only when it will be shown.
  public func detail(_ message: @autoclosure () -> String) {
    guard verbosity >= .verbose else { return }
    diagnostic("detail", color: "2", message())
  }

  /// Writes a progress line to standard error, at most once per interval.
  ///
  /// Progress is shown when verbose, or when not quiet and standard error
  /// is a terminal. Calls inside the interval since the last shown line
  /// are dropped, so a tight loop may call this freely.
  ///
  /// - Parameters:
  ///   - message: The progress text, built only when it will be shown.
  ///   - force: Show it regardless of the throttle, for a final summary.
  /// - Returns: Whether a line was written.
  @discardableResult
  public func progress(
    _ message: @autoclosure () -> String, force: Bool = false
  ) -> Bool {
    let enabled =
      verbosity == .verbose || (verbosity == .normal && stderrIsTerminal)
    guard enabled, throttle.admit(force: force) else { return false }
    diagnostic("progress", color: "2", message())
    return true
  }

  /// Escapes text so a terminal shows it literally.
  ///
  /// Control characters (C0 other than newline and tab, DEL and C1,
  /// which covers ESC and so every ANSI sequence) and bidirectional
  /// overrides become `\u{1B}`-style escapes; everything else is kept.
  ///
  /// - Parameters:
  ///   - text: Text that may come from untrusted data.
  ///   - keepingNewlines: Whether `\n` is kept rather than escaped.
  /// - Returns: The escaped text.
  /// - Complexity: O(*n*) in the number of Unicode scalars.
  public static func escape(
    _ text: String, keepingNewlines: Bool = true
  ) -> String {
    var result = ""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      if needsEscape(scalar, keepingNewlines: keepingNewlines) {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let padded = hex.count < 2 ? "0" + hex : hex
        result += "\\u{\(padded)}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// Seconds from a monotonic clock, unaffected by wall-clock changes.
  ///
  /// - Returns: Seconds since an arbitrary fixed point.
  @Sendable public static func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  private static func needsEscape(
    _ scalar: Unicode.Scalar, keepingNewlines: Bool
  ) -> Bool {
    switch scalar.value {
    case 0x0A: return !keepingNewlines
    case 0x09: return false
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }

  private func diagnostic(_ label: String, color: String, _ message: String) {
    let text = stderrIsTerminal ? Self.escape(message) : message
    let prefix = usesColor ? "\u{1B}[\(color)m\(label):\u{1B}[0m" : label + ":"
    standardError("\(prefix) \(text)\n")
  }

  /// Writes text to the process's standard output, unbuffered.
  public static let processStandardOutput: Sink = { text in
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// Writes text to the process's standard error, unbuffered.
  public static let processStandardError: Sink = { text in
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Remembers when progress was last shown; shared by copies of a
  /// console, guarded by a lock.
  private final class ProgressThrottle: @unchecked Sendable {
    private let lock = NSLock()
    private let interval: Double
    private let clock: @Sendable () -> Double
    private var last: Double?

    init(interval: Double, clock: @escaping @Sendable () -> Double) {
      self.interval = interval
      self.clock = clock
    }

    func admit(force: Bool) -> Bool {
      let now = clock()
      return lock.withLock {
        if !force, let last, now - last < interval { return false }
        last = now
        return true
      }
    }
  }
}
