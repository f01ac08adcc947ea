import AccessLogs
import Foundation

/// Writes synthetic CloudTrail delivery files with realistic S3 data
/// events (field set and sizes as in real trails), for benchmarks.
enum CloudTrailGenerator {
  /// Writes `events` events in documents of 1,000 records, as `.json` in
  /// `plain` and gzip-compressed `.json.gz` in `compressed` (when given).
  ///
  /// - Parameters:
  ///   - events: How many events.
  ///   - plain: The directory of `.json` files.
  ///   - compressed: The directory of `.json.gz` files, or `nil`.
  ///   - principals: IAM users calling, at most 250; default 60.
  ///   - days: Days the events are spread evenly over from 2026-11-01;
  ///     `nil` puts them 2 seconds apart.
  /// - Returns: The paths written.
  static func write(
    events: Int, plain: String, compressed: String?, principals: Int = 60,
    days: Int? = nil
  ) -> (plain: [String], compressed: [String]) {
    precondition((1...250).contains(principals), "principals: 1 to 250")
    let fm = FileManager.default
    try? fm.createDirectory(atPath: plain, withIntermediateDirectories: true)
    if let compressed {
      try? fm.createDirectory(
        atPath: compressed, withIntermediateDirectories: true)
    }
    let spacing =
      days.map { Int64($0) * 86_400_000_000_000 / Int64(max(1, events)) }
      ?? 2_000_000_000
    var plainFiles: [String] = []
    var gzipFiles: [String] = []
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let operations = [
      "GetObject", "GetObject", "GetObject", "PutObject", "ListObjects",
      "HeadObject", "DeleteObject",
    ]
    let start = Timestamp.parseISO8601("2026-11-01T00:00:00Z")!
    var written = 0
    var fileIndex = 0
    while written < events {
      let count = min(1000, events - written)
      var text = "{\"Records\":["
      for i in 0..<count {
        let n = written + i
        let user = Int(next() % UInt64(principals))
        let op = operations[Int(next() % UInt64(operations.count))]
        let time = Timestamp(
          nanosecondsSinceEpoch: start.nanosecondsSinceEpoch
            + Int64(n) * spacing)
        let key = "data/\(next() % 10_000)/part-\(next() % 100_000).parquet"
        let bytes = next() % 50_000_000
        // Each user calls from four addresses, as a person or job does.
        let ip = "198.51.\(user).\(next() % 4 + 1)"
        if i > 0 { text += "," }
        text += """
          {"eventVersion":"1.10","userIdentity":{"type":"IAMUser",\
          "principalId":"AIDAEXAMPLE\(user)","arn":"arn:aws:iam::111122223333:\
          user/user\(user)","accountId":"111122223333","accessKeyId":\
          "AKIAEXAMPLE\(user)","userName":"user\(user)"},"eventTime":\
          "\(time.iso8601)","eventSource":"s3.amazonaws.com","eventName":\
          "\(op)","awsRegion":"eu-west-1","sourceIPAddress":"\(ip)",\
          "userAgent":"[aws-cli/2.17.60 md/awscrt#0.22.0 ua/2.0 os/linux#6.1 \
          md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#\
          standard md/installer#exe md/distrib#debian.12 md/prompt#off \
          md/command#s3.cp]","requestParameters":{"bucketName":\
          "bucket-\(user % 7)","Host":"bucket-\(user % 7).s3.eu-west-1.\
          amazonaws.com","key":"\(key)"},"responseElements":null,\
          "additionalEventData":{"SignatureVersion":"SigV4","CipherSuite":\
          "TLS_AES_128_GCM_SHA256","bytesTransferredIn":0,\
          "AuthenticationMethod":"AuthHeader","x-amz-id-2":\
          "b2l6ZW5zZW9yaWVudGF0aW9uZXhhbXBsZWlkMg\(n)=","bytesTransferredOut":\
          \(bytes)},"requestID":"REQ\(n)X\(next() % 1_000_000)",\
          "eventID":"\(uuid(next(), next()))","readOnly":true,"resources":\
          [{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::bucket-\(user % 7)/\
          \(key)"},{"accountId":"111122223333","type":"AWS::S3::Bucket",\
          "ARN":"arn:aws:s3:::bucket-\(user % 7)"}],"eventType":"AwsApiCall",\
          "managementEvent":false,"recipientAccountId":"111122223333",\
          "eventCategory":"Data","tlsDetails":{"tlsVersion":"TLSv1.3",\
          "cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":\
          "bucket-\(user % 7).s3.eu-west-1.amazonaws.com"}}
          """
      }
      text += "]}"
      let name = String(
        format: "111122223333_CloudTrail_eu-west-1_%05d", fileIndex)
      let path = "\(plain)/\(name).json"
      _ = fm.createFile(atPath: path, contents: Data(text.utf8))
      plainFiles.append(path)
      if let compressed { gzipFiles.append("\(compressed)/\(name).json.gz") }
      written += count
      fileIndex += 1
    }
    if let compressed {
      Bench.shell(
        "for f in \(plain)/*.json; do gzip -n -6 -c \"$f\" > "
          + "\(compressed)/$(basename \"$f\").gz; done")
    }
    return (plainFiles, gzipFiles)
  }

  private static func uuid(_ a: UInt64, _ b: UInt64) -> String {
    let hex =
      String(a, radix: 16).leftPadded(16)
      + String(b, radix: 16)
      .leftPadded(16)
    let c = Array(hex)
    return String(c[0..<8]) + "-" + String(c[8..<12]) + "-"
      + String(c[12..<16]) + "-" + String(c[16..<20]) + "-"
      + String(c[20..<32])
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
