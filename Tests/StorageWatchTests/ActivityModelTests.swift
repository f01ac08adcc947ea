import AccessLogs
import AnomalyModels
import Foundation
import Testing

@testable import StorageWatch

/// The model file: round trips, merging, refusal of damaged files, and
/// detection from a model against detection on the raw events.
@Suite struct ActivityModelTests {
  /// Activity of a simulated fortnight, 12 principals, seed 11, and the
  /// first and last hours of its events.
  static let simulation: (events: [AccessEvent], start: Int, end: Int) = {
    var config = SimulationConfig(
      days: 14, principals: 12, seed: 11, format: .cloudTrail,
      incidents: Set(IncidentKind.allCases))
    config.volumeScale = 0.1
    let events = Simulator(config).events()
    let hours = events.map { ActivityAccumulator.hour(of: $0.time) }
    return (events, hours.min()!, hours.max()! + 1)
  }()

  static func activity(_ events: some Sequence<AccessEvent>)
    -> [String: PrincipalActivity]
  {
    var accumulator = ActivityAccumulator()
    for event in events { accumulator.add(event) }
    return accumulator.finish()
  }

  static func model(until hour: Int) -> ActivityModel {
    let (events, start, _) = simulation
    let history = events.filter {
      ActivityAccumulator.hour(of: $0.time) < hour
    }
    return ActivityModel(
      activity(history), start: start, end: hour,
      settings: DetectionSettings())
  }

  @Test func fileRoundTripKeepsEveryField() throws {
    let model = ActivityModelTests.model(
      until: ActivityModelTests.simulation.end
    ).trimmed()
    let data = model.fileData()
    let decoded = try ActivityModel(fileData: data)
    #expect(decoded == model)
    #expect(decoded.fileData() == data, "equal models give equal bytes")
    #expect(model.hourCount > 500)
  }

