import AccessLogs
import Foundation
import Testing

@testable import StorageWatch

@Suite("labels.csv parsing")
struct TuningLabelParsingTests {
  @Test("A valid file gives one label a row")
  func valid() throws {
    let text = """
      principal,start,end,kind
      alice,2026-10-26T14:00:00Z,2026-10-26T14:59:00Z,read-spike

      bob,2026-10-25T02:00:00Z,2026-10-25T02:30:00Z,after-hours
      """
    let set = try LabelSet.parse(text)
    #expect(set.labels.count == 2)
    #expect(set.labels[0].principal == "alice")
    #expect(set.labels[0].incidentKind == .readSpike)
    #expect(set.labels[1].start.iso8601 == "2026-10-25T02:00:00Z")
    #expect(set.labels[1].incidentKind == .afterHours)
  }

  @Test("Quoted fields keep commas and doubled quotes; CRLF is accepted")
  func quoted() throws {
    let text =
      "\u{FEFF}principal,start,end,kind\r\n"
      + "\"svc,\"\"backup\"\"\", 2026-10-26T11:00:00Z ,"
      + "\"2026-10-26T11:20:00Z\",mass-deletion\r\n"
    let set = try LabelSet.parse(text)
    #expect(set.labels.map(\.principal) == ["svc,\"backup\""])
    #expect(set.labels.first?.end.iso8601 == "2026-10-26T11:20:00Z")
  }

  @Test("A bad time is reported with its line number")
  func badTime() {
    let text = """
      principal,start,end,kind
      alice,2026-10-26T14:00:00Z,2026-10-26T14:59:00Z,read-spike
      bob,yesterday,2026-10-25T02:30:00Z,after-hours
      """
    #expect(throws: LabelSet.ParseError.self) { try LabelSet.parse(text) }
    do {
      _ = try LabelSet.parse(text)
    } catch {
      #expect(error.line == 3)
      #expect(error.description.contains("line 3"))
      #expect(error.message.contains("yesterday"))
    }
  }

  @Test(
    "Malformed rows name their line",
    arguments: [
      ("alice,2026-10-26T14:00:00Z,read-spike", "expected 4 fields"),
      (
        "alice,2026-10-26T14:00:00Z,2026-10-26T13:00:00Z,read-spike",
        "end precedes start"
      ),
      (",2026-10-26T14:00:00Z,2026-10-26T15:00:00Z,read-spike", "empty"),
      ("alice,2026-10-26T14:00:00Z,2026-10-26T15:00:00Z,", "empty kind"),
      ("\"alice,2026-10-26T14:00:00Z,2026-10-26T15:00:00Z,x", "quote"),
    ])
  func malformed(row: String, message: String) {
    do {
      _ = try LabelSet.parse("principal,start,end,kind\n\(row)\n")
      Issue.record("parsed \(row)")
    } catch {
      #expect(error.line == 2)
      #expect(error.message.contains(message))
    }
  }

  @Test("Kinds are the labeller's own words")
  func freeFormKinds() throws {
    let set = try LabelSet.parse(
      """
      principal,start,end,kind
      alice,2026-10-26T14:00:00Z,2026-10-26T15:00:00Z,phishing
      "svc,etl",2026-10-26T14:00:00Z,2026-10-26T15:00:00Z,"insider, confirmed"
      """)
    #expect(set.labels.map(\.kind) == ["phishing", "insider, confirmed"])
    #expect(set.labels.allSatisfy { $0.incidentKind == nil })
    let written = ([IncidentLabel.csvHeader] + set.labels.map(\.csvRow))
      .joined(separator: "\n")
    #expect(try LabelSet.parse(written) == set)
  }

  @Test("A missing header is an error on line 1", arguments: ["", "x,y\n"])
  func missingHeader(text: String) {
    do {
      _ = try LabelSet.parse(
        text.isEmpty
          ? text
          : "alice,2026-10-26T14:00:00Z,2026-10-26T15:00:00Z,read-spike\n")
      Issue.record("parsed without a header")
    } catch {
      #expect(error.line == 1)
      #expect(error.message.contains("principal,start,end,kind"))
    }
  }

