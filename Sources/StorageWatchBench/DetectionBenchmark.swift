import AccessLogs
import Foundation
import StorageWatch

/// Detection quality on a simulated month: incidents caught and false
/// alarms per day, beside the static rules that security guides give.
///
/// `storagewatch-bench detect [--days N] [--principals N] [--seed N]
/// [--judge-days N] [--verbose]` simulates a workload with labelled
/// incidents, judges each of the last `judge-days` days (default 7) with
/// the days before as history, and prints recall per incident kind and
/// false alarms per day at medium severity or above.
enum DetectionBenchmark {
  static func run(arguments: [String]) {
    var config = SimulationConfig()
    if let days = Bench.intOption("--days", arguments) { config.days = days }
    if let count = Bench.intOption("--principals", arguments) {
      config.principals = count
    }
    if let seed = Bench.intOption("--seed", arguments) {
      config.seed = UInt64(seed)
    }
    let judgeDays = Bench.intOption("--judge-days", arguments) ?? 7
    let verbose = arguments.contains("--verbose")

    var events: [AccessEvent] = []
    let tSimulate = Bench.best(of: 1) {
      events = Simulator(config).events()
    }
    let labels = Simulator(config).labels()
    var accumulator = ActivityAccumulator()
    let tAccumulate = Bench.best(of: 1) {
      for event in events { accumulator.add(event) }
    }
    let activity = accumulator.finish()
    let dataStart = ActivityAccumulator.hour(of: config.start)
    let endHour = ActivityAccumulator.hour(of: config.end)
    let judgedStart = config.end.adding(seconds: -Int64(judgeDays) * 86_400)
    print(
      "detect: \(events.count) simulated events, \(activity.count) "
        + "principals, \(config.days) days, seed \(config.seed); judging "
        + "the last \(judgeDays) days")

    var findings: [Finding] = []
    let tDetect = Bench.best(of: 1) {
      for day in 0..<judgeDays {
        let end = endHour - day * 24
        findings += Detector().detect(
          activity, window: (end - 24)..<end, dataStart: dataStart)
      }
    }
    let judged = labels.filter { $0.end > judgedStart }
    var caught: [String: Bool] = [:]
    for label in judged { caught[label.kind] = caught[label.kind] ?? false }
    var falseAlarms = [Severity: Int]()
    for finding in findings {
      let matches = judged.filter { $0.matches(finding) }
      for label in matches where finding.severity >= .medium {
        caught[label.kind] = true
      }
      if matches.isEmpty { falseAlarms[finding.severity, default: 0] += 1 }
      if verbose && finding.severity >= .low {
        print(
          "  \(matches.isEmpty ? "FP" : "TP") \(finding.score) "
            + "\(finding.severity.rawValue) \(finding.principal) "
            + "\(finding.start.iso8601) \(finding.summary.prefix(120))")
      }
    }
    let perDay = { (n: Int) in Double(n) / Double(judgeDays) }
    let mediumUp = Severity.allCases.filter { $0 >= .medium }.map {
      falseAlarms[$0] ?? 0
    }.reduce(0, +)
    let rules = StaticRules.alarms(events, from: judgedStart, to: config.end)
    for (kind, hit) in caught.sorted(by: { $0.key < $1.key }) {
      let who = judged.filter { $0.kind == kind }.map {
        "\($0.principal) \($0.start.iso8601)"
      }
      print(
        "  \(kind): \(hit ? "caught" : "MISSED")"
          + (verbose ? " (\(who.joined(separator: ", ")))" : ""))
    }
    let recall = caught.values.filter { $0 }.count
    print(
      "  incidents caught (medium or above)  \(recall) of \(caught.count)")
    print(
      "  false alarms per day, medium+        "
        + String(format: "%.1f", perDay(mediumUp))
        + String(
          format: "   (low: %.1f, info: %.1f)",
          perDay(falseAlarms[.low] ?? 0), perDay(falseAlarms[.info] ?? 0)))
    print(
      "  static rules, alarms per day         "
        + String(format: "%.1f", perDay(rules.total))
        + "   (>100 GetObject/h: \(rules.bulk), outside 08-18 UTC: "
        + "\(rules.afterHours), new address: \(rules.newAddress))")
    print(
      "  time: simulate \(Bench.s(tSimulate)), accumulate "
        + "\(Bench.s(tAccumulate)), detect \(Bench.s(tDetect))")
  }
}

/// The static rules that security guides give, counted as alarms per
/// principal and hour: more than 100 GetObject in an hour; any request
/// outside 08:00-18:00 UTC; a source address not seen for the principal
/// in the prior 30 days.
enum StaticRules {
  static func alarms(
    _ events: [AccessEvent], from start: Timestamp, to end: Timestamp
  ) -> (total: Int, bulk: Int, afterHours: Int, newAddress: Int) {
    var reads: [String: Int] = [:]
    var offHours = Set<String>()
    var lastSeen: [String: Int64] = [:]
    var newAddress = Set<String>()
    for event in events.sorted(by: { $0.time < $1.time }) {
      let hour = event.time.secondsSinceEpoch / 3600
      let key = "\(event.principal)|\(hour)"
      let inRange = event.time >= start && event.time < end
      if let address = event.sourceAddress?.ipAddress {
        let k = "\(event.principal)|\(address)"
        let seconds = event.time.secondsSinceEpoch
        if inRange, lastSeen[k].map({ seconds - $0 > 30 * 86_400 }) ?? true {
          newAddress.insert(key)
        }
        lastSeen[k] = seconds
      }
      guard inRange else { continue }
      if event.operation == "GetObject" { reads[key, default: 0] += 1 }
      let hourOfDay = Int(hour % 24)
      if hourOfDay < 8 || hourOfDay >= 18 { offHours.insert(key) }
    }
    let bulk = reads.values.filter { $0 > 100 }.count
    return (
      bulk + offHours.count + newAddress.count, bulk, offHours.count,
      newAddress.count
    )
  }
}
