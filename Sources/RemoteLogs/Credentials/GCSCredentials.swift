import Foundation

/// An OAuth access token for Cloud Storage and where it came from.
///
/// Order: `GOOGLE_OAUTH_ACCESS_TOKEN`, `CLOUDSDK_AUTH_ACCESS_TOKEN`; with
/// `STORAGE_EMULATOR_HOST` set and neither, no token (emulators need
/// none); otherwise `gcloud auth print-access-token` when `gcloud` is on
/// `PATH`. The endpoint is `STORAGE_EMULATOR_HOST` (with `http://` added
/// when it has no scheme), else `https://storage.googleapis.com`.
public struct GCSCredentials: Sendable {
  /// The bearer token; nil for an emulator; never printed.
  public var accessToken: String?
  /// The JSON API endpoint, without a trailing slash.
  public var endpoint: String
  /// Where the token came from, for `--verbose`.
  public var source: String

  /// Finds a token.
  ///
  /// - Parameter environment: The process environment.
  /// - Returns: The credentials.
  /// - Throws: ``RemoteLogsError/noCredentials(_:hint:)`` when there is no
  ///   token and `gcloud` is absent or fails.
  public static func resolve(environment: [String: String])
    throws(RemoteLogsError) -> GCSCredentials
  {
    var endpoint = "https://storage.googleapis.com"
    let emulator = AWSCredentials.nonEmpty(
      environment["STORAGE_EMULATOR_HOST"])
    if let emulator {
      endpoint = emulator.contains("://") ? emulator : "http://\(emulator)"
      while endpoint.hasSuffix("/") { endpoint.removeLast() }
    }
    for name in ["GOOGLE_OAUTH_ACCESS_TOKEN", "CLOUDSDK_AUTH_ACCESS_TOKEN"] {
      if let token = AWSCredentials.nonEmpty(environment[name]) {
        return GCSCredentials(
          accessToken: token, endpoint: endpoint,
          source: "environment variable \(name)")
      }
    }
    if emulator != nil {
      return GCSCredentials(
        accessToken: nil, endpoint: endpoint,
        source: "no token (STORAGE_EMULATOR_HOST is set)")
    }
    let hint =
      "set GOOGLE_OAUTH_ACCESS_TOKEN, or install gcloud and run `gcloud "
      + "auth login`"
    guard ExternalCommand.exists("gcloud", environment: environment) else {
      throw .noCredentials("Google Cloud Storage", hint: hint)
    }
    // TODO: a service-account key file (GOOGLE_APPLICATION_CREDENTIALS)
    // needs an RS256-signed JWT exchanged for a token; until that is
    // written, gcloud or an exported token is required.
    do {
      let output = try ExternalCommand.run([
        "gcloud", "auth", "print-access-token",
      ])
      let token = String(decoding: output, as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
      guard !token.isEmpty else {
        throw ExternalCommand.Failure(description: "it printed nothing")
      }
      return GCSCredentials(
        accessToken: token, endpoint: endpoint,
        source: "gcloud auth print-access-token")
    } catch {
      throw .noCredentials(
        "Google Cloud Storage", hint: "\(error); \(hint)")
    }
  }
}
