import AnomalyModels
import Foundation

/// `storagewatch-bench models [--quick]`: release timings of the
/// statistical core, each printed beside its baseline. The MCD fit is
/// compared with scikit-learn's `MinCovDet` on the same data when
/// ``Bench/python`` can import scikit-learn; Mahalanobis scoring with the
/// previous Swift kernel, a naive loop and numpy (when importable).
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
  /// no Python with scikit-learn is available.
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

  /// Runs ``Bench/python`` with arguments; standard output on success.
  static func runPython(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [Bench.python] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: output, as: UTF8.self)
  }

  /// Wall and CPU nanoseconds per point of `repeats` passes of `score`
  /// over `data`, and the scores of the last pass.
  static func timePerPoint(
    _ data: DataMatrix, repeats: Int, _ score: () -> [Double]
  ) -> (wall: Double, cpu: Double, scores: [Double]) {
    var scores: [Double] = []
    let cpuStart = cpuSeconds()
    let elapsed = seconds {
      for _ in 0..<repeats { scores = score() }
    }
    let cpu = cpuSeconds() - cpuStart
    let points = Double(repeats * data.rows)
    return (elapsed * 1e9 / points, cpu * 1e9 / points, scores)
  }

  /// Mahalanobis scoring of every row (the library's batch kernel) beside
  /// the previous Swift SIMD8 kernel, a naive double loop and numpy.
  static func scoring(_ data: DataMatrix) {
    guard
      let fit = try? MinimumCovarianceDeterminant(seed: 1, trials: 50)
        .fit(data)
    else { return }
    let model = fit.model.distance
    let repeats = 20
    let fast = timePerPoint(data, repeats: repeats) {
      model.squaredDistances(data)
    }
    let previous = timePerPoint(data, repeats: repeats) {
      previousSwiftKernel(model, data)
    }
    let naive = timePerPoint(data, repeats: max(repeats / 4, 1)) {
      naiveLoop(model, data)
    }
    var largest = 0.0
    for (a, b) in zip(fast.scores, previous.scores) {
      largest = max(largest, abs(a - b) / max(abs(b), 1e-300))
    }
    let numpy = numpyNanoseconds(model, data, repeats: repeats)
    func figure(_ t: (wall: Double, cpu: Double, scores: [Double])) -> String {
      String(format: "%.1f ns/point (cpu %.1f ns)", t.wall, t.cpu)
    }
    print(
      "mahalanobis score p=\(data.columns): \(figure(fast)) "
        + "[\(MahalanobisModel.scoringKernel)]   (target < 20 ns)")
    print(
      "  baselines: previous Swift SIMD8 kernel \(figure(previous)); "
        + "naive loop \(figure(naive)); \(numpy)")
    print(
      "  max relative difference from the previous kernel: "
        + String(format: "%.1e", largest))
  }

  /// The Swift kernel the C kernel replaced: eight rows per `SIMD8`,
  /// packed upper triangle, built for the baseline instruction set.
  static func previousSwiftKernel(
    _ model: MahalanobisModel, _ data: DataMatrix
  ) -> [Double] {
    let p = model.dimension
    let rows = data.rows
    var packed = [Double]()
    for i in 0..<p {
      packed.append(model.precision[i * p + i])
      for j in (i + 1)..<max(i + 1, p) {
        packed.append(2 * model.precision[i * p + j])
      }
    }
    return [Double](unsafeUninitializedCapacity: rows) { out, initialized in
      packed.withUnsafeBufferPointer { packedBuffer in
        model.location.withUnsafeBufferPointer { muBuffer in
          data.values.withUnsafeBufferPointer { dataBuffer in
            let q = packedBuffer.baseAddress!
            let mu = muBuffer.baseAddress!
            let x = dataBuffer.baseAddress!
            let z = UnsafeMutablePointer<SIMD8<Double>>.allocate(capacity: p)
            defer { z.deallocate() }
            var r = 0
            while r + 8 <= rows {
              let x0 = x + r * p
              UnsafeMutableRawPointer(z).withMemoryRebound(
                to: Double.self, capacity: 8 * p
              ) { flat in
                for lane in 0..<8 {
                  let row = x0 + lane * p
                  for j in 0..<p { flat[j * 8 + lane] = row[j] - mu[j] }
                }
              }
              var total = SIMD8<Double>(repeating: 0)
              var k = 0
              for i in 0..<p {
                var row = SIMD8<Double>(repeating: 0)
                for j in i..<p {
                  row += q[k] * z[j]
                  k += 1
                }
                total += z[i] * row
              }
              for lane in 0..<8 { out[r + lane] = total[lane] }
              r += 8
            }
            while r < rows {
              let x0 = x + r * p
              var total = 0.0
              var k = 0
              for i in 0..<p {
                var row = 0.0
                for j in i..<p {
                  row += q[k] * (x0[j] - mu[j])
                  k += 1
                }
                total += (x0[i] - mu[i]) * row
              }
              out[r] = total
              r += 1
            }
          }
        }
      }
      initialized = rows
    }
  }

  /// `Σ_ij z_i P_ij z_j` on the full precision, one row at a time.
  static func naiveLoop(_ model: MahalanobisModel, _ data: DataMatrix)
    -> [Double]
  {
    let p = model.dimension
    var z = [Double](repeating: 0, count: p)
    return (0..<data.rows).map { r in
      for j in 0..<p {
        z[j] = data.values[r * p + j] - model.location[j]
      }
      var total = 0.0
      for i in 0..<p {
        for j in 0..<p { total += z[i] * model.precision[i * p + j] * z[j] }
      }
      return total
    }
  }

  /// numpy's `((X − μ) @ P * (X − μ)).sum(1)` on the same data, as
  /// "numpy: … ns/point" (wall), or why it was not measured.
  static func numpyNanoseconds(
    _ model: MahalanobisModel, _ data: DataMatrix, repeats: Int
  ) -> String {
    guard runPython(["-c", "import numpy"]) != nil else {
      return "numpy: not available"
    }
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("models-bench-score-\(getpid()).f64").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let values = model.location + model.precision + data.values
    let bytes = values.withUnsafeBytes { Data($0) }
    guard FileManager.default.createFile(atPath: path, contents: bytes) else {
      return "numpy: could not write the data"
    }
    let p = model.dimension
    // One BLAS thread: a single-threaded comparison, and spinning BLAS
    // threads distort timings on a shared machine.
    let script = """
      import os
      os.environ["OPENBLAS_NUM_THREADS"] = "1"
      os.environ["OMP_NUM_THREADS"] = "1"
      import time, numpy as np
      a = np.fromfile("\(path)", dtype=np.float64)
      p = \(p)
      mu, P = a[:p], a[p:p + p * p].reshape(p, p)
      X = a[p + p * p:].reshape(-1, p)
      t = time.perf_counter()
      for _ in range(\(repeats)):
          Z = X - mu
          d = ((Z @ P) * Z).sum(axis=1)
      print((time.perf_counter() - t) / (\(repeats) * X.shape[0]) * 1e9)
      """
    guard let output = runPython(["-c", script]),
      let value = Double(output.trimmingCharacters(in: .whitespacesAndNewlines))
    else { return "numpy: failed" }
    return "numpy (Z @ P * Z).sum(1), 1 thread "
      + String(format: "%.1f ns/point", value)
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
