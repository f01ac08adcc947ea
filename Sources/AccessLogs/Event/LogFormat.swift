/// A log format that StorageWatch reads.
///
/// The raw value is the name used on the command line (`--provider`) and in
/// JSON output.
public enum LogFormat: String, CaseIterable, Codable, Hashable, Sendable {
  /// AWS CloudTrail events (delivery files, JSON Lines, arrays, exports).
  case cloudTrail = "cloudtrail"
  /// Amazon S3 server access logs (space-delimited).
  case s3AccessLog = "s3-access"
  /// Google Cloud Audit Logs for Cloud Storage (`LogEntry` JSON).
  case gcsAudit = "gcs"
  /// Azure Storage Analytics logs (classic `$logs`, `;`-delimited).
  case azureStorageAnalytics = "azure-analytics"
  /// Azure Monitor `StorageBlobLogs` resource logs (JSON).
  case azureMonitor = "azure-monitor"

  /// The cloud that writes this format.
  public var provider: Provider {
    switch self {
    case .cloudTrail, .s3AccessLog: return .aws
    case .gcsAudit: return .gcp
    case .azureStorageAnalytics, .azureMonitor: return .azure
    }
  }
}
