import Foundation

/// A SAS token or account key for Azure Blob Storage and where it came
/// from.
///
/// Order: a SAS token in the URL; `AZURE_STORAGE_CONNECTION_STRING`
/// (`AccountKey=` or `SharedAccessSignature=`, for the URL's account);
/// `AZURE_STORAGE_KEY` (when `AZURE_STORAGE_ACCOUNT` is unset or names
/// the URL's account); `AZURE_STORAGE_SAS_TOKEN`.
public struct AzureCredentials: Sendable {
  /// How requests are authorized.
  public enum Method: Sendable {
    /// A SAS token appended to every URL (without `?`).
    case sas(String)
    /// Shared Key signing with the base64-decoded account key.
    case sharedKey([UInt8])
  }

  /// How requests are authorized; never printed.
  public var method: Method
  /// Where it came from, for `--verbose`.
  public var source: String

  /// Finds credentials for a location's account.
  ///
  /// - Parameters:
  ///   - location: The Azure location (its SAS token and account).
  ///   - environment: The process environment.
  /// - Returns: The credentials.
  /// - Throws: ``RemoteLogsError/noCredentials(_:hint:)`` when none are
  ///   found; ``RemoteLogsError/badCredentials(_:)`` when a key is not
  ///   base64.
  public static func resolve(
    for location: RemoteLocation, environment: [String: String]
  ) throws(RemoteLogsError) -> AzureCredentials {
    if let sas = location.sasToken {
      return AzureCredentials(method: .sas(sas), source: "SAS token in the URL")
    }
    let account = location.account ?? ""
    if let text = AWSCredentials.nonEmpty(
      environment["AZURE_STORAGE_CONNECTION_STRING"])
    {
      var fields: [String: String] = [:]
      for part in text.split(separator: ";") {
        guard let equals = part.firstIndex(of: "=") else { continue }
        fields[String(part[..<equals]).lowercased()] = String(
          part[part.index(after: equals)...])
      }
      if fields["accountname"] == nil || fields["accountname"] == account {
        if let key = fields["accountkey"] {
          return try sharedKey(
            key, source: "AZURE_STORAGE_CONNECTION_STRING (account key)")
        }
        if let sas = fields["sharedaccesssignature"] {
          return AzureCredentials(
            method: .sas(sas),
            source: "AZURE_STORAGE_CONNECTION_STRING (SAS token)")
        }
      }
    }
    if let key = AWSCredentials.nonEmpty(environment["AZURE_STORAGE_KEY"]) {
      let named = environment["AZURE_STORAGE_ACCOUNT"] ?? ""
      if named.isEmpty || named == account {
        return try sharedKey(
          key, source: "environment variable AZURE_STORAGE_KEY")
      }
    }
    if var sas = AWSCredentials.nonEmpty(environment["AZURE_STORAGE_SAS_TOKEN"])
    {
      if sas.hasPrefix("?") { sas.removeFirst() }
      return AzureCredentials(
        method: .sas(sas),
        source: "environment variable AZURE_STORAGE_SAS_TOKEN")
    }
    throw .noCredentials(
      "Azure Storage",
      hint: "append a SAS token to the URL, or set AZURE_STORAGE_SAS_TOKEN, "
        + "or AZURE_STORAGE_KEY (with AZURE_STORAGE_ACCOUNT=\(account))")
  }

  private static func sharedKey(_ base64: String, source: String)
    throws(RemoteLogsError) -> AzureCredentials
  {
    guard let key = Data(base64Encoded: base64) else {
      throw .badCredentials(
        "the Azure account key from \(source) is not base64")
    }
    return AzureCredentials(method: .sharedKey([UInt8](key)), source: source)
  }
}
