import AccessLogs

/// What `storagewatch calibrate` learns from history and `detect --model`
/// starts from: every principal's hourly activity over the retained
/// history, when each of its sources, networks, user agents, operations,
/// buckets and action categories was first seen, and the baseline
/// settings it was calibrated with.
///
/// The hourly aggregates are the sufficient statistics of every model the
/// detections fit (seasonal count baselines, peer profiles, daily habits
/// and the robust covariance of hourly features), so a detector fitted
/// from a model gives the findings it would give on the raw logs of the
/// same hours. Hours older than ``historyDays`` before ``end`` are
/// dropped by ``trimmed()``; first-seen hours are kept for as long as the
/// model lives, so a source stays known after it leaves the history.
///
/// Sample object keys and event ids (see ``HourStats/sampleObjects``) are
/// not kept: they only explain findings, and findings come from the new
/// logs' hours.
public struct ActivityModel: Hashable, Sendable {
  /// Days of hourly activity kept before ``end``.
  public var historyDays: Int
  /// The baseline settings calibrated with: history days, time zone and
  /// business hours. `detect --model` uses them unless told otherwise.
  public var settings: DetectionSettings
  /// The first hour (since the epoch) with data, ever.
  public var start: Int
  /// The hour after the last hour with data.
  public var end: Int
  /// Activity per principal string.
  public var principals: [String: PrincipalActivity]

  /// Creates a model from accumulated activity.
  ///
  /// - Parameters:
  ///   - activity: Activity per principal, as ``ActivityAccumulator``
  ///     gives it.
  ///   - start: The first hour with data.
  ///   - end: The hour after the last with data; at least `start`.
  ///   - settings: The baseline settings; `historyDays` sets how much
  ///     hourly activity is kept.
  public init(
    _ activity: [String: PrincipalActivity], start: Int, end: Int,
    settings: DetectionSettings
  ) {
    precondition(start <= end, "ActivityModel: end \(end) before \(start)")
    precondition(settings.historyDays >= 1, "ActivityModel: historyDays < 1")
    self.historyDays = settings.historyDays
    self.settings = settings
    self.start = start
    self.end = end
    self.principals = activity
  }

  /// Hours of activity kept, summed over principals.
  public var hourCount: Int {
    principals.values.reduce(0) { $0 + $1.hours.count }
  }

  /// The model with another stretch of activity folded in.
  ///
  /// Per principal, an hour present on one side only is taken as it is;
  /// an hour present on both sides keeps the side with more events, and
  /// the new side on a tie. First-seen hours keep the earlier, accounts
  /// are united. So folding in the same logs twice gives the same model
  /// as folding them in once, and an hour cut short at the edge of one
  /// input does not replace the whole hour the other holds.
  ///
  /// - Parameters:
  ///   - activity: New activity per principal.
  ///   - start: Its first hour with data, or `nil` when it has none.
  ///   - end: The hour after its last, or `nil` when it has none.
  /// - Returns: The merged model, not trimmed.
  /// - Complexity: O(*h*) in the hours of both sides.
  public func merging(
    _ activity: [String: PrincipalActivity], start: Int?, end: Int?
  ) -> ActivityModel {
    var result = self
    if let start { result.start = min(result.start, start) }
    if let end { result.end = max(result.end, end) }
    for (principal, new) in activity {
      guard let old = result.principals[principal] else {
        result.principals[principal] = new
        continue
      }
      result.principals[principal] = ActivityModel.merge(old, new)
    }
    return result
  }

  /// The model without hours older than ``historyDays`` before ``end``,
  /// and without sample keys and ids.
  ///
  /// Principals keep their first-seen hours even when none of their
  /// hours remain.
  ///
  /// - Returns: The trimmed model.
  /// - Complexity: O(*h*) in the hours kept.
  public func trimmed() -> ActivityModel {
    var result = self
    let cutoff = end - historyDays * 24
    for key in result.principals.keys {
      let hours = result.principals[key]!.hours
      let first = hours.partitioningIndex { $0.hour >= cutoff }
      result.principals[key]!.hours = hours[first...].map { hour in
        var hour = hour
        hour.sampleObjects = []
        hour.sampleEventIDs = []
        return hour
      }
    }
    return result
  }

  static func merge(_ old: PrincipalActivity, _ new: PrincipalActivity)
    -> PrincipalActivity
  {
    var result = old
    result.accounts.formUnion(new.accounts)
    var hours: [HourStats] = []
    hours.reserveCapacity(old.hours.count + new.hours.count)
    var i = 0
    var j = 0
    while i < old.hours.count || j < new.hours.count {
      if j == new.hours.count
        || (i < old.hours.count && old.hours[i].hour < new.hours[j].hour)
      {
        hours.append(old.hours[i])
        i += 1
      } else if i == old.hours.count || new.hours[j].hour < old.hours[i].hour {
        hours.append(new.hours[j])
        j += 1
      } else {
        let keepOld = old.hours[i].events > new.hours[j].events
        hours.append(keepOld ? old.hours[i] : new.hours[j])
        i += 1
        j += 1
      }
    }
    result.hours = hours
    for (k, v) in new.sourceFirstHour { result.sourceFirstHour.keepMin(k, v) }
    for (k, v) in new.networkFirstHour {
      result.networkFirstHour.keepMin(k, v)
    }
    for (k, v) in new.userAgentFirstHour {
      result.userAgentFirstHour.keepMin(k, v)
    }
    for (k, v) in new.operationFirstHour {
      result.operationFirstHour.keepMin(k, v)
    }
    for (k, v) in new.bucketFirstHour { result.bucketFirstHour.keepMin(k, v) }
    for (k, v) in new.actionFirstHour { result.actionFirstHour.keepMin(k, v) }
    return result
  }
}
