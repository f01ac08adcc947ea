import AccessLogs
import Foundation

/// How well a set of findings matches the labelled incidents of the judged
/// days, counting only findings at medium severity or above (alarms).
///
/// An incident counts as caught once when any alarm matches it (see
/// ``IncidentLabel/matches(_:)``); a false alarm is an alarm that matches
/// no label.
public struct TuningMetrics: Hashable, Sendable, Codable {
  /// Labelled incidents in the judged days.
  public var incidents: Int
  /// Incidents matched by at least one alarm.
  public var caught: Int
  /// Findings at medium severity or above.
  public var alarms: Int
  /// Alarms that match no label.
  public var falseAlarms: Int
  /// Days judged.
  public var days: Int

  /// Creates metrics.
  ///
  /// - Parameters:
  ///   - incidents: Labelled incidents judged.
  ///   - caught: Incidents caught.
  ///   - alarms: Alarms raised.
  ///   - falseAlarms: Alarms matching no label.
  ///   - days: Days judged.
  public init(
    incidents: Int, caught: Int, alarms: Int, falseAlarms: Int, days: Int
  ) {
    self.incidents = incidents
    self.caught = caught
    self.alarms = alarms
    self.falseAlarms = falseAlarms
    self.days = days
  }

  /// Adds another period's counts to these.
  ///
  /// - Parameter other: Metrics of disjoint days.
  mutating func add(_ other: TuningMetrics) {
    incidents += other.incidents
    caught += other.caught
    alarms += other.alarms
    falseAlarms += other.falseAlarms
    days += other.days
  }

  /// False alarms per judged day; 0 when no day was judged.
  public var falseAlarmsPerDay: Double {
    days > 0 ? Double(falseAlarms) / Double(days) : 0
  }

  /// The share of alarms that match a label; `nil` without alarms.
  public var precision: Double? {
    alarms > 0 ? Double(alarms - falseAlarms) / Double(alarms) : nil
  }

  /// The share of incidents caught; `nil` without incidents.
  public var recall: Double? {
    incidents > 0 ? Double(caught) / Double(incidents) : nil
  }

  /// The harmonic mean of precision and recall, 0 when either is 0 or
  /// undefined.
  public var f1: Double {
    guard let p = precision, let r = recall, p + r > 0 else { return 0 }
    return 2 * p * r / (p + r)
  }
}

/// One row of a detection's table: a threshold and what it gives.
public struct ThresholdRow: Hashable, Sendable, Codable {
  /// The surprise threshold.
  public var threshold: Double
  /// The metrics of the findings whose primary detection is the row's
  /// detection, with the other detections at their base thresholds.
  public var metrics: TuningMetrics
}

/// The grid of one detection and the threshold chosen for it.
public struct DetectionTuning: Hashable, Sendable, Codable {
  /// The detection.
  public var detection: DetectionKind
  /// Its threshold in the base settings.
  public var baseThreshold: Double
  /// One row per grid value, lowest threshold first.
  public var rows: [ThresholdRow]
  /// The threshold chosen, one of the rows' thresholds.
  public var chosen: Double
}

/// The outcome of ``ThresholdTuner/tune(_:labels:dataStart:end:)``.
public struct TuningResult: Hashable, Sendable, Codable {
  /// Days judged (fewer than asked when the data is shorter).
  public var days: Int
  /// The labels that overlap the judged days.
  public var incidents: Int
  /// One entry per detection, in ``DetectionKind`` order.
  public var detections: [DetectionTuning]
  /// The base settings with the chosen thresholds.
  public var settings: DetectionSettings
  /// Every alarm of every detection under the chosen thresholds.
  public var overall: TuningMetrics
  /// Every alarm under the base settings' thresholds, for comparison.
  public var base: TuningMetrics
  /// For an alert budget, whether the chosen thresholds meet it; always
  /// `true` for the F1 objective.
  public var budgetMet: Bool
  /// For the F1 objective over two days or more with
  /// ``ThresholdTuner/crossValidates`` set, how the search fared on days
  /// it had not seen; `nil` otherwise.
  public var crossValidation: CrossValidation?
}

