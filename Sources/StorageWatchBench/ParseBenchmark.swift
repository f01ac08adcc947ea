import AccessLogs
import Foundation
import StorageWatch

/// Parse throughput per log format, beside Foundation's JSON parsers and
/// Python's standard library.
///
/// `storagewatch-bench parse [--events N]` generates N CloudTrail S3 data
/// events (default 100,000) as uncompressed delivery documents of 1,000
/// records and simulates eight days of each other format, then times one
/// thread turning each into normalized events (the `events` path) and
/// into interned batches (the path `detect` takes), beside JSONSerialization
/// and JSONDecoder in process and Python (`json`, `re`, `csv`) on the same
/// files. Rates are uncompressed megabytes per CPU-second on one core.
enum ParseBenchmark {
  static func run(arguments: [String]) {
    let events = Bench.intOption("--events", arguments) ?? 100_000
    let directory = NSTemporaryDirectory() + "storagewatch-parse-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let files = CloudTrailGenerator.write(
      events: events, plain: directory + "/cloudtrail", compressed: nil)
    let bytes = Bench.totalSize(files.plain)
    print(
      "parse: one thread, uncompressed input; \(events) CloudTrail events "
        + "in \(files.plain.count) delivery files (\(Bench.mb(bytes)) MB)")
    cloudTrail(files.plain, bytes: bytes, directory: directory + "/cloudtrail")
    for format in [
      LogFormat.s3AccessLog, .gcsAudit, .azureMonitor, .azureStorageAnalytics,
    ] {
      otherFormat(format, directory: directory + "/" + format.rawValue)
    }
  }

  private static func cloudTrail(
    _ files: [String], bytes: Int, directory: String
  ) {
    let reader = EventReader()
    var count = 0
    let tEvents = Bench.bestCPU(of: 3) {
      count = 0
      _ = try? reader.read([directory]) { _ in count += 1 }
    }
    let tBatches = Bench.bestCPU(of: 3) {
      _ = try? reader.readBatches([directory], threads: 1) { _ in }
    }
    let tSerialization = Bench.bestCPU(of: 1) {
      for file in files {
        let data = FileManager.default.contents(atPath: file)!
        _ = try? JSONSerialization.jsonObject(with: data)
      }
    }
    let tDecoder = Bench.bestCPU(of: 1) {
      for file in files {
        let data = FileManager.default.contents(atPath: file)!
        _ = try? JSONDecoder().decode(CloudTrailFile.self, from: data)
      }
    }
    let python = pythonPeer("json", files)
    print("  cloudtrail  to AccessEvent      \(Bench.rate(bytes, tEvents))")
    print(
      "  cloudtrail  to batches          \(Bench.rate(bytes, tBatches))"
        + "   (the detect path; target 1000 MB/s)")
    print(
      "    JSONSerialization (parse only) \(Bench.rate(bytes, tSerialization))"
    )
    print("    JSONDecoder (6 fields)        \(Bench.rate(bytes, tDecoder))")
    printPython("json.load", python, bytes)
  }

  private static func otherFormat(_ format: LogFormat, directory: String) {
    var config = SimulationConfig()
    config.days = 8
    config.principals = 8
    config.format = format
    guard (try? Simulator(config).write(to: directory)) != nil else {
      print("  \(format.rawValue): simulation failed")
      return
    }
    let files = walk(directory).filter { !$0.hasSuffix("labels.csv") }
    let bytes = files.reduce(0) { $0 + decompressedSize($1) }
    let reader = EventReader(
      options: {
        var o = EventReaderOptions()
        o.format = format
        return o
      }())
    let tBatches = Bench.bestCPU(of: 3) {
      _ = try? reader.readBatches(files, threads: 1) { _ in }
    }
    let plain = files.allSatisfy { !$0.hasSuffix(".gz") }
    let name = format.rawValue.padding(
      toLength: 15, withPad: " ", startingAt: 0)
    print(
      "  \(name) to batches      \(Bench.rate(bytes, tBatches))"
        + "   (\(Bench.mb(bytes)) MB\(plain ? "" : " after gunzip"))")
    guard plain else { return }
    let mode: String
    switch format {
    case .s3AccessLog: mode = "s3"
    case .azureStorageAnalytics: mode = "csv"
    default: mode = "jsonl"
    }
    if mode == "jsonl" {
      let t = Bench.bestCPU(of: 1) {
        for file in files {
          let data = FileManager.default.contents(atPath: file)!
          for line in data.split(separator: 0x0A) where !line.isEmpty {
            _ = try? JSONSerialization.jsonObject(with: Data(line))
          }
        }
      }
      print("    JSONSerialization per line    \(Bench.rate(bytes, t))")
    }
    printPython(mode, pythonPeer(mode, files), bytes)
  }

  private static func printPython(
    _ what: String, _ seconds: Double?, _ bytes: Int
  ) {
    let label = ("python3 " + what).padding(
      toLength: 30, withPad: " ", startingAt: 0)
    if let seconds {
      print("    \(label)\(Bench.rate(bytes, seconds))")
    } else {
      print("    \(label)not available (no python3)")
    }
  }

  /// CPU seconds of the Python peer over the files, or `nil`.
  private static func pythonPeer(_ mode: String, _ files: [String]) -> Double? {
    guard Bench.available("python3") else { return nil }
    let script = Bench.packageRoot + "/Scripts/baselines/parse_peer.py"
    let run = Bench.measure(["python3", script, mode] + files)
    return run.status == 0 ? run.cpu : nil
  }

  private static func walk(_ directory: String) -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: directory)
    var files: [String] = []
    while let name = enumerator?.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let path = directory + "/" + name
      if FileManager.default.fileExists(
        atPath: path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        files.append(path)
      }
    }
    return files.sorted()
  }

  private static func decompressedSize(_ path: String) -> Int {
    guard let data = FileManager.default.contents(atPath: path) else {
      return 0
    }
    if path.hasSuffix(".gz") {
      return Gunzip.decompress(Array(data), using: .zlib)?.count ?? 0
    }
    return data.count
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
