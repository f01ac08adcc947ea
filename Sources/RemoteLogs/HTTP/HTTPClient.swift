import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// HTTP through Foundation's `URLSession` (libcurl on Linux, shipped with
/// the toolchain), with retries and request counts.
///
/// Requests are built afresh for every attempt, so signatures carry the
/// attempt's time. HTTP 429, 500, 502, 503 and 504 and transient network
/// errors (time-outs, dropped or refused connections) are retried up to
/// ``RetryPolicy/attempts`` times with exponential backoff and
/// jitter, or after the `Retry-After` seconds the server asks for (capped
/// at ``RetryPolicy/maximumDelay``). Other statuses are returned to the
/// caller, which names the bucket and prefix in its error.
final class HTTPClient: Sendable {
  /// Builds one attempt's request.
  typealias RequestBuilder = @Sendable () -> URLRequest

  private let session: URLSession
  private let policy: RetryPolicy
  private let counter = RequestCounter()

  /// Creates a client.
  ///
  /// - Parameters:
  ///   - policy: Retry settings.
  ///   - connections: Connections per host the session may open.
  init(policy: RetryPolicy, connections: Int) {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpMaximumConnectionsPerHost = max(1, connections)
    configuration.timeoutIntervalForRequest = 60
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    session = URLSession(configuration: configuration)
    self.policy = policy
  }

  deinit { session.finishTasksAndInvalidate() }

  /// Requests sent so far, retries included.
  var requestCount: Int { counter.value }

  /// Sends a request and returns the whole body (for listings).
  ///
  /// - Parameters:
  ///   - build: Builds each attempt's request.
  ///   - location: Names the bucket and prefix in errors.
  /// - Returns: The final status, headers and body.
  /// - Throws: ``RemoteLogsError/transport(location:message:)`` when the
  ///   network fails on every attempt.
  func send(_ build: RequestBuilder, location: String)
    async throws(RemoteLogsError) -> (HTTPURLResponse, Data)
  {
    try await retrying(location: location) {
      () async throws -> (HTTPURLResponse, Data) in
      let request = build()
      return try await withCheckedThrowingContinuation { continuation in
        session.dataTask(with: request) { data, response, error in
          if let error {
            continuation.resume(throwing: error)
          } else if let response = response as? HTTPURLResponse {
            continuation.resume(returning: (response, data ?? Data()))
          } else {
            continuation.resume(throwing: URLError(.badServerResponse))
          }
        }.resume()
      }
    }
  }

  /// Downloads a body to a file, never holding it in memory.
  ///
  /// - Parameters:
  ///   - build: Builds each attempt's request.
  ///   - destination: Where a 2xx body is moved (replacing any file).
  ///   - location: Names the object in errors.
  /// - Returns: The final response; for a non-2xx status, also the start
  ///   of the error body, and nothing is written to `destination`.
  /// - Throws: ``RemoteLogsError/transport(location:message:)`` on network
  ///   failure after retries.
  func download(
    _ build: RequestBuilder, to destination: URL, location: String
  ) async throws(RemoteLogsError) -> (HTTPURLResponse, Data) {
    try await retrying(location: location) {
      () async throws -> (HTTPURLResponse, Data) in
      let request = build()
      return try await withCheckedThrowingContinuation { continuation in
        session.downloadTask(with: request) { file, response, error in
          guard let response = response as? HTTPURLResponse, error == nil,
            let file
          else {
            continuation.resume(
              throwing: error ?? URLError(.badServerResponse))
            return
          }
          do {
            if (200..<300).contains(response.statusCode) {
              try? FileManager.default.removeItem(at: destination)
              try FileManager.default.moveItem(at: file, to: destination)
              continuation.resume(returning: (response, Data()))
            } else {
              let body = (try? Data(contentsOf: file)) ?? Data()
              continuation.resume(returning: (response, body.prefix(4096)))
            }
          } catch {
            continuation.resume(throwing: error)
          }
        }.resume()
      }
    }
  }

  private func retrying(
    location: String,
    _ attempt: () async throws -> (HTTPURLResponse, Data)
  ) async throws(RemoteLogsError) -> (HTTPURLResponse, Data) {
    var number = 0
    while true {
      number += 1
      counter.increment()
      let last = number >= policy.attempts
      do {
        let (response, body) = try await attempt()
        if !last && RetryPolicy.retriedStatuses.contains(response.statusCode) {
          let retryAfter = (response.value(forHTTPHeaderField: "Retry-After"))
            .flatMap(Double.init)
          await pause(number, requested: retryAfter)
          continue
        }
        return (response, body)
      } catch {
        let code = (error as? URLError)?.code
        guard !last, let code, RetryPolicy.retriedErrors.contains(code) else {
          throw .transport(location: location, message: Self.describe(error))
        }
        await pause(number, requested: nil)
      }
    }
  }

  private func pause(_ attempt: Int, requested: Double?) async {
    let seconds = policy.delay(attempt: attempt, requested: requested)
    try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
  }

  /// A network error's text: curl's message (which names host and port,
  /// never the query, where a SAS token would be), without the URL.
  private static func describe(_ error: any Error) -> String {
    guard let error = error as? URLError else { return "\(error)" }
    let underlying =
      (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
    let message =
      underlying?.userInfo[NSLocalizedDescriptionKey] as? String
      ?? (error as NSError).userInfo[NSLocalizedDescriptionKey] as? String
    return "network error \(error.code.rawValue)"
      + (message.map { ": \($0)" } ?? "")
  }
}

/// How often and how long to retry.
public struct RetryPolicy: Sendable {
  /// Attempts in all, at least 1.
  public var attempts: Int
  /// The first backoff in seconds; doubled after each attempt.
  public var baseDelay: Double
  /// The longest wait between attempts, in seconds.
  public var maximumDelay: Double

  /// Creates a policy.
  ///
  /// - Parameters:
  ///   - attempts: Attempts in all (default 5).
  ///   - baseDelay: First backoff in seconds (default 0.2).
  ///   - maximumDelay: Longest wait in seconds (default 10).
  public init(
    attempts: Int = 5, baseDelay: Double = 0.2, maximumDelay: Double = 10
  ) {
    precondition(attempts >= 1, "at least one attempt")
    self.attempts = attempts
    self.baseDelay = baseDelay
    self.maximumDelay = maximumDelay
  }

  static let retriedStatuses: Set<Int> = [429, 500, 502, 503, 504]
  static let retriedErrors: Set<URLError.Code> = [
    .timedOut, .networkConnectionLost, .cannotConnectToHost,
    .notConnectedToInternet, .dnsLookupFailed, .resourceUnavailable,
  ]

  /// The wait before the next attempt: the server's `Retry-After` when
  /// given, else a uniform draw between half and all of `base * 2^(attempt-1)`, capped.
  ///
  /// - Parameters:
  ///   - attempt: The attempt that just failed, from 1.
  ///   - requested: The server's `Retry-After` in seconds.
  /// - Returns: Seconds to wait.
  func delay(attempt: Int, requested: Double?) -> Double {
    if let requested, requested >= 0 { return min(requested, maximumDelay) }
    let ceiling = min(
      maximumDelay, baseDelay * Double(1 << min(attempt - 1, 20)))
    return Double.random(in: (ceiling / 2)...max(ceiling / 2, ceiling))
  }
}

/// A thread-safe count.
final class RequestCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0

  /// The count.
  var value: Int { lock.withLock { count } }

  /// Adds one.
  func increment() { lock.withLock { count += 1 } }
}