/// Leave-one-day-out cross-validation of the F1 search: whether searching
/// on some days picks thresholds that do better than the base ones on
/// another day.
///
/// For each judged day, the search runs on the other days and its
/// thresholds judge the held-out day; the held-out days' counts are
/// summed into ``searched``. ``base`` sums the base thresholds' counts
/// over the same days. The search's choice on all days is adopted only
/// when ``searched`` has the higher F1 (ties keep the base), since with a
/// handful of labelled incidents a threshold that catches one borderline
/// case in sample often adds a false alarm, or loses a catch, out of it.
public struct CrossValidation: Hashable, Sendable, Codable {
  /// Held-out days' metrics under the thresholds searched on the others.
  public var searched: TuningMetrics
  /// Held-out days' metrics under the base thresholds.
  public var base: TuningMetrics
  /// The thresholds the search picked on all judged days.
  public var candidate: DetectionSettings
  /// Whether ``candidate`` was adopted (`searched.f1 > base.f1`).
  public var adopted: Bool
}

/// Picks surprise thresholds per detection by judging detections against
/// labelled incidents over the last days of the data.
///
/// Each of the last ``days`` days is judged as `detect` would judge it:
/// the window is the day, the history the days before it. The detector
/// runs once per day with every threshold at the lowest value of its grid
/// and keeps every signal; each candidate set of thresholds then filters
/// the signals (`Detector.keeps(_:under:)`) and merges and scores them
/// again into findings (`Finding.merge(_:activity:settings:)`), which
/// gives the same findings as a run with those thresholds, without
/// timelines.
///
/// Each detection's grid is its base threshold times ``factors``. Its
/// table varies that detection's threshold with every other detection at
/// its base threshold, and counts only the alarms whose primary detection
/// is that detection; recall is over every judged incident.
public struct ThresholdTuner: Sendable {
  /// How thresholds are chosen.
  public enum Objective: Hashable, Sendable {
    /// The thresholds with the highest F1 over all alarms together, where
    /// precision is the share of alarms that match a label, recall the
    /// share of judged incidents some alarm matches, and F1 is
    /// `2PR / (P + R)`. The search starts from the base thresholds and
    /// moves one detection at a time to the grid value that most raises
    /// F1 (ties: fewer false alarms, then nearer the base), until no
    /// single move raises F1 or lowers false alarms at equal F1. So the
    /// chosen thresholds never do worse than the base ones on the judged
    /// days. With ``ThresholdTuner/crossValidates`` (the default) the
    /// choice is kept only when the same search, run without each day in
    /// turn, beats the base thresholds on the day left out; otherwise the
    /// base thresholds stand.
    case f1
    /// The lowest thresholds whose alarms, over all detections together,
    /// stay at or below this many false alarms a day: starting with every
    /// detection at its lowest grid value, the tuner raises one detection
    /// a grid step at a time, each time the step that loses the fewest
    /// caught incidents and then removes the most false alarms, until the
    /// budget is met or every threshold is at its highest value.
    case alertBudget(Double)
  }

  /// The settings to start from: thresholds scale from these, and every
  /// other setting is kept.
  public var settings: DetectionSettings
  /// Days to judge, the last of the data. Default 7.
  public var days: Int
  /// How thresholds are chosen. Default ``Objective/f1``.
  public var objective: Objective
  /// Whether the F1 objective adopts its search's choice only when
  /// leave-one-day-out cross-validation shows the search beating the base
  /// thresholds on held-out days (see ``CrossValidation``). Default
  /// `true`; `false` adopts the in-sample choice as it is.
  public var crossValidates = true
  /// Multiples of each base threshold to try, in any order (tables list
  /// them ascending); an empty list tries the base thresholds alone.
  /// Default 0.5, 0.625, 0.75, 0.875, 1, 1.25, 1.5, 2, 2.5 and 3.
  public var factors: [Double] = [
    0.5, 0.625, 0.75, 0.875, 1, 1.25, 1.5, 2, 2.5, 3,
  ]

  /// Creates a tuner.
  ///
  /// - Parameters:
  ///   - settings: Base settings. Default: the defaults.
  ///   - days: Days to judge; values below 1 judge one day. Default 7.
  ///   - objective: How to choose. Default ``Objective/f1``.
  public init(
    settings: DetectionSettings = DetectionSettings(), days: Int = 7,
    objective: Objective = .f1
  ) {
    self.settings = settings
    self.days = max(1, days)
    self.objective = objective
  }

