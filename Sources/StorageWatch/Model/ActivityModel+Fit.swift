/// What a detector fitted from a model at its end would stand on: how
/// many principals get their own baselines and covariance models.
public struct ModelFit: Hashable, Sendable, Codable {
  /// Principals in the model.
  public var principals: Int
  /// Principals with activity in the retained history.
  public var active: Int
  /// Active principals with at least
  /// ``DetectionSettings/minimumActiveDays`` active days, judged by their
  /// own seasonal baselines and habits.
  public var ownBaselines: Int
  /// Active principals with fewer active days, judged against the pooled
  /// profile of their kind (the peer group).
  public var peerBaselines: Int
  /// Peer profiles, one per principal kind with an own-baseline member.
  public var peerGroups: Int
  /// Principals with enough active hours
  /// (``DetectionSettings/exfiltrationMinimumHours``) for their own
  /// robust covariance model.
  public var covarianceModels: Int
  /// Hours of activity kept, summed over principals.
  public var hours: Int
  /// Distinct sources remembered as seen, summed over principals.
  public var knownSources: Int
}

extension ActivityModel {
  /// Fits every principal's history as a detection window starting at
  /// ``end`` would, and counts what it stands on.
  ///
  /// - Parameter settings: Detection settings; the model's own by
  ///   default.
  /// - Returns: The counts.
  /// - Complexity: O(*P* · *H*) for *P* principals and *H* history hours.
  public func fit(settings: DetectionSettings? = nil) -> ModelFit {
    let settings = settings ?? self.settings
    let historyStart = max(start, end - settings.historyDays * 24)
    var fit = ModelFit(
      principals: principals.count, active: 0, ownBaselines: 0,
      peerBaselines: 0, peerGroups: 0, covarianceModels: 0,
      hours: hourCount, knownSources: 0)
    var kinds = Set<String>()
    for activity in principals.values {
      fit.knownSources += activity.sourceFirstHour.count
      let history = PrincipalHistory(
        activity, historyStart: historyStart, windowStart: end,
        settings: settings)
      guard !history.hours.isEmpty else { continue }
      fit.active += 1
      if history.activeDays >= settings.minimumActiveDays {
        fit.ownBaselines += 1
        kinds.insert(activity.kind.rawValue)
      } else {
        fit.peerBaselines += 1
      }
      if history.hours.count >= settings.exfiltrationMinimumHours {
        fit.covarianceModels += 1
      }
    }
    fit.peerGroups = kinds.count
    return fit
  }
}
