import Foundation

/// Fetches the logs of a time range from cloud object storage into a
/// local cache and returns the local files, for `EventReader` to read:
/// the one call the commands make for `s3://`, `gs://` and Azure Blob
/// inputs.
///
/// For each location it finds credentials as the cloud's own CLI would
/// (``AWSCredentials``, ``GCSCredentials``, ``AzureCredentials``), lists
/// only the date folders of the days the range needs (see
/// `DeliveryWalker`), and downloads, `concurrency` at a time, each
/// object not already cached. Memory stays bounded: bodies go straight to
/// files, and listings hold only keys.
public struct RemoteFetcher: Sendable {
  /// Settings.
  public struct Options: Sendable {
    /// Where objects are cached; created when missing.
    public var cacheDirectory: String
    /// Downloads and listings in flight at once (default 8).
    public var concurrency: Int
    /// The environment credentials and endpoints are read from.
    public var environment: [String: String]
    /// Days after the range's last day also read, for logs delivered
    /// after midnight (default 1).
    public var deliverySlackDays: Int
    /// Retry settings.
    public var retry: RetryPolicy

    /// Creates settings.
    ///
    /// - Parameters:
    ///   - cacheDirectory: The cache directory.
    ///   - concurrency: Transfers in flight, at least 1.
    ///   - environment: The environment (default: the process's).
    ///   - deliverySlackDays: Extra days after the range, at least 0.
    ///   - retry: Retry settings.
    public init(
      cacheDirectory: String, concurrency: Int = 8,
      environment: [String: String] = ProcessInfo.processInfo.environment,
      deliverySlackDays: Int = 1, retry: RetryPolicy = RetryPolicy()
    ) {
      precondition(concurrency >= 1, "concurrency must be at least 1")
      precondition(deliverySlackDays >= 0, "slack must not be negative")
      self.cacheDirectory = cacheDirectory
      self.concurrency = concurrency
      self.environment = environment
      self.deliverySlackDays = deliverySlackDays
      self.retry = retry
    }
  }

  /// What a fetch did.
  public struct Result: Sendable {
    /// The local files, one per object, sorted.
    public var paths: [String] = []
    /// For each location (as typed, without secrets), where its
    /// credentials came from.
    public var credentialSources: [(location: String, source: String)] = []
    /// HTTP requests sent, retries included.
    public var requests = 0
    /// Objects the range needs.
    public var objects = 0
    /// Objects downloaded in this run.
    public var downloaded = 0
    /// Bytes downloaded in this run.
    public var bytesDownloaded: Int64 = 0
    /// Objects already in the cache.
    public var cached = 0
    /// The days whose folders were listed, or nil for everything.
    public var days: ClosedRange<CivilDay>?
  }

  /// Progress: objects done of objects needed.
  public typealias Progress = @Sendable (_ done: Int, _ total: Int) -> Void

  /// The settings.
  public var options: Options

  /// Creates a fetcher.
  ///
  /// - Parameter options: Settings.
  public init(options: Options) {
    self.options = options
  }

  /// The days a range needs: from the day of its start through the day of
  /// its last second, plus ``Options/deliverySlackDays``.
  ///
  /// - Parameter range: Seconds since the epoch, `[start, end)`; must not
  ///   be empty.
  /// - Returns: The days.
  public func days(for range: Range<Int64>) -> ClosedRange<CivilDay> {
    precondition(!range.isEmpty, "the time range must not be empty")
    let last = CivilDay(containing: range.upperBound - 1)
    return CivilDay(
      containing: range.lowerBound)...CivilDay(
        daysSinceEpoch: last.daysSinceEpoch + Int64(options.deliverySlackDays))
  }