  /// Tunes thresholds on activity that has already been read.
  ///
  /// - Parameters:
  ///   - activity: Every principal's activity, from
  ///     ``ActivityAccumulator``.
  ///   - labels: The labelled incidents; those that do not overlap the
  ///     judged days are ignored.
  ///   - dataStart: The first hour with data.
  ///   - end: The hour after the last judged day (exclusive), such as the
  ///     hour after the latest event.
  /// - Returns: The tables, the chosen settings and their metrics. Days
  ///   that would start before `dataStart` are not judged.
  /// - Complexity: One detector run per judged day, then one merge of the
  ///   kept signals per day and principal for each candidate.
  public func tune(
    _ activity: [String: PrincipalActivity], labels: [IncidentLabel],
    dataStart: Int, end: Int
  ) -> TuningResult {
    let judgedDays = (0..<days).filter { end - 24 * ($0 + 1) >= dataStart }
    let start = end - 24 * judgedDays.count
    let judged = LabelSet(labels).overlapping(
      from: Timestamp(secondsSinceEpoch: Int64(start) * 3600),
      to: Timestamp(secondsSinceEpoch: Int64(end) * 3600))
    let kinds = DetectionKind.allCases
    let factors = self.factors.isEmpty ? [1] : self.factors.sorted()
    let grids = Dictionary(
      uniqueKeysWithValues: kinds.map { kind in
        (kind, factors.map { settings.threshold(kind) * $0 })
      })

    var lowest = settings
    for kind in kinds { lowest.thresholds[kind] = grids[kind]!.first! }
    let detector = Detector(settings: lowest)
    var signals: [[String: [Signal]]] = []
    for day in judgedDays {
      let window = (end - 24 * (day + 1))..<(end - 24 * day)
      var byPrincipal: [String: [Signal]] = [:]
      for finding in detector.detect(
        activity, window: window, dataStart: dataStart)
      {
        byPrincipal[finding.principal, default: []] += finding.signals
      }
      signals.append(byPrincipal)
    }
    let dayLabels = judgedDays.map { day in
      LabelSet(judged).overlapping(
        from: Timestamp(secondsSinceEpoch: Int64(end - 24 * (day + 1)) * 3600),
        to: Timestamp(secondsSinceEpoch: Int64(end - 24 * day) * 3600))
    }
    let evaluation = Evaluation(
      activity: activity, signals: signals, labels: judged,
      days: judgedDays.count)

    var tables: [DetectionKind: [ThresholdRow]] = [:]
    for kind in kinds {
      tables[kind] = grids[kind]!.map { value in
        var candidate = settings
        candidate.thresholds[kind] = value
        return ThresholdRow(
          threshold: value,
          metrics: evaluation.metrics(candidate, primary: kind))
      }
    }

    var chosen = settings
    var budgetMet = true
    var validation: CrossValidation?
    switch objective {
    case .f1:
      chosen = bestF1(grids: grids, evaluation: evaluation)
      if crossValidates && judgedDays.count >= 2 {
        let folds = crossValidate(
          grids: grids, activity: activity, signals: signals,
          dayLabels: dayLabels)
        let adopted = folds.searched.f1 > folds.base.f1
        validation = CrossValidation(
          searched: folds.searched, base: folds.base, candidate: chosen,
          adopted: adopted)
        if !adopted { chosen = settings }
      }
    case .alertBudget(let budget):
      (chosen, budgetMet) = withinBudget(
        budget, grids: grids, evaluation: evaluation)
    }
    return TuningResult(
      days: judgedDays.count, incidents: judged.count,
      detections: kinds.map { kind in
        DetectionTuning(
          detection: kind, baseThreshold: settings.threshold(kind),
          rows: tables[kind]!, chosen: chosen.threshold(kind))
      },
      settings: chosen, overall: evaluation.metrics(chosen),
      base: evaluation.metrics(settings), budgetMet: budgetMet,
      crossValidation: validation)
  }

  /// Sums, over the judged days, the held-out day's metrics under the
  /// thresholds searched on the other days, and under the base ones.
  private func crossValidate(
    grids: [DetectionKind: [Double]],
    activity: [String: PrincipalActivity], signals: [[String: [Signal]]],
    dayLabels: [[IncidentLabel]]
  ) -> (searched: TuningMetrics, base: TuningMetrics) {
    var searched = TuningMetrics(
      incidents: 0, caught: 0, alarms: 0, falseAlarms: 0, days: 0)
    var base = searched
    for held in signals.indices {
      let others = signals.indices.filter { $0 != held }
      var trainingLabels: [IncidentLabel] = []
      for day in others {
        for label in dayLabels[day] where !trainingLabels.contains(label) {
          trainingLabels.append(label)
        }
      }
      let training = Evaluation(
        activity: activity, signals: others.map { signals[$0] },
        labels: trainingLabels, days: others.count)
      let test = Evaluation(
        activity: activity, signals: [signals[held]],
        labels: dayLabels[held], days: 1)
      searched.add(test.metrics(bestF1(grids: grids, evaluation: training)))
      base.add(test.metrics(settings))
    }
    return (searched, base)
  }

