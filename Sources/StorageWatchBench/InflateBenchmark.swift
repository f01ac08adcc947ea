import AccessLogs
import Foundation

/// Gzip decompression: the reader's two inflaters beside `gzip -dc`.
///
/// Decompresses every `.gz` file of a directory held in memory with
/// libdeflate (the reader's path for files up to 32 MiB) and with zlib's
/// streaming inflate, and runs `gzip -dc` over the same files to
/// /dev/null. Rates are decompressed megabytes per CPU-second.
enum InflateBenchmark {
  static func run(directory: String) {
    let paths = gzipFiles(directory)
    let inputs = paths.compactMap { FileManager.default.contents(atPath: $0) }
      .map { Array($0) }
    let compressed = inputs.reduce(0) { $0 + $1.count }
    var output = 0
    let tDeflate = Bench.bestCPU(of: 3) {
      output = 0
      for input in inputs {
        output += Gunzip.decompress(input, using: .libdeflate)?.count ?? 0
      }
    }
    let tZlib = Bench.bestCPU(of: 3) {
      for input in inputs { _ = Gunzip.decompress(input, using: .zlib) }
    }
    let list = NSTemporaryDirectory() + "storagewatch-bench-gz-\(getpid())"
    _ = FileManager.default.createFile(
      atPath: list, contents: Data(paths.joined(separator: "\n").utf8))
    defer { try? FileManager.default.removeItem(atPath: list) }
    let gzip = Bench.median(
      3, ["sh", "-c", "tr '\\n' '\\0' < \(list) | xargs -0 cat | gzip -dc"])
    print(
      "inflate: \(paths.count) files, \(Bench.mb(compressed)) MB gzip, "
        + "\(Bench.mb(output)) MB out; MB out per CPU-second")
    print("  libdeflate (files <= 32 MiB)  \(Bench.rate(output, tDeflate))")
    print("  zlib inflate (streaming)      \(Bench.rate(output, tZlib))")
    print(
      "  gzip -dc > /dev/null          \(Bench.rate(output, gzip.cpu))"
        + "   (\(String(format: "%.2f", gzip.wall)) s wall)")
  }

  static func gzipFiles(_ given: String) -> [String] {
    let directory = URL(fileURLWithPath: given).resolvingSymlinksInPath().path
    var files: [String] = []
    let enumerator = FileManager.default.enumerator(atPath: directory)
    while let name = enumerator?.nextObject() as? String {
      if name.hasSuffix(".gz") { files.append(directory + "/" + name) }
    }
    return files.sorted()
  }
}
