import AccessLogs
import ArgumentParsing
import Foundation
import RemoteLogs
import StorageWatch

/// The command's inputs as local paths: local ones as given, remote ones
/// (`s3://`, `gs://`, Azure Blob URLs) fetched for the time range into
/// the cache first.
///
/// Holding the value keeps a `--no-cache` download directory alive; it is
/// removed when the value is released.
final class RemoteInputs {
  /// Local files, directories or `-`, in the order given (each remote
  /// location replaced by its downloaded files).
  let paths: [String]
  private let temporary: URL?

  private init(paths: [String], temporary: URL?) {
    self.paths = paths
    self.temporary = temporary
  }

  deinit {
    if let temporary { try? FileManager.default.removeItem(at: temporary) }
  }

  /// The `--cache` option.
  static let cacheOption = OptionSpec(
    "cache", valueName: "dir",
    help: """
      Where s3://, gs:// and Azure Blob inputs are downloaded and kept for \
      later runs (default: $STORAGEWATCH_CACHE, else \
      $XDG_CACHE_HOME/storagewatch, else ~/.cache/storagewatch).
      """)

  /// The `--no-cache` flag.
  static let noCacheFlag = FlagSpec(
    "no-cache",
    help: "Download remote inputs to a temporary directory removed at exit.")

  /// Resolves the `path` arguments.
  ///
  /// - Parameters:
  ///   - arguments: The parsed arguments (`path`, `--cache`,
  ///     `--no-cache`).
  ///   - console: Where the fetch is reported (`--verbose` names the
  ///     credential source of each location, never a secret).
  ///   - range: The instants the command needs (history and window), or
  ///     nil for everything under each prefix.
  /// - Returns: The local paths.
  /// - Throws: `RemoteLogsError` when listing or downloading fails.
  static func resolve(
    _ arguments: ParsedArguments, console: Console, range: Range<Timestamp>?
  ) throws -> RemoteInputs {
    let given = arguments.positionalValues("path")
    let remote = given.filter(RemoteLocation.isRemote)
    guard !remote.isEmpty else {
      return RemoteInputs(paths: given, temporary: nil)
    }
    let environment = ProcessInfo.processInfo.environment
    var temporary: URL?
    let cache: String
    if arguments.flag("no-cache") {
      let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("storagewatch-\(UUID().uuidString)")
      temporary = folder
      cache = folder.path
    } else if let path = arguments.string("cache") {
      cache = path
    } else {
      cache = defaultCache(environment)
    }
    let fetcher = RemoteFetcher(
      options: .init(cacheDirectory: cache, environment: environment))
    let seconds = range.map {
      $0.lowerBound
        .secondsSinceEpoch..<max(
          $0.lowerBound.secondsSinceEpoch + 1, $0.upperBound.secondsSinceEpoch)
    }
    if let seconds {
      let days = fetcher.days(for: seconds)
      console.detail(
        "remote inputs: reading the date folders of \(days.lowerBound.dashed) "
          + "to \(days.upperBound.dashed)")
    } else {
      console.warning(
        "no time range: listing everything under the remote prefixes")
    }
    let result: RemoteFetcher.Result
    do {
      result = try fetcher.fetch(remote, range: seconds) { done, total in
        console.progress("remote inputs: \(done) of \(total) objects")
      }
    } catch {
      if let temporary { try? FileManager.default.removeItem(at: temporary) }
      throw error
    }
    for (location, source) in result.credentialSources {
      console.detail("\(location): credentials from \(source)")
    }
    console.note(
      "remote inputs: \(result.objects) objects, \(result.downloaded) "
        + "downloaded (\(result.bytesDownloaded) bytes), \(result.cached) "
        + "from the cache \(temporary == nil ? cache : "(temporary)"), "
        + "\(result.requests) requests")
    var paths: [String] = []
    var fetched = false
    for path in given {
      if RemoteLocation.isRemote(path) {
        if !fetched { paths += result.paths }
        fetched = true
      } else {
        paths.append(path)
      }
    }
    if result.objects == 0 {
      console.warning(
        "no log objects found under \(remote.joined(separator: ", "))")
    }
    return RemoteInputs(paths: paths, temporary: temporary)
  }

  /// The current time.
  static var now: Timestamp {
    Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
  }

  /// The instants a detection needs: the window and `historyDays` days
  /// before it. Without `--now`, the window ends at the current time.
  ///
  /// TODO: detect without `--now` ends its window at the newest event, so
  /// when delivery lags by hours the history's first hours fall before
  /// the fetched days; it matters only for logs that stopped arriving, and
  /// stands because the window itself is always fetched.
  ///
  /// - Parameters:
  ///   - window: The window choice.
  ///   - historyDays: Days of history.
  /// - Returns: The range.
  static func range(
    of window: DetectionRun.WindowChoice, historyDays: Int
  ) -> Range<Timestamp> {
    let history = Int64(historyDays) * 86_400
    switch window {
    case .range(let since, let until):
      return since.adding(seconds: -history)..<until
    case .hoursBack(let hours, let now):
      let end = now ?? Self.now
      return end.adding(seconds: -Int64(hours) * 3600 - history)..<end
    }
  }

  /// The last `days` days before now, for commands that judge whole days
  /// (tune, calibrate) when no `--since` is given.
  ///
  /// - Parameters:
  ///   - days: Days, at least 1.
  ///   - since: An explicit start, when given.
  ///   - until: An explicit end, when given.
  /// - Returns: The range.
  static func lastDays(_ days: Int, since: Timestamp?, until: Timestamp?)
    -> Range<Timestamp>
  {
    let end = until ?? Self.now
    let start = since ?? end.adding(seconds: -Int64(days) * 86_400)
    return start..<max(start, end)
  }

  private static func defaultCache(_ environment: [String: String]) -> String {
    if let path = environment["STORAGEWATCH_CACHE"], !path.isEmpty {
      return path
    }
    if let path = environment["XDG_CACHE_HOME"], !path.isEmpty {
      return path + "/storagewatch"
    }
    let home = environment["HOME"] ?? NSHomeDirectory()
    return home + "/.cache/storagewatch"
  }
}