  @Test("Labels written by IncidentLabel.csvRow parse back")
  func roundTrip() throws {
    let label = IncidentLabel(
      principal: "carol@example.com",
      start: Timestamp.parseISO8601("2026-10-20T01:00:00Z")!,
      end: Timestamp.parseISO8601("2026-10-20T03:00:00Z")!,
      kind: .bulkExfiltration)
    let text = IncidentLabel.csvHeader + "\n" + label.csvRow + "\n"
    #expect(try LabelSet.parse(text).labels == [label])
  }
}

@Suite("Threshold tuning on hand-made event streams")
struct TuningThresholdTests {
  /// Office workers for 22 days; alice downloads 900 objects on day 21
  /// (labelled); bob works at 02:00 on day 21 and dave reads from a new
  /// address on day 19 (both unlabelled).
  static func stream() -> (StreamBuilder, [IncidentLabel]) {
    var stream = StreamBuilder()
    for name in ["alice", "bob", "dave"] {
      stream.officeWorker(name, days: 22)
    }
    stream.add("alice", day: 21, hour: 14, count: 900)
    stream.add("bob", day: 21, hour: 2, count: 8)
    stream.add("dave", day: 19, hour: 10, count: 6, address: "203.0.113.9")
    let start = StreamBuilder.start.adding(seconds: 21 * 86_400 + 14 * 3600)
    let label = IncidentLabel(
      principal: "alice", start: start, end: start.adding(seconds: 3500),
      kind: .readSpike)
    return (stream, [label])
  }

  static func tune(
    _ tuner: ThresholdTuner,
    stream made: (StreamBuilder, [IncidentLabel]) = stream()
  ) -> TuningResult {
    let (stream, labels) = made
    var accumulator = ActivityAccumulator()
    for event in stream.events { accumulator.add(event) }
    let startHour = ActivityAccumulator.hour(of: StreamBuilder.start)
    return tuner.tune(
      accumulator.finish(), labels: labels, dataStart: startHour,
      end: startHour + 22 * 24)
  }

