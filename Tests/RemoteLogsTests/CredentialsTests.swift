import Foundation
import Testing

@testable import RemoteLogs

/// Credentials found as the clouds' CLIs find them.
@Suite struct CredentialsTests {
  /// A temporary HOME with ~/.aws files.
  static func home(credentials: String?, config: String?) throws -> String {
    let home = FileManager.default.temporaryDirectory
      .appendingPathComponent("sw-home-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(
      atPath: home + "/.aws", withIntermediateDirectories: true)
    if let credentials {
      try credentials.write(
        toFile: home + "/.aws/credentials", atomically: true, encoding: .utf8)
    }
    if let config {
      try config.replacingOccurrences(of: "HOME_DIR", with: home).write(
        toFile: home + "/.aws/config", atomically: true, encoding: .utf8)
    }
    return home
  }

  static let credentialsFile = """
    [default]
    aws_access_key_id = AKIDDEFAULT
    aws_secret_access_key = secret-default

    # a comment
    [audit]
    aws_access_key_id=AKIDAUDIT
    aws_secret_access_key=secret-audit
    aws_session_token = token-audit
    """

  static let configFile = """
    [default]
    region = eu-central-1
    [profile audit]
    region = us-west-2
    s3 =
      addressing_style = path
    [profile process]
    credential_process = /bin/sh "HOME_DIR/print credentials.sh" --profile x
    [profile sso]
    sso_session = corp
    """

  @Test func environmentVariablesComeFirst() throws {
    let home = try Self.home(
      credentials: Self.credentialsFile, config: Self.configFile)
    let found = try AWSCredentials.resolve(environment: [
      "HOME": home, "AWS_ACCESS_KEY_ID": "AKIDENV",
      "AWS_SECRET_ACCESS_KEY": "secret-env", "AWS_SESSION_TOKEN": "tok",
      "AWS_PROFILE": "audit", "AWS_REGION": "ap-south-1",
      "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
      "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:5000",
    ])
    #expect(found.accessKeyID == "AKIDENV")
    #expect(found.sessionToken == "tok")
    #expect(found.region == "ap-south-1")
    #expect(found.endpoint == "http://127.0.0.1:5000")
    #expect(found.source.contains("environment"))
    #expect(!found.source.contains("secret"))
  }

  @Test func profilesFromTheSharedFiles() throws {
    let home = try Self.home(
      credentials: Self.credentialsFile, config: Self.configFile)
    let standard = try AWSCredentials.resolve(environment: ["HOME": home])
    #expect(standard.accessKeyID == "AKIDDEFAULT")
    #expect(standard.region == "eu-central-1")
    #expect(standard.endpoint == nil)
    let audit = try AWSCredentials.resolve(environment: [
      "HOME": home, "AWS_PROFILE": "audit",
    ])
    #expect(audit.accessKeyID == "AKIDAUDIT")
    #expect(audit.secretAccessKey == "secret-audit")
    #expect(audit.sessionToken == "token-audit")
    #expect(audit.region == "us-west-2")
    #expect(audit.source == "profile 'audit' in \(home)/.aws/credentials")
  }

  @Test func filesNamedByEnvironmentVariables() throws {
    let home = try Self.home(credentials: nil, config: nil)
    let other = try Self.home(
      credentials: Self.credentialsFile, config: Self.configFile)
    let found = try AWSCredentials.resolve(environment: [
      "HOME": home,
      "AWS_SHARED_CREDENTIALS_FILE": other + "/.aws/credentials",
      "AWS_CONFIG_FILE": other + "/.aws/config",
      "AWS_DEFAULT_PROFILE": "audit", "AWS_DEFAULT_REGION": "sa-east-1",
    ])
    #expect(found.accessKeyID == "AKIDAUDIT")
    #expect(found.region == "sa-east-1")
  }

  @Test func credentialProcess() throws {
    let home = try Self.home(credentials: nil, config: Self.configFile)
    try """
    [ "$1" = --profile ] || exit 3
    echo '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "s"}'
    """.write(
      toFile: home + "/print credentials.sh", atomically: true,
      encoding: .utf8)
    let found = try AWSCredentials.resolve(environment: [
      "HOME": home, "AWS_PROFILE": "process", "PATH": "/usr/bin:/bin",
    ])
    #expect(found.accessKeyID == "AKIDPROC")
    #expect(found.source.contains("credential_process"))
  }

  @Test func unsupportedAndMissing() throws {
    let home = try Self.home(credentials: nil, config: Self.configFile)
    #expect(throws: RemoteLogsError.self) {
      try AWSCredentials.resolve(environment: [
        "HOME": home, "AWS_PROFILE": "sso",
      ])
    }
    let empty = try Self.home(credentials: nil, config: nil)
    do {
      _ = try AWSCredentials.resolve(environment: ["HOME": empty])
      Issue.record("expected no credentials")
    } catch {
      #expect("\(error)".contains("AWS_ACCESS_KEY_ID"))
    }
  }

  @Test func googleTokens() throws {
    let token = try GCSCredentials.resolve(environment: [
      "CLOUDSDK_AUTH_ACCESS_TOKEN": "ya29.x", "PATH": "/nonexistent",
    ])
    #expect(token.accessToken == "ya29.x")
    #expect(token.endpoint == "https://storage.googleapis.com")
    let emulator = try GCSCredentials.resolve(environment: [
      "STORAGE_EMULATOR_HOST": "127.0.0.1:9023", "PATH": "/nonexistent",
    ])
    #expect(emulator.accessToken == nil)
    #expect(emulator.endpoint == "http://127.0.0.1:9023")
    #expect(throws: RemoteLogsError.self) {
      try GCSCredentials.resolve(environment: ["PATH": "/nonexistent"])
    }
  }

  @Test func azureOrder() throws {
    let plain = try RemoteLocation.parse(
      "https://acct.blob.core.windows.net/logs/")
    let withSAS = try RemoteLocation.parse(
      "https://acct.blob.core.windows.net/logs/?sv=1&sig=url")
    let key = Data("k".utf8).base64EncodedString()
    let environment = [
      "AZURE_STORAGE_KEY": key, "AZURE_STORAGE_SAS_TOKEN": "?sv=1&sig=env",
    ]
    let fromURL = try AzureCredentials.resolve(
      for: withSAS, environment: environment)
    guard case .sas("sv=1&sig=url") = fromURL.method else {
      Issue.record("expected the URL's SAS")
      return
    }
    let fromKey = try AzureCredentials.resolve(
      for: plain, environment: environment)
    guard case .sharedKey(let bytes) = fromKey.method else {
      Issue.record("expected the account key")
      return
    }
    #expect(bytes == Array("k".utf8))
    let otherAccount = try AzureCredentials.resolve(
      for: plain,
      environment: environment.merging(["AZURE_STORAGE_ACCOUNT": "other"]) {
        $1
      })
    guard case .sas("sv=1&sig=env") = otherAccount.method else {
      Issue.record("a key for another account must not be used")
      return
    }
    #expect(throws: RemoteLogsError.self) {
      try AzureCredentials.resolve(for: plain, environment: [:])
    }
  }
}
