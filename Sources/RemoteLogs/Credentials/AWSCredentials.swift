import Foundation

/// Access keys for S3 and where they came from, found as the AWS CLI finds
/// them.
///
/// Order: the `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` (and
/// `AWS_SESSION_TOKEN`) environment variables; then the profile named by
/// `AWS_PROFILE` (or `AWS_DEFAULT_PROFILE`, else `default`) in the shared
/// credentials file (`AWS_SHARED_CREDENTIALS_FILE`, else
/// `~/.aws/credentials`) and then in the config file (`AWS_CONFIG_FILE`,
/// else `~/.aws/config`, section `[profile NAME]` or `[default]`),
/// including a profile's `credential_process`. The region comes from
/// `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`, else
/// `us-east-1`; the endpoint from `AWS_ENDPOINT_URL_S3` or
/// `AWS_ENDPOINT_URL` (path-style requests), else AWS itself.
public struct AWSCredentials: Sendable {
  /// The access key ID.
  public var accessKeyID: String
  /// The secret access key; never printed.
  public var secretAccessKey: String
  /// The session token of temporary credentials.
  public var sessionToken: String?
  /// The region requests are signed for.
  public var region: String
  /// A custom endpoint such as `http://127.0.0.1:5000`, or nil for AWS.
  public var endpoint: String?
  /// Where the keys came from, for `--verbose` (no secret in it).
  public var source: String

  /// Finds credentials.
  ///
  /// - Parameter environment: The process environment (`HOME` locates
  ///   `~/.aws`).
  /// - Returns: The credentials.
  /// - Throws: ``RemoteLogsError/noCredentials(_:hint:)`` when none are
  ///   found; ``RemoteLogsError/badCredentials(_:)`` when a profile's
  ///   `credential_process` fails or a profile needs a source this
  ///   module does not support (SSO, role assumption).
  public static func resolve(environment: [String: String])
    throws(RemoteLogsError) -> AWSCredentials
  {
    let home = environment["HOME"] ?? NSHomeDirectory()
    let profile =
      environment["AWS_PROFILE"] ?? environment["AWS_DEFAULT_PROFILE"]
      ?? "default"
    let credentialsPath =
      environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "\(home)/.aws/credentials"
    let configPath = environment["AWS_CONFIG_FILE"] ?? "\(home)/.aws/config"
    let config = INIFile.load(configPath)?.sections[
      profile == "default" ? "default" : "profile \(profile)"]
    let region =
      nonEmpty(environment["AWS_REGION"])
      ?? nonEmpty(environment["AWS_DEFAULT_REGION"]) ?? config?["region"]
      ?? "us-east-1"
    let endpoint =
      nonEmpty(environment["AWS_ENDPOINT_URL_S3"])
      ?? nonEmpty(environment["AWS_ENDPOINT_URL"])

    if let key = nonEmpty(environment["AWS_ACCESS_KEY_ID"]),
      let secret = nonEmpty(environment["AWS_SECRET_ACCESS_KEY"])
    {
      return AWSCredentials(
        accessKeyID: key, secretAccessKey: secret,
        sessionToken: nonEmpty(environment["AWS_SESSION_TOKEN"]),
        region: region, endpoint: endpoint,
        source: "environment variables AWS_ACCESS_KEY_ID and "
          + "AWS_SECRET_ACCESS_KEY")
    }
    let files: [(String, [String: String]?)] = [
      (credentialsPath, INIFile.load(credentialsPath)?.sections[profile]),
      (configPath, config),
    ]
    for (path, section) in files {
      guard let section else { continue }
      if let key = section["aws_access_key_id"],
        let secret = section["aws_secret_access_key"]
      {
        return AWSCredentials(
          accessKeyID: key, secretAccessKey: secret,
          sessionToken: section["aws_session_token"], region: region,
          endpoint: endpoint, source: "profile '\(profile)' in \(path)")
      }
      if let command = section["credential_process"] {
        var found = try process(command, profile: profile)
        found.region = region
        found.endpoint = endpoint
        return found
      }
      if section["sso_session"] != nil || section["sso_start_url"] != nil
        || section["role_arn"] != nil
      {
        // TODO: SSO and assume-role profiles need calls to the SSO and STS
        // services; until they are made here, such users export keys with
        // `aws configure export-credentials --format env`.
        throw .badCredentials(
          "profile '\(profile)' in \(path) uses SSO or a role, which "
            + "storagewatch cannot use yet; run `eval \"$(aws configure "
            + "export-credentials --profile \(profile) --format env)\"` first")
      }
    }
    throw .noCredentials(
      "AWS",
      hint: "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE "
        + "for a profile in \(credentialsPath) or \(configPath)")
  }

  /// Runs a `credential_process` command and reads its JSON
  /// (`AccessKeyId`, `SecretAccessKey`, `SessionToken`).
  private static func process(_ command: String, profile: String)
    throws(RemoteLogsError) -> AWSCredentials
  {
    let output: Data
    do {
      output = try ExternalCommand.run(["/bin/sh", "-c", command])
    } catch {
      throw .badCredentials(
        "credential_process of profile '\(profile)' failed: \(error)")
    }
    guard
      let object = try? JSONSerialization.jsonObject(with: output)
        as? [String: Any],
      let key = object["AccessKeyId"] as? String,
      let secret = object["SecretAccessKey"] as? String
    else {
      throw .badCredentials(
        "credential_process of profile '\(profile)' did not print "
          + "AccessKeyId and SecretAccessKey as JSON")
    }
    return AWSCredentials(
      accessKeyID: key, secretAccessKey: secret,
      sessionToken: object["SessionToken"] as? String, region: "",
      endpoint: nil, source: "credential_process of profile '\(profile)'")
  }

  static func nonEmpty(_ value: String?) -> String? {
    guard let value, !value.isEmpty else { return nil }
    return value
  }
}