  @Test("The labelled bulk download is caught and thresholds are chosen")
  func caught() throws {
    let result = Self.tune(ThresholdTuner(days: 3))
    #expect(result.days == 3)
    #expect(result.incidents == 1)
    #expect(result.overall.caught == 1)
    let bulk = try #require(
      result.detections.first { $0.detection == .bulkDownload })
    #expect(bulk.rows.count == 10)
    #expect(bulk.rows.map(\.threshold) == bulk.rows.map(\.threshold).sorted())
    #expect(bulk.rows.first?.threshold == 3)
    #expect(bulk.rows.last?.threshold == 18)
    #expect(bulk.rows.first?.metrics.caught == 1)
    for tuning in result.detections {
      #expect(tuning.rows.contains { $0.threshold == tuning.chosen })
      #expect(result.settings.threshold(tuning.detection) == tuning.chosen)
    }
  }

  /// Without cross-validation the in-sample search is adopted as found.
  static func inSample(
    _ settings: DetectionSettings = DetectionSettings()
  ) -> ThresholdTuner {
    var tuner = ThresholdTuner(settings: settings, days: 3, objective: .f1)
    tuner.crossValidates = false
    return tuner
  }

  @Test("F1 raises overall F1 above the base, and no single step beats it")
  func f1() {
    let result = Self.tune(Self.inSample())
    #expect(result.crossValidation == nil)
    #expect(result.overall.f1 > result.base.f1)
    #expect(result.overall.caught == 1)
    // A local optimum: no detection's other row, with the rest chosen,
    // has a higher F1 than the chosen thresholds. Each table varies one
    // detection with the others at their *base* thresholds, so the check
    // re-runs the tuner with the chosen settings as base and expects it
    // to stay.
    let again = Self.tune(Self.inSample(result.settings))
    #expect(again.settings == result.settings)
    #expect(again.overall == result.overall)
    #expect(result.base.falseAlarms > 0)
    #expect(result.overall.falseAlarms == 0)
  }

  /// The false alarms of the hand-made stream fall on one day each, so
  /// a search without that day has nothing to remove and the held-out
  /// day keeps its false alarm: the search is not adopted.
  @Test("Cross-validation keeps the base when no move holds out of sample")
  func crossValidationKeepsTheBase() throws {
    let result = Self.tune(ThresholdTuner(days: 3))
    let validation = try #require(result.crossValidation)
    #expect(validation.candidate != result.settings)
    #expect(!validation.adopted)
    #expect(validation.searched.f1 <= validation.base.f1)
    #expect(result.settings == ThresholdTuner(days: 3).settings)
    #expect(result.overall == result.base)
    for tuning in result.detections {
      #expect(tuning.chosen == tuning.baseThreshold)
    }
  }

  /// Erin reads at 03:00 on each of the three judged days without a
  /// label: every held-out day's false alarm is one the other days also
  /// show, so the search's higher threshold holds and is adopted.
  @Test("Cross-validation adopts a move that holds on held-out days")
  func crossValidationAdopts() throws {
    var (stream, labels) = Self.stream()
    stream.officeWorker("erin", days: 22)
    for day in 19...21 {
      stream.add("erin", day: day, hour: 3, count: 12)
    }
    let result = Self.tune(ThresholdTuner(days: 3), stream: (stream, labels))
    let validation = try #require(result.crossValidation)
    #expect(validation.adopted)
    #expect(validation.searched.f1 > validation.base.f1)
    #expect(result.settings == validation.candidate)
    #expect(result.overall.f1 > result.base.f1)
    #expect(result.overall.caught == 1)
  }

  @Test("An alert budget keeps false alarms within it, as low as it can")
  func alertBudget() {
    let strict = Self.tune(ThresholdTuner(days: 3, objective: .alertBudget(0)))
    #expect(strict.base.falseAlarms > 0)
    #expect(strict.budgetMet)
    #expect(strict.overall.falseAlarms == 0)
    #expect(strict.overall.caught == 1)

    let loose = Self.tune(
      ThresholdTuner(days: 3, objective: .alertBudget(1000)))
    #expect(loose.budgetMet)
    for tuning in loose.detections {
      #expect(tuning.chosen == tuning.rows.first?.threshold)
    }
    #expect(loose.overall.falseAlarms >= strict.overall.falseAlarms)
  }

  @Test("Filtering signals gives the same alarms as running the detector")
  func filteringMatchesDetector() {
    let (stream, labels) = Self.stream()
    var settings = DetectionSettings()
    settings.thresholds[.bulkDownload] = 4
    settings.thresholds[.newSourceAddress] = 1
    var tuner = ThresholdTuner(settings: settings, days: 3)
    tuner.factors = [1]
    let result = Self.tune(tuner)

    var alarms = 0
    var falseAlarms = 0
    for day in 19...21 {
      for finding in stream.detect(windowDay: day, settings: settings)
      where finding.severity >= .medium {
        alarms += 1
        if !labels.contains(where: { $0.matches(finding) }) {
          falseAlarms += 1
        }
      }
    }
    #expect(result.base.alarms == alarms)
    #expect(result.base.falseAlarms == falseAlarms)
    #expect(result.overall == result.base)
  }

  @Test("The chosen settings survive a JSON round trip")
  func jsonRoundTrip() throws {
    let result = Self.tune(ThresholdTuner(days: 3))
    let data = try JSONEncoder().encode(result.settings)
    let decoded = try JSONDecoder().decode(DetectionSettings.self, from: data)
    #expect(decoded == result.settings)
  }
}