  @Test func trimmingDropsOldHoursAndSamplesButKeepsFirstSeen() {
    var settings = DetectionSettings()
    settings.historyDays = 3
    let end = ActivityModelTests.simulation.end
    let full = ActivityModelTests.model(until: end)
    let model = ActivityModel(
      full.principals, start: full.start, end: end, settings: settings
    ).trimmed()
    for (principal, activity) in model.principals {
      #expect(activity.hours.allSatisfy { $0.hour >= end - 72 })
      #expect(activity.hours.allSatisfy { $0.sampleObjects.isEmpty })
      #expect(
        activity.sourceFirstHour
          == full.principals[principal]!
          .sourceFirstHour)
    }
  }

  @Test func mergingTheSameActivityTwiceEqualsOnce() {
    let (events, start, end) = ActivityModelTests.simulation
    let cut = start + (end - start) / 2
    let base = ActivityModelTests.model(until: cut)
    let later = ActivityModelTests.activity(
      events.filter { ActivityAccumulator.hour(of: $0.time) >= cut - 5 })
    let once = base.merging(later, start: cut - 5, end: end)
    let twice = once.merging(later, start: cut - 5, end: end)
    #expect(once.trimmed() == twice.trimmed())
    #expect(once.end == end)
  }

  /// Daily runs whose inputs overlap (yesterday's folder given again with
  /// today's) end in the model of one run over the union.
  @Test func overlappingRunsEqualOneRunOverTheUnion() {
    let (events, start, end) = ActivityModelTests.simulation
    let cut = start + (end - start) / 2
    let base = ActivityModelTests.model(until: cut)
    func slice(_ from: Int, _ to: Int) -> [String: PrincipalActivity] {
      ActivityModelTests.activity(
        events.filter {
          let hour = ActivityAccumulator.hour(of: $0.time)
          return hour >= from && hour < to
        })
    }
    let middle = cut + (end - cut) / 2
    let stepwise = base.merging(slice(cut, middle + 24), start: cut, end: end)
      .merging(slice(middle, end), start: middle, end: end)
    let once = base.merging(slice(cut, end), start: cut, end: end)
    #expect(stepwise.trimmed() == once.trimmed())
    // Every source seen in either run is remembered, at its first hour.
    let all = ActivityModelTests.activity(events)
    for (principal, activity) in all {
      #expect(
        stepwise.principals[principal]?.sourceFirstHour
          == activity.sourceFirstHour)
    }
  }

  @Test func mergingKeepsTheFullerHour() {
    let (events, start, end) = ActivityModelTests.simulation
    let cut = start + (end - start) / 2
    let full = ActivityModelTests.model(until: end)
    // A partial input: every other event of the second half.
    let partial = ActivityModelTests.activity(
      events.enumerated().filter {
        $0.offset % 2 == 0
          && ActivityAccumulator.hour(of: $0.element.time)
            >= cut
      }.map(\.element))
    let merged = full.merging(partial, start: cut, end: end)
    #expect(merged == full)
  }

  /// Ways a model file gets damaged or mistaken for another.
  enum Damage: String, CaseIterable, Sendable {
    case truncated, flippedByte, empty, report, newerVersion

    func apply(_ data: Data) -> Data {
      switch self {
      case .truncated: return data.dropLast(10)
      case .flippedByte:
        var data = data
        data[data.count - 50] ^= 0x01
        return data
      case .empty: return Data()
      case .report: return Data("{\"findings\":[]}\n{}".utf8)
      case .newerVersion:
        return Data(
          String(decoding: data, as: UTF8.self).replacingOccurrences(
            of: "\"version\":1}", with: "\"version\":2}"
          ).utf8)
      }
    }

    func isExpected(_ error: ModelFileError) -> Bool {
      switch (self, error) {
      case (.truncated, .wrongLength(let expected, let found)):
        return expected == found + 10
      case (.flippedByte, .checksumMismatch): return true
      case (.empty, .notAModel), (.report, .notAModel): return true
      case (.newerVersion, .unsupportedVersion(2, 1)): return true
      default: return false
      }
    }
  }

  @Test(arguments: Damage.allCases)
  func damagedFilesAreRefused(_ damage: Damage) {
    let data = ActivityModelTests.model(
      until: ActivityModelTests.simulation.start + 48
    ).trimmed().fileData()
    do {
      _ = try ActivityModel(fileData: damage.apply(data))
      Issue.record("\(damage): accepted")
    } catch {
      #expect(damage.isExpected(error), "\(damage): \(error)")
    }
  }

  /// Every one of 400 seeded single-bit flips, anywhere in the file, is
  /// refused: the header's fields, the newline and the body are all
  /// covered by the format name, the version, the length or the checksum.
  @Test func everyBitFlipIsRefused() {
    let data = ActivityModelTests.model(
      until: ActivityModelTests.simulation.start + 48
    ).trimmed().fileData()
    let seed: UInt64 = 0xF11B
    print("ActivityModelTests.everyBitFlipIsRefused: seed \(seed)")
    var random = SeededGenerator(seed: seed)
    for _ in 0..<400 {
      let at = random.nextInt(below: data.count)
      let bit = random.nextInt(below: 8)
      var damaged = data
      damaged[at] ^= UInt8(1 << bit)
      #expect(
        throws: ModelFileError.self, "byte \(at) bit \(bit) accepted"
      ) {
        _ = try ActivityModel(fileData: damaged)
      }
    }
  }

  /// A detector fed a model of the history plus the window's events gives
  /// the findings it gives on all the events at once.
  @Test func detectionFromAModelMatchesDetectionOnAllEvents() throws {
    let (events, start, end) = ActivityModelTests.simulation
    let windowStart = end - 72
    let window = windowStart..<end
    let settings = DetectionSettings()
    let detector = Detector(settings: settings)
    let expected = detector.detect(
      ActivityModelTests.activity(events), window: window, dataStart: start)

    let model = try ActivityModel(
      fileData: ActivityModelTests.model(until: windowStart).trimmed()
        .fileData())
    // The new input starts two hours early: those hours are in the model
    // already.
    let recent = ActivityModelTests.activity(
      events.filter { ActivityAccumulator.hour(of: $0.time) >= windowStart - 2 }
    )
    let merged = model.merging(recent, start: windowStart - 2, end: end)
    let actual = detector.detect(
      merged.principals, window: window, dataStart: merged.start)

    #expect(!expected.isEmpty)
    #expect(actual.count == expected.count)
    for (a, e) in zip(actual, expected) {
      #expect(a.principal == e.principal)
      #expect(a.detection == e.detection)
      #expect(a.start == e.start)
      #expect(a.score == e.score)
      #expect(a.signals.count == e.signals.count)
      for (x, y) in zip(a.signals, e.signals) {
        #expect(abs(x.surprise - y.surprise) <= 1e-9 * max(1, y.surprise))
      }
    }
  }
}
