import AccessLogs

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension ActivityAccumulator {
  /// The default number of reading threads: the machine's active
  /// processors, at least 1.
  public static var defaultThreads: Int { max(1, activeProcessors()) }

  /// Reads log files on several threads into a new accumulator.
  ///
  /// The paths are read in sorted (byte) order, whatever order they are
  /// given in, and files are decoded in parallel and added in that order
  /// (see `EventReader.readBatches(_:threads:progress:_:)`), so the
  /// accumulator and the summary are the same for any number of threads
  /// and any order of the paths: even which of two differing records with
  /// one event id is kept.
  ///
  /// - Parameters:
  ///   - paths: Files, directories or `-`.
  ///   - options: What to read and keep.
  ///   - threads: Reading threads, at least 1; default
  ///     ``defaultThreads``.
  ///   - maxPrincipals: The most principals kept (see the type's
  ///     discussion); default ``defaultMaxPrincipals``.
  ///   - progress: Called after each file with the summary so far.
  /// - Returns: The accumulator and what was read.
  /// - Throws: `ReadError` in strict mode.
  /// - Complexity: O(*n*) in the bytes read, divided over the threads.
  public static func read(
    _ paths: [String], options: EventReaderOptions,
    threads: Int = ActivityAccumulator.defaultThreads,
    maxPrincipals: Int = ActivityAccumulator.defaultMaxPrincipals,
    progress: ((ReadSummary) -> Void)? = nil
  ) throws -> (accumulator: ActivityAccumulator, summary: ReadSummary) {
    var accumulator = ActivityAccumulator(maxPrincipals: maxPrincipals)
    let summary = try EventReader(options: options).readBatches(
      paths.sorted(), threads: threads, progress: progress
    ) { accumulator.add($0) }
    return (accumulator, summary)
  }
}

/// Processors online (`sysconf(_SC_NPROCESSORS_ONLN)`), or 1 when unknown.
private func activeProcessors() -> Int {
  let count = sysconf(Int32(_SC_NPROCESSORS_ONLN))
  return count > 0 ? Int(count) : 1
}
