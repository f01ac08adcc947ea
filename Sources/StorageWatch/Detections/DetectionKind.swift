/// The detections StorageWatch runs.
///
/// Raw values are the names used on the command line, in threshold files
/// and in reports.
public enum DetectionKind: String, CaseIterable, Codable, Hashable, Sendable,
  Comparable
{
  /// Activity in hours that are quiet for the principal and outside
  /// business hours.
  case afterHours = "after-hours"
  /// Reads far above the principal's baseline for the hour of the week.
  case bulkDownload = "bulk-download"
  /// A source address the principal has not used in the history.
  case newSourceAddress = "new-source-address"
  /// Listing and bucket inspection, new buckets, or access-denied storms
  /// far above baseline.
  case enumeration
  /// An hour whose combination of features is far from the principal's
  /// usual hours under a robust covariance (FastMCD) model.
  case exfiltration
  /// Deletes far above baseline.
  case massDeletion = "mass-deletion"
  /// Operations, action categories, buckets or clients the principal has
  /// never used.
  case unusualOperation = "unusual-operation"

  /// Orders detections by name.
  ///
  /// - Parameters:
  ///   - lhs: A detection.
  ///   - rhs: Another detection.
  /// - Returns: Whether `lhs` sorts first by raw value.
  public static func < (lhs: DetectionKind, rhs: DetectionKind) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}

extension DetectionKind: CodingKeyRepresentable {}