  /// Fetches, blocking the calling thread (not for use inside Swift
  /// concurrency's own threads).
  ///
  /// - Parameters:
  ///   - inputs: Remote locations as typed (``RemoteLocation/parse(_:)``).
  ///   - range: The instants needed (history and window), or nil for
  ///     everything under each prefix.
  ///   - progress: Called as objects complete.
  /// - Returns: The local files and counts.
  /// - Throws: ``RemoteLogsError`` for a malformed location, missing
  ///   credentials, a refused or failed listing or download, or an
  ///   unwritable cache.
  public func fetch(
    _ inputs: [String], range: Range<Int64>?, progress: Progress? = nil
  ) throws(RemoteLogsError) -> Result {
    final class Box: @unchecked Sendable {
      var outcome: Swift.Result<Result, RemoteLogsError>?
    }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    let fetcher = self
    Task {
      do {
        box.outcome = .success(
          try await fetcher.fetchAsync(inputs, range: range, progress: progress)
        )
      } catch let error as RemoteLogsError {
        box.outcome = .failure(error)
      } catch {
        box.outcome = .failure(.transport(location: "", message: "\(error)"))
      }
      done.signal()
    }
    done.wait()
    return try box.outcome!.get()
  }

  /// Fetches (see ``fetch(_:range:progress:)``).
  ///
  /// - Parameters:
  ///   - inputs: Remote locations as typed.
  ///   - range: The instants needed, or nil for everything.
  ///   - progress: Called as objects complete.
  /// - Returns: The local files and counts.
  /// - Throws: ``RemoteLogsError``.
  public func fetchAsync(
    _ inputs: [String], range: Range<Int64>?, progress: Progress? = nil
  ) async throws(RemoteLogsError) -> Result {
    var result = Result()
    let client = HTTPClient(
      policy: options.retry, connections: options.concurrency)
    let cache = ObjectCache(
      root: URL(fileURLWithPath: options.cacheDirectory, isDirectory: true))
    var dayList: [CivilDay]?
    if let range {
      let days = days(for: range)
      result.days = days
      dayList =
        (days.lowerBound
        .daysSinceEpoch...days.upperBound
        .daysSinceEpoch).map(CivilDay.init(daysSinceEpoch:))
    }
    var work: [(any ObjectStore, RemoteObject, URL)] = []
    for input in inputs {
      let location = try RemoteLocation.parse(input)
      let store = try makeStore(location, client: client)
      result.credentialSources.append(
        (location.description, store.credentialSource))
      let walker = DeliveryWalker(
        store: store, days: dayList, concurrency: options.concurrency)
      for object in try await walker.objects() {
        work.append((store, object, cache.file(for: object, in: location)))
      }
    }
    result.objects = work.count
    let pending = work.filter { !cache.contains($0.2) }
    result.cached = work.count - pending.count
    let finished = RequestCounter()
    let total = work.count
    let cached = result.cached
    progress?(cached, total)
    let sizes = try await concurrentMap(
      pending.map { Transfer(store: $0.0, object: $0.1, file: $0.2) },
      limit: options.concurrency
    ) { transfer async throws(RemoteLogsError) -> Int64 in
      let temporary = try cache.prepare(transfer.file)
      try await transfer.store.download(transfer.object, to: temporary)
      try cache.commit(temporary, to: transfer.file)
      finished.increment()
      progress?(cached + finished.value, total)
      return transfer.object.size
    }
    result.downloaded = pending.count
    result.bytesDownloaded = sizes.reduce(0, +)
    result.requests = client.requestCount
    result.paths = work.map(\.2.path).sorted()
    return result
  }

  private struct Transfer: Sendable {
    var store: any ObjectStore
    var object: RemoteObject
    var file: URL
  }

  private func makeStore(_ location: RemoteLocation, client: HTTPClient)
    throws(RemoteLogsError) -> any ObjectStore
  {
    let environment = options.environment
    switch location.service {
    case .s3:
      return S3Store(
        location: location,
        credentials: try AWSCredentials.resolve(environment: environment),
        client: client)
    case .gcs:
      return GCSStore(
        location: location,
        credentials: try GCSCredentials.resolve(environment: environment),
        client: client)
    case .azure:
      return AzureBlobStore(
        location: location,
        credentials: try AzureCredentials.resolve(
          for: location, environment: environment),
        client: client)
    }
  }
}
