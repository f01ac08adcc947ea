import Foundation
import Testing

@testable import StorageWatchCLI

/// Collects text written by a console, safely across tasks.
final class Capture: @unchecked Sendable {
  private let lock = NSLock()
  private var storage = ""
  var text: String { lock.withLock { storage } }
  var sink: Console.Sink {
    { text in self.lock.withLock { self.storage += text } }
  }
}

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
  private let lock = NSLock()
  private var seconds = 0.0
  func advance(_ delta: Double) { lock.withLock { seconds += delta } }
  var now: @Sendable () -> Double { { self.lock.withLock { self.seconds } } }
}

struct Setup {
  let out = Capture()
  let err = Capture()
  let clock = ManualClock()
  func console(
    _ verbosity: Console.Verbosity = .normal, tty: Bool = false,
    env: [String: String] = [:]
  ) -> Console {
    Console(
      verbosity: verbosity, environment: env, stdoutIsTerminal: tty,
      stderrIsTerminal: tty, clock: clock.now, standardOutput: out.sink,
      standardError: err.sink)
  }
}

@Suite struct ConsoleTests {
  @Test(
    arguments: [
      (true, [:], true),
      (true, ["NO_COLOR": "1"], false),
      (true, ["NO_COLOR": ""], true),
      (true, ["TERM": "dumb"], false),
      (false, [:], false),
    ] as [(Bool, [String: String], Bool)])
  func color(tty: Bool, env: [String: String], expected: Bool) {
    #expect(Setup().console(tty: tty, env: env).usesColor == expected)
  }

  @Test func routingAndVerbosity() {
    let s = Setup()
    let c = s.console(.normal)
    c.result("r1"); c.note("n"); c.warning("w"); c.error("e"); c.detail("d")
    #expect(s.out.text == "r1\n")
    #expect(s.err.text == "note: n\nwarning: w\nerror: e\n")
    let q = Setup()
    let qc = q.console(.quiet)
    qc.result("r"); qc.note("n"); qc.warning("w"); qc.error("e")
    qc.progress("p", force: true)
    #expect(q.out.text == "r\n")
    #expect(q.err.text == "error: e\n")
    let v = Setup()
    v.console(.verbose).detail("d")
    #expect(v.err.text == "detail: d\n")
  }

  @Test func colouredPrefix() {
    let s = Setup()
    s.console(tty: true).error("boom")
    #expect(s.err.text == "\u{1B}[31merror:\u{1B}[0m boom\n")
  }

  @Test(arguments: [
    ("plain", "plain"),
    ("a\u{1B}[31mred", "a\\u{1B}[31mred"),
    ("bell\u{07}", "bell\\u{07}"),
    ("cr\rx", "cr\\u{0D}x"),
    ("del\u{7F}", "del\\u{7F}"),
    ("csi\u{9B}", "csi\\u{9B}"),
    ("bidi\u{202E}", "bidi\\u{202E}"),
    ("tab\tok", "tab\tok"),
    ("line\nok", "line\nok"),
    ("héllo ✓", "héllo ✓"),
  ])
  func escaping(input: String, expected: String) {
    #expect(Console.escape(input) == expected)
  }

  @Test func escapesOnlyForTerminals() {
    let tty = Setup()
    tty.console(tty: true).result("x\u{1B}[2Jy")
    tty.console(tty: true).note("n\u{1B}]0;t\u{07}")
    #expect(tty.out.text == "x\\u{1B}[2Jy\n")
    #expect(tty.err.text.hasSuffix("n\\u{1B}]0;t\\u{07}\n"))
    let pipe = Setup()
    pipe.console(tty: false).result("x\u{1B}y")
    #expect(pipe.out.text == "x\u{1B}y\n")
    #expect(Console.escape("a\nb", keepingNewlines: false) == "a\\u{0A}b")
  }

  @Test func progressThrottle() {
    let s = Setup()
    let c = s.console(.normal, tty: true, env: ["NO_COLOR": "1"])
    #expect(c.progress("1"))
    #expect(!c.progress("2"))
    s.clock.advance(0.5)
    #expect(!c.progress("3"))
    s.clock.advance(0.6)
    #expect(c.progress("4"))
    #expect(c.progress("final", force: true))
    #expect(s.err.text == "progress: 1\nprogress: 4\nprogress: final\n")
    let pipe = Setup()
    #expect(!pipe.console(.normal, tty: false).progress("x"))
    #expect(pipe.console(.verbose, tty: false).progress("y"))
    #expect(pipe.err.text == "progress: y\n")
  }

  @Test func sharedAcrossTasks() async {
    let s = Setup()
    let c = s.console(.verbose)
    await withTaskGroup(of: Void.self) { group in
      for i in 0..<100 {
        group.addTask {
          c.progress("\(i)"); c.result("\(i)")
        }
      }
    }
    #expect(s.err.text.split(separator: "\n").count == 1)
    #expect(s.out.text.split(separator: "\n").count == 100)
  }
}
