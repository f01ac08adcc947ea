import AccessLogs
import Testing

@testable import StorageWatch

/// The static rules that production deployments start with, applied to the
/// simulated month: they must drown the analyst in alarms, as they do on
/// real logs.
@Suite struct SimulationStaticRuleTests {
  /// Alarms per day of three static rules, on the simulated requests
  /// (every storage request, whatever the format carries):
  /// - more than 100 GetObject by one principal in one UTC hour (one alarm
  ///   per principal-hour);
  /// - any access outside 08:00-18:00 UTC (one alarm per principal-hour);
  /// - a source address that the principal did not use in the prior 30
  ///   days (one alarm per principal, address and day).
  /// The first day only warms the address history up and is not counted.
  static func alarmsPerDay(_ simulator: Simulator)
    -> (volume: Double, afterHours: Double, newAddress: Double)
  {
    let startSecond = simulator.config.start.secondsSinceEpoch
    var gets: [Int64: Int] = [:]
    var offHours = Set<Int64>()
    var lastSeen: [Int64: Int64] = [:]
    var newAddress = Set<Int64>()
    for r in simulator.workload.requests where !r.operation.isManagement {
      let second = r.time / 1_000_000_000
      let day = (second - startSecond) / 86_400
      let hour = second / 3600
      let key = Int64(r.actor) << 32 | hour
      if r.operation == .getObject { gets[key, default: 0] += 1 }
      guard day >= 1 else {
        lastSeen[Int64(r.actor) << 32 | Int64(r.address)] = day
        continue
      }
      if hour % 24 < 8 || hour % 24 >= 18 { offHours.insert(key) }
      guard r.address != 0 else { continue }
      let addressKey = Int64(r.actor) << 32 | Int64(r.address)
      if lastSeen[addressKey].map({ day - $0 > 30 }) ?? true {
        newAddress.insert(addressKey ^ day << 56)
      }
      lastSeen[addressKey] = day
    }
    let firstCounted = (startSecond + 86_400) / 3600
    let volume = gets.filter {
      $0.value > 100 && $0.key & 0xFFFF_FFFF >= firstCounted
    }
    let counted = Double(simulator.config.days - 1)
    return (
      Double(volume.count) / counted, Double(offHours.count) / counted,
      Double(newAddress.count) / counted
    )
  }

  /// The full default month: 60 principals, 35 days.
  @Test func staticRulesRaiseOverAHundredAlarmsPerDay() {
    let config = SimulationConfig()
    print("seed \(config.seed), \(config.principals) principals")
    let simulator = Simulator(config)
    let rates = Self.alarmsPerDay(simulator)
    let total = rates.volume + rates.afterHours + rates.newAddress
    print(
      "requests \(simulator.workload.requests.count); alarms/day: volume"
        + " \(rates.volume), after-hours \(rates.afterHours), new address"
        + " \(rates.newAddress), total \(total)")
    #expect(total > 100)
    #expect(rates.volume > 1)
    #expect(rates.afterHours > 20)
    #expect(rates.newAddress > 5)
  }
}