  /// Coordinate ascent on overall F1 from the base thresholds; see
  /// ``Objective/f1``.
  private func bestF1(
    grids: [DetectionKind: [Double]], evaluation: Evaluation
  ) -> DetectionSettings {
    let kinds = DetectionKind.allCases
    func key(_ m: TuningMetrics, _ s: DetectionSettings) -> (
      Double, Int, Double
    ) {
      let distance = kinds.reduce(0.0) {
        $0 + abs(log(s.threshold($1) / settings.threshold($1)))
      }
      return (-m.f1, m.falseAlarms, distance)
    }
    var current = settings
    var currentMetrics = evaluation.metrics(current)
    // Each accepted move strictly lowers (-F1, false alarms), which take
    // finitely many values, so the loop ends; the cap is a safeguard.
    for _ in 0..<(kinds.count * 50) {
      var best: (settings: DetectionSettings, metrics: TuningMetrics)?
      for kind in kinds {
        for value in grids[kind]! where value != current.threshold(kind) {
          var candidate = current
          candidate.thresholds[kind] = value
          let m = evaluation.metrics(candidate)
          let improves =
            (-m.f1, m.falseAlarms) < (
              -currentMetrics.f1, currentMetrics.falseAlarms
            )
          guard improves else { continue }
          if best.map({ key(m, candidate) < key($0.metrics, $0.settings) })
            ?? true
          {
            best = (candidate, m)
          }
        }
      }
      guard let best else { break }
      current = best.settings
      currentMetrics = best.metrics
    }
    return current
  }

  private func withinBudget(
    _ budget: Double, grids: [DetectionKind: [Double]],
    evaluation: Evaluation
  ) -> (DetectionSettings, Bool) {
    let kinds = DetectionKind.allCases
    var steps = Dictionary(uniqueKeysWithValues: kinds.map { ($0, 0) })
    func settings(_ steps: [DetectionKind: Int]) -> DetectionSettings {
      var s = self.settings
      for kind in kinds { s.thresholds[kind] = grids[kind]![steps[kind]!] }
      return s
    }
    var current = evaluation.metrics(settings(steps))
    while current.falseAlarmsPerDay > budget {
      var best: (key: (Int, Int), kind: DetectionKind, m: TuningMetrics)?
      for kind in kinds where steps[kind]! + 1 < grids[kind]!.count {
        var next = steps
        next[kind]! += 1
        let m = evaluation.metrics(settings(next))
        let key = (
          current.caught - m.caught, -(current.falseAlarms - m.falseAlarms)
        )
        if best.map({ key < $0.key }) ?? true { best = (key, kind, m) }
      }
      guard let best else { break }
      steps[best.kind]! += 1
      current = best.m
    }
    return (settings(steps), current.falseAlarmsPerDay <= budget)
  }
}

/// The kept signals of the judged days and the labels to judge them by.
private struct Evaluation {
  var activity: [String: PrincipalActivity]
  var signals: [[String: [Signal]]]
  var labels: [IncidentLabel]
  var days: Int

  /// The metrics of the alarms a run with `settings` raises, counting
  /// only alarms whose primary detection is `primary` when given.
  func metrics(
    _ settings: DetectionSettings, primary: DetectionKind? = nil
  ) -> TuningMetrics {
    var caught = Set<Int>()
    var alarms = 0
    var falseAlarms = 0
    for day in signals {
      for principal in day.keys.sorted() {
        let kept = day[principal]!.filter {
          Detector.keeps($0, under: settings)
        }
        guard !kept.isEmpty, let history = activity[principal] else {
          continue
        }
        for finding in Finding.merge(
          kept, activity: history, settings: settings)
        where finding.severity >= .medium
          && (primary == nil || finding.detection == primary)
        {
          alarms += 1
          let matched = labels.indices.filter { labels[$0].matches(finding) }
          if matched.isEmpty { falseAlarms += 1 }
          caught.formUnion(matched)
        }
      }
    }
    return TuningMetrics(
      incidents: labels.count, caught: caught.count, alarms: alarms,
      falseAlarms: falseAlarms, days: days)
  }
}
