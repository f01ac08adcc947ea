import AnomalyModels
import Foundation

/// A principal's robust covariance model of its active history hours, as
/// the exfiltration detection fits and calibrates it.
///
/// The rows are the features of ``Detector/exfiltrationFeatures`` of every
/// active history hour, with the columns that never vary dropped; the fit
/// is FastMCD with seed 1 and 100 random starts. Squared distances are
/// calibrated on the history itself: `scale` divides them so that the
/// history's median matches the chi-square median (never below 1), and
/// `quantile99` is the history's 99th percentile, which a window hour
/// must exceed twice before it can fire.
struct ExfiltrationModel {
  /// Indices into ``Detector/exfiltrationFeatures`` of the kept columns.
  let columns: [Int]
  /// The reweighted location and covariance.
  let distance: MahalanobisModel
  /// The fit, with the training rows' distances in history order.
  let fit: MCDFit
  /// Squared distances of the history hours, in history order.
  let historyDistances: [Double]
  /// Divides squared distances before the chi-square tail is taken.
  let scale: Double
  /// The history's 99th-percentile squared distance.
  let quantile99: Double

  /// Fits the model, or returns `nil` when the principal has fewer than
  /// ``DetectionSettings/exfiltrationMinimumHours`` active history hours,
  /// fewer than two varying features, or the fit fails.
  init?(_ history: PrincipalHistory, settings: DetectionSettings) {
    let past = history.hours.map {
      Detector.features($0, history.activity)
    }
    guard past.count >= settings.exfiltrationMinimumHours else { return nil }
    let columns = (0..<Detector.exfiltrationFeatures.count).filter { j in
      let values = past.map { $0[j] }
      return (values.max() ?? 0) - (values.min() ?? 0) > 1e-9
    }
    guard columns.count >= 2 else { return nil }
    let matrix = DataMatrix(past.map { row in columns.map { row[$0] } })
    let estimator = MinimumCovarianceDeterminant(seed: 1, trials: 100)
    guard let fit = try? estimator.fit(matrix) else { return nil }
    let distance = fit.model.distance

    // Hourly counts are discrete and heavy-tailed, so raw chi-square
    // tails are far too confident: calibrate on the principal's own
    // history.
    let historyDistances = distance.squaredDistances(matrix)
    let sorted = historyDistances.sorted()
    let chiMedian = SpecialFunctions.chiSquareQuantile(
      0.5, degreesOfFreedom: Double(columns.count))
    self.columns = columns
    self.distance = distance
    self.fit = fit
    self.historyDistances = historyDistances
    self.scale = max(1, sorted[sorted.count / 2] / chiMedian)
    self.quantile99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
  }

  /// The number of kept features, the chi-square degrees of freedom.
  var dimension: Double { Double(columns.count) }

  /// The kept features of an hour.
  func point(_ s: HourStats, _ activity: PrincipalActivity) -> [Double] {
    let full = Detector.features(s, activity)
    return columns.map { full[$0] }
  }

  /// `-log10` of the chi-square tail of a calibrated squared distance,
  /// at most 300.
  func surprise(squaredDistance d2: Double) -> Double {
    let p = SpecialFunctions.chiSquareSF(
      d2 / scale, degreesOfFreedom: dimension)
    return min(300, -log10(max(p, 1e-300)))
  }
}
