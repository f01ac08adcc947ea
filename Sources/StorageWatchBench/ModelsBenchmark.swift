import AnomalyModels
import Foundation

/// `storagewatch-bench models [--quick]`: release timings of the
/// statistical core, each printed beside its baseline. The MCD fit is
/// compared with scikit-learn's `MinCovDet` on the same data when
/// `python3` can import scikit-learn.
enum ModelsBenchmark {
  static func run(arguments: [String]) {
    let quick = arguments.contains("--quick")
    let rows = quick ? 20_000 : 100_000
    let columns = 10
    print("models benchmark (\(quick ? "quick" : "full"), seed 2024)")

    let data = syntheticData(rows: rows, columns: columns, seed: 2024)
    mcd(data)
    scoring(data)
    ewma(updates: quick ? 2_000_000 : 20_000_000)
    seasonal(updates: quick ? 200_000 : 2_000_000)
    tails(evaluations: quick ? 100_000 : 1_000_000)
  }

  /// Gaussian rows with correlated features and 5% shifted outliers.
  static func syntheticData(rows: Int, columns: Int, seed: UInt64)
    -> DataMatrix
  {
    var generator = SeededGenerator(seed: seed)
    var values = [Double](repeating: 0, count: rows * columns)
    for r in 0..<rows {
      var previous = 0.0
      for j in 0..<columns {
        let v = 0.6 * previous + generator.nextNormal()
        values[r * columns + j] = v
        previous = v
      }
      if r % 20 == 0 { values[r * columns] += 15 }
    }
    return DataMatrix(rows: rows, columns: columns, values: values)
  }

  /// Wall-clock seconds of `body`.
  static func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }

  /// Process CPU seconds so far; on a loaded machine this is the better
  /// estimate of single-threaded cost than wall-clock time.
  static func cpuSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }

  static func mcd(_ data: DataMatrix) {
    var fit: MCDFit?
    let cpuStart = cpuSeconds()
    let elapsed = seconds {
      fit = try? MinimumCovarianceDeterminant(seed: 1).fit(data)
    }
    let cpu = cpuSeconds() - cpuStart
    let flagged = fit.map { f in f.distances.filter { $0 > f.model.cutoff } }
    let baseline = scikitLearnSeconds(data) ?? "scikit-learn: not available"
    print(
      "mcd fit \(data.rows)x\(data.columns): "
        + String(format: "%.2f s (cpu %.2f s)", elapsed, cpu)
        + "   (\(baseline))  flagged \(flagged?.count ?? -1)")
  }

  /// Times scikit-learn's MinCovDet on the same data, or `nil` when
  /// python3 with scikit-learn is not available.
  static func scikitLearnSeconds(_ data: DataMatrix) -> String? {
    guard runPython(["-c", "import sklearn"]) != nil else { return nil }
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("models-bench-\(getpid()).f64").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let bytes = data.values.withUnsafeBytes { Data($0) }
    guard FileManager.default.createFile(atPath: path, contents: bytes) else {
      return nil
    }
    let script = """
      import time, numpy as np
      from sklearn.covariance import MinCovDet
      X = np.fromfile("\(path)", dtype=np.float64).reshape(\(data.rows), \
      \(data.columns))
      t = time.perf_counter(); MinCovDet(random_state=0).fit(X)
      print(time.perf_counter() - t)
      """
    guard let output = runPython(["-c", script]),
      let value = Double(output.trimmingCharacters(in: .whitespacesAndNewlines))
    else { return "scikit-learn: failed" }
    return "scikit-learn MinCovDet: " + String(format: "%.1f s", value)
  }

  /// Runs `python3` with arguments; standard output on success.
  static func runPython(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: output, as: UTF8.self)
  }

  static func scoring(_ data: DataMatrix) {
    guard
      let fit = try? MinimumCovarianceDeterminant(seed: 1, trials: 50)
        .fit(data)
    else { return }
    let model = fit.model.distance
    var checksum = 0.0
    let repeats = 20
    let cpuStart = cpuSeconds()
    let elapsed = seconds {
      for _ in 0..<repeats {
        checksum += model.squaredDistances(data).reduce(0, +)
      }
    }
    let cpu = cpuSeconds() - cpuStart
    let points = Double(repeats * data.rows)
    print(
      "mahalanobis score p=\(data.columns): "
        + String(
          format: "%.1f ns/point (cpu %.1f ns)", elapsed * 1e9 / points,
          cpu * 1e9 / points)
        + "   (target < 20 ns; checksum \(Int(checksum) % 1000))")
  }

  static func ewma(updates: Int) {
    var average = EWMA(.halfLife(100), adjust: true, bias: false)
    var generator = SeededGenerator(seed: 3)
    let values = (0..<4096).map { _ in generator.nextNormal() }
    let elapsed = seconds {
      for i in 0..<updates { average.update(values[i & 4095]) }
    }
    print(
      "ewma updates: "
        + String(format: "%.1f M/s", Double(updates) / elapsed / 1e6)
        + "   (pandas ewm, vectorized batch: not an online baseline;"
        + " mean \(String(format: "%.3f", average.mean)))")
  }

  static func seasonal(updates: Int) {
    var baseline = SeasonalBaseline(
      configuration: .init(timeZone: TimeZone(identifier: "Europe/Berlin")!))
    let start = 1_704_067_200.0
    let elapsed = seconds {
      for i in 0..<updates {
        baseline.observe(
          count: Double(i % 7),
          hourStarting: Date(timeIntervalSince1970: start + Double(i) * 3600))
      }
    }
    var expectations = 0
    let queries = max(updates / 100, 1000)
    let queryElapsed = seconds {
      for i in 0..<queries {
        let date = Date(timeIntervalSince1970: start + Double(i) * 3600)
        if case .expected = baseline.expectation(at: date) {
          expectations += 1
        }
      }
    }
    print(
      "seasonal updates: "
        + String(format: "%.2f M/s", Double(updates) / elapsed / 1e6)
        + "   expectations: "
        + String(format: "%.0f k/s", Double(queries) / queryElapsed / 1e3)
        + " (\(expectations) ready)")
  }

  static func tails(evaluations: Int) {
    var total = 0.0
    let elapsed = seconds {
      for i in 0..<evaluations {
        let k = Double(i % 200)
        total +=
          CountTail.negativeBinomial(
            observed: k, expected: 12, size: 3
          ).surprise
      }
    }
    print(
      "negative binomial tail: "
        + String(format: "%.0f ns/score", elapsed * 1e9 / Double(evaluations))
        + "   (checksum \(Int(total) % 1000))")
  }
}
