import AccessLogs
import AnomalyModels
import Foundation

/// What the detector sees of one principal: every hour of its history and
/// window against its seasonal baseline, its robust covariance model's
/// distances, and its findings.
///
/// Written by `storagewatch explain`, one JSON object per principal, for
/// plotting and for checking why a detection fired or stayed quiet. The
/// encoding follows the JSON report's rules: keys sorted, times RFC 3339
/// UTC, optional fields left out, non-finite numbers as `"inf"`, `"-inf"`
/// and `"nan"`.
public struct PrincipalExplanation: Codable, Hashable, Sendable {
  /// One hour of the principal's requests against its baseline.
  public struct Hour: Codable, Hashable, Sendable {
    /// The start of the hour.
    public var time: Timestamp
    /// The hour of the week in the settings' time zone, Monday 00:00 = 0,
    /// the slot of the 168-slot baseline.
    public var hourOfWeek: Int
    /// Whether the hour is judged (in the window) rather than history.
    public var inWindow: Bool
    /// Requests in the hour.
    public var requests: Int
    /// Reads of object data.
    public var reads: Int
    /// Deletes.
    public var deletes: Int
    /// Listing and inspection calls.
    public var enumerations: Int
    /// Requests refused for permission or credentials.
    public var denied: Int
    /// Requests the seasonal baseline expects for this hour of the week
    /// (0 while the baseline has too little history).
    public var expected: Double
    /// The top of the usual band: `expected` plus three standard
    /// deviations of the negative binomial (or Poisson) spread.
    public var upper: Double
    /// The mean of an exponentially weighted moving average of the hourly
    /// requests before this hour (see ``PrincipalExplanation/ewmaHalfLifeHours``);
    /// absent before the first hour. No detection uses it: it shows what
    /// a baseline without seasons would expect.
    public var ewmaMean: Double?
    /// That average's mean plus three of its standard deviations; absent
    /// until two hours have been seen.
    public var ewmaUpper: Double?
  }

  /// One active hour under the principal's robust covariance model.
  public struct Distance: Codable, Hashable, Sendable {
    /// The start of the hour.
    public var time: Timestamp
    /// Whether the hour is judged (in the window) rather than history.
    public var inWindow: Bool
    /// Whether reweighting kept the hour in the model's support (history
    /// hours only; `false` in the window).
    public var inSupport: Bool
    /// The squared Mahalanobis distance `d²` from the robust location.
    public var squaredDistance: Double
    /// `-log10` of the chi-square tail of `d² / calibrationScale`, the
    /// exfiltration surprise, at most 300.
    public var surprise: Double
    /// Each feature's value in the hour in its own unit (requests, MiB,
    /// ...), in the order of ``Covariance/features``.
    public var values: [Double]
    /// Each feature's share of `d²` (the additive parts `c_j / d²`), in
    /// the order of ``Covariance/features``; shares can be negative and
    /// sum to 1.
    public var shares: [Double]
  }

  /// The principal's robust covariance model of its active history hours,
  /// as the exfiltration detection fits it.
  public struct Covariance: Codable, Hashable, Sendable {
    /// The features kept (those that vary in the history), each used as
    /// `log(1 + x)`.
    public var features: [String]
    /// Each feature's typical value, `exp(location) − 1` in the feature's
    /// own unit.
    public var typical: [Double]
    /// Active history hours the model was fitted on.
    public var historyHours: Int
    /// Hours kept by the reweighting step.
    public var supportHours: Int
    /// Divides `d²` before the chi-square tail is taken: the history's
    /// median `d²` over the chi-square median, at least 1.
    public var calibrationScale: Double
    /// The history's 99th-percentile `d²`; a window hour must reach
    /// twice this to fire.
    public var historyQuantile99: Double
    /// Every active hour of the history and the window.
    public var hours: [Distance]
  }

  /// The format version of this object; 1.
  public var schemaVersion = 1
  /// The normalized principal.
  public var principal: String
  /// Its kind.
  public var principalKind: PrincipalKind
  /// The window judged.
  public var window: DetectionReport.Window
  /// The first hour of the history the baselines learn from.
  public var historyStart: Timestamp
  /// The time zone of the hour-of-week slots.
  public var timeZoneIdentifier: String
  /// Days with activity in the history.
  public var activeDays: Int
  /// Whether the count baselines use the peer profile of the principal's
  /// kind as their prior (fewer than
  /// ``DetectionSettings/minimumActiveDays`` active days).
  public var comparedWithPeers: Bool
  /// `hourOfWeek` or `hourOfDayByDayType` (48 slots), the layout of the
  /// requests baseline.
  public var layout: SlotLayout
  /// Requests per hour the baseline expects in each of the 168 hours of
  /// the week, Monday 00:00 first, in the settings' time zone.
  public var weeklyProfile: [Double]
  /// The half-life, in hours, of the moving average in ``Hour/ewmaMean``.
  public var ewmaHalfLifeHours: Double
  /// Every hour from ``historyStart`` to the window's end, quiet hours
  /// included.
  public var hours: [Hour]
  /// The robust covariance model, or `nil` when the principal has too few
  /// active history hours or too few varying features for one.
  public var covariance: Covariance?
  /// The principal's findings in the window, highest score first.
  public var findings: [Finding]
}

extension PrincipalExplanation {
  /// The explanation as one line of compact JSON, keys sorted, ending
  /// with a newline, encoded as the JSON report is.
  ///
  /// - Returns: The line.
  public func jsonLine() -> String {
    let data =
      (try? ReportRenderer.encoder(pretty: false).encode(self))
      ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
