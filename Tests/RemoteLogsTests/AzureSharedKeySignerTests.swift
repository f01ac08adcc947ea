import Foundation
import Testing

@testable import RemoteLogs

/// Shared Key: the string to sign's layout and the HTTP date. The
/// signature itself is checked end to end by the loopback Azure server,
/// which computes it independently in Python.
@Suite struct AzureSharedKeySignerTests {
  @Test func stringToSignLayout() {
    let signer = AzureSharedKeySigner(account: "acct", key: [1, 2, 3])
    let text = signer.stringToSign(
      method: "GET", encodedPath: "/logs",
      query: [
        ("restype", "container"), ("comp", "list"), ("prefix", "blob/2026/"),
      ],
      headers: [
        "x-ms-version": "2021-08-06",
        "x-ms-date": "Sun, 30 Aug 2015 12:36:00 GMT",
        "Accept": "*/*",
      ])
    let expected =
      "GET\n\n\n\n\n\n\n\n\n\n\n\n"
      + "x-ms-date:Sun, 30 Aug 2015 12:36:00 GMT\n"
      + "x-ms-version:2021-08-06\n"
      + "/acct/logs\ncomp:list\nprefix:blob/2026/\nrestype:container"
    #expect(text == expected)
    let authorization = signer.authorization(stringToSign: text)
    let mac = Digest.hmacSHA256(key: [1, 2, 3], text)
    #expect(
      authorization == "SharedKey acct:\(Data(mac).base64EncodedString())")
  }

  @Test func httpDate() {
    #expect(
      AzureSharedKeySigner.httpDate(1_440_938_160)
        == "Sun, 30 Aug 2015 12:36:00 GMT")
    #expect(
      AzureSharedKeySigner.httpDate(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
  }

  /// HMAC-SHA256 test case 2 of RFC 4231 (key "Jefe").
  @Test func hmacMatchesRFC4231() {
    let mac = Digest.hmacSHA256(
      key: Array("Jefe".utf8), "what do ya want for nothing?")
    #expect(
      Digest.hex(mac)
        == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
  }
}
