import Testing

@testable import RemoteLogs

/// SigV4 against the public AWS Signature Version 4 test suite.
///
/// Provenance: the expected canonical requests, strings to sign and
/// signatures are those of the "Signature Version 4 Test Suite" formerly
/// published in the AWS General Reference (aws-sig-v4-test-suite, files
/// `<name>.creq`, `.sts` and `.authz`; Apache License 2.0, Copyright
/// Amazon.com, Inc.), as kept in the awslabs aws-c-auth test suite and
/// its copies. Every case uses the suite's credentials (AKIDEXAMPLE and
/// its example secret), region us-east-1, service `service` and time
/// 20150830T123600Z. For post-x-www-form-urlencoded the suite's corrected
/// version is used, which does not sign content-length.
@Suite struct SigV4SignerTests {
  struct Vector: Sendable, CustomStringConvertible {
    var name: String
    var method: String
    var path: String
    var query: [(String, String)] = []
    var extraHeaders: [(String, String)] = []
    var body: String = ""
    var canonicalRequest: String
    var stringToSignHash: String
    var signature: String
    var description: String { name }
  }

  static let emptyHash =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
  static let baseHeaders =
    "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n"

  static let vectors: [Vector] = [
    Vector(
      name: "get-vanilla", method: "GET", path: "/",
      canonicalRequest: "GET\n/\n\n\(baseHeaders)\nhost;x-amz-date\n"
        + emptyHash,
      stringToSignHash:
        "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
      signature:
        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
    Vector(
      name: "get-vanilla-query-order-key", method: "GET", path: "/",
      query: [("Param1", "value2"), ("Param1", "Value1")],
      canonicalRequest: "GET\n/\nParam1=Value1&Param1=value2\n"
        + "\(baseHeaders)\nhost;x-amz-date\n" + emptyHash,
      stringToSignHash:
        "704b4cef673542d84cdff252633f065e8daeba5f168b77116f8b1bcaf3d38f89",
      signature:
        "eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1"),
    Vector(
      name: "get-vanilla-empty-query-key", method: "GET", path: "/",
      query: [("Param1", "value1")],
      canonicalRequest: "GET\n/\nParam1=value1\n\(baseHeaders)\n"
        + "host;x-amz-date\n" + emptyHash,
      stringToSignHash:
        "1e24db194ed7d0eec2de28d7369675a243488e08526e8c1c73571282f7c517ab",
      signature:
        "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"),
    Vector(
      name: "get-unreserved", method: "GET",
      path:
        "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
      canonicalRequest: "GET\n/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        + "abcdefghijklmnopqrstuvwxyz\n\n\(baseHeaders)\nhost;x-amz-date\n"
        + emptyHash,
      stringToSignHash:
        "6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9",
      signature:
        "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
    Vector(
      name: "get-utf8", method: "GET", path: "/\u{1234}",
      canonicalRequest: "GET\n/%E1%88%B4\n\n\(baseHeaders)\n"
        + "host;x-amz-date\n" + emptyHash,
      stringToSignHash:
        "2a0a97d02205e45ce2e994789806b19270cfbbb0921b278ccf58f5249ac42102",
      signature:
        "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
    Vector(
      name: "get-vanilla-query-unreserved", method: "GET", path: "/",
      query: [
        (
          "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
          "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        )
      ],
      canonicalRequest: "GET\n/\n"
        + "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz="
        + "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        + "\n\(baseHeaders)\nhost;x-amz-date\n" + emptyHash,
      stringToSignHash:
        "c30d4703d9f799439be92736156d47ccfb2d879ddf56f5befa6d1d6aab979177",
      signature:
        "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
    Vector(
      name: "post-vanilla", method: "POST", path: "/",
      canonicalRequest: "POST\n/\n\n\(baseHeaders)\nhost;x-amz-date\n"
        + emptyHash,
      stringToSignHash:
        "553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87",
      signature:
        "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
    Vector(
      name: "post-x-www-form-urlencoded", method: "POST", path: "/",
      extraHeaders: [("Content-Type", "application/x-www-form-urlencoded")],
      body: "Param1=value1",
      canonicalRequest: "POST\n/\n\n"
        + "content-type:application/x-www-form-urlencoded\n\(baseHeaders)\n"
        + "content-type;host;x-amz-date\n"
        + "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
      stringToSignHash:
        "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281",
      signature:
        "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
    Vector(
      name: "post-sts-header-before", method: "POST", path: "/",
      extraHeaders: [("X-Amz-Security-Token", securityToken)],
      canonicalRequest: "POST\n/\n\n\(baseHeaders)"
        + "x-amz-security-token:\(securityToken)\n\n"
        + "host;x-amz-date;x-amz-security-token\n" + emptyHash,
      stringToSignHash:
        "c237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6",
      signature:
        "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"),
  ]

  static let securityToken =
    "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWs"
    + "KWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmG"
    + "deehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvl"
    + "Rd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKm"
    + "lzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="

  static let signer = SigV4Signer(
    accessKeyID: "AKIDEXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    region: "us-east-1", service: "service")

  @Test(arguments: vectors)
  func matchesTheTestSuite(_ vector: Vector) {
    let amzDate = "20150830T123600Z"
    let request = SigV4Signer.Request(
      method: vector.method, path: vector.path, query: vector.query,
      headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", amzDate)]
        + vector.extraHeaders,
      payloadHash: Digest.hex(Digest.sha256(vector.body)))
    let canonical = Self.signer.canonicalRequest(request)
    #expect(canonical.text == vector.canonicalRequest)
    let toSign = Self.signer.stringToSign(
      canonicalRequest: canonical.text, amzDate: amzDate)
    #expect(
      toSign == "AWS4-HMAC-SHA256\n20150830T123600Z\n"
        + "20150830/us-east-1/service/aws4_request\n"
        + vector.stringToSignHash)
    #expect(
      Self.signer.signature(stringToSign: toSign, amzDate: amzDate)
        == vector.signature)
    #expect(
      Self.signer.authorization(request, amzDate: amzDate)
        == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
        + "service/aws4_request, SignedHeaders=\(canonical.signedHeaders), "
        + "Signature=\(vector.signature)")
  }

  @Test func formatsTheDate() {
    // 2015-08-30T12:36:00Z is 1440938160 seconds after the epoch.
    #expect(SigV4Signer.amzDate(1_440_938_160) == "20150830T123600Z")
  }
}
