/// Runs an asynchronous body over items with at most `limit` in flight,
/// returning the results in the items' order.
///
/// - Parameters:
///   - items: The inputs.
///   - limit: The most bodies running at once, at least 1.
///   - body: The work for one item.
/// - Returns: One result per item, in order.
/// - Throws: The first ``RemoteLogsError`` a body throws; the others are
///   cancelled.
/// - Complexity: O(n) bodies; memory holds `limit` running bodies and the
///   results.
func concurrentMap<Item: Sendable, Result: Sendable>(
  _ items: [Item], limit: Int,
  _ body: @escaping @Sendable (Item) async throws(RemoteLogsError) -> Result
) async throws(RemoteLogsError) -> [Result] {
  precondition(limit >= 1, "at least one task at a time")
  do {
    return try await withThrowingTaskGroup(of: (Int, Result).self) { group in
      var results = [Result?](repeating: nil, count: items.count)
      var next = 0
      func start() {
        guard next < items.count else { return }
        let index = next
        let item = items[index]
        group.addTask { (index, try await body(item)) }
        next += 1
      }
      for _ in 0..<min(limit, items.count) { start() }
      while let (index, result) = try await group.next() {
        results[index] = result
        start()
      }
      return results.map { $0! }
    }
  } catch let error as RemoteLogsError {
    throw error
  } catch {
    throw .transport(location: "", message: "\(error)")
  }
}
