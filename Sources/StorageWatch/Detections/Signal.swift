/// One detection's evidence about one principal in one hour.
public struct Signal: Hashable, Sendable, Codable {
  /// The detection that produced it.
  public var detection: DetectionKind
  /// The hour, as whole hours since 1970-01-01T00:00Z.
  public var hour: Int
  /// What was measured, such as `reads` or `mahalanobis-d2`.
  public var measure: String
  /// The observed value.
  public var observed: Double
  /// The value the principal's baseline expected.
  public var expected: Double
  /// How surprising the observation is: -log10 of its probability under
  /// the baseline (3 means one chance in a thousand).
  public var surprise: Double
  /// One sentence that says what happened.
  public var explanation: String
  /// For multivariate signals, each feature's share of the distance,
  /// largest first.
  public var attribution: [FeatureContribution] = []

  /// Creates a signal.
  ///
  /// - Parameters:
  ///   - detection: The detection.
  ///   - hour: The hour since the epoch.
  ///   - measure: What was measured.
  ///   - observed: The observed value.
  ///   - expected: The expected value.
  ///   - surprise: -log10 of the observation's probability.
  ///   - explanation: One sentence.
  public init(
    detection: DetectionKind, hour: Int, measure: String, observed: Double,
    expected: Double, surprise: Double, explanation: String
  ) {
    self.detection = detection
    self.hour = hour
    self.measure = measure
    self.observed = observed
    self.expected = expected
    self.surprise = surprise
    self.explanation = explanation
  }
}

/// A feature's part in a multivariate distance.
public struct FeatureContribution: Hashable, Sendable, Codable {
  /// The feature's name.
  public var feature: String
  /// Its observed value in the hour.
  public var observed: Double
  /// Its typical value (the robust location).
  public var typical: Double
  /// Its share of the squared distance, 0 to 1.
  public var share: Double

  /// Creates a contribution.
  ///
  /// - Parameters:
  ///   - feature: The feature's name.
  ///   - observed: The observed value.
  ///   - typical: The typical value.
  ///   - share: The share of the squared distance.
  public init(
    feature: String, observed: Double, typical: Double, share: Double
  ) {
    self.feature = feature
    self.observed = observed
    self.typical = typical
    self.share = share
  }
}
