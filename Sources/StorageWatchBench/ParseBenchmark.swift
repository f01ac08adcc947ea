import AccessLogs
import Foundation

/// Parse throughput of the CloudTrail path, beside `gzip -dc`,
/// Foundation's JSON parsers and Python's `json`, on generated delivery
/// files.
///
/// `storagewatch-bench parse [--events N] [--directory DIR]` generates N
/// S3 data events (default 100,000) as delivery documents of 1,000 records,
/// both as `.json` and `.json.gz`, then times each reader over the same
/// files.
enum ParseBenchmark {
  static func run(arguments: [String]) {
    let events = Bench.intOption("--events", arguments) ?? 100_000
    let directory =
      Bench.stringOption("--directory", arguments)
      ?? NSTemporaryDirectory() + "storagewatch-bench-\(getpid())"
    let plain = directory + "/plain"
    let compressed = directory + "/gzip"
    let files = CloudTrailGenerator.write(
      events: events, plain: plain, compressed: compressed)
    defer {
      if Bench.stringOption("--directory", arguments) == nil {
        try? FileManager.default.removeItem(atPath: directory)
      }
    }
    let plainBytes = Bench.totalSize(files.plain)
    let gzipBytes = Bench.totalSize(files.compressed)
    print(
      "parse: \(events) CloudTrail S3 events in \(files.plain.count) "
        + "delivery files, \(Bench.mb(plainBytes)) MB JSON, "
        + "\(Bench.mb(gzipBytes)) MB gzip")

    let reader = EventReader()
    var count = 0
    let tPlain = Bench.best(of: 3) {
      count = 0
      _ = try? reader.read([plain]) { _ in count += 1 }
    }
    precondition(count == events, "read \(count) of \(events) events")
    let tGzip = Bench.best(of: 3) {
      _ = try? reader.read([compressed]) { _ in }
    }
    let tGunzip = Bench.best(of: 3) {
      Bench.shell("cat \(compressed)/*.json.gz | gzip -dc > /dev/null")
    }
    let tSerialization = Bench.best(of: 1) {
      for file in files.plain {
        let data = FileManager.default.contents(atPath: file)!
        _ = try? JSONSerialization.jsonObject(with: data)
      }
    }
    let tDecoder = Bench.best(of: 1) {
      for file in files.plain {
        let data = FileManager.default.contents(atPath: file)!
        _ = try? JSONDecoder().decode(CloudTrailFile.self, from: data)
      }
    }
    let python = Bench.pythonSeconds(
      "import json,glob,sys\n"
        + "for f in glob.glob(sys.argv[1]+'/*.json'):\n"
        + "  json.load(open(f))\n", argument: plain)

    func rate(_ seconds: Double) -> String {
      String(format: "%7.1f MB/s", Double(plainBytes) / 1e6 / seconds)
    }
    print("  storagewatch .json     \(Bench.s(tPlain))  \(rate(tPlain))")
    print(
      "  storagewatch .json.gz  \(Bench.s(tGzip))  \(rate(tGzip))"
        + "   (uncompressed MB per second)")
    print("  gzip -dc > /dev/null   \(Bench.s(tGunzip))  \(rate(tGunzip))")
    print(
      "  JSONSerialization      \(Bench.s(tSerialization))  "
        + "\(rate(tSerialization))   (parse only, in process)")
    print(
      "  JSONDecoder            \(Bench.s(tDecoder))  \(rate(tDecoder))"
        + "   (parse only, in process)")
    if let python {
      print(
        "  python3 json.load      \(Bench.s(python))  \(rate(python))"
          + "   (parse only)")
    } else {
      print("  python3 json.load      not available")
    }
  }
}

/// The fields a JSONDecoder-based reader would decode, for comparison.
private struct CloudTrailFile: Decodable {
  struct Identity: Decodable {
    var type: String?
    var arn: String?
  }
  struct Parameters: Decodable {
    var bucketName: String?
    var key: String?
  }
  struct Record: Decodable {
    var eventTime: String
    var eventSource: String
    var eventName: String
    var userIdentity: Identity?
    var sourceIPAddress: String?
    var requestParameters: Parameters?
  }
  var records: [Record]

  enum CodingKeys: String, CodingKey {
    case records = "Records"
  }
}
