import Dispatch

extension EventReader {
  /// Reads every input on several threads and passes each file's events
  /// to `body` as one ``EventBatch``, in file order.
  ///
  /// Worker threads each take the next file, inflate, frame and decode it
  /// into a batch; the calling thread takes the batches back in file
  /// order, marks duplicate deliveries exactly as ``read(_:progress:_:)``
  /// would (the first copy in file order is kept), counts filtered events
  /// and calls `body`. Batches, summaries and everything derived from them
  /// are therefore the same whatever the number of threads. At most
  /// `4 × threads` files are held in memory at once.
  ///
  /// - Parameters:
  ///   - paths: Files, directories (walked recursively) or `-`.
  ///   - threads: Worker threads; 1 reads on the calling thread alone.
  ///     Must be at least 1.
  ///   - progress: Called after each file with the summary so far.
  ///   - body: Called with each file's batch, in file order; an error it
  ///     throws stops the read and is rethrown.
  /// - Returns: Counts of files, records, events and skips, equal to
  ///   those of ``read(_:progress:_:)``.
  /// - Throws: ``ReadError`` in strict mode; whatever `body` throws.
  /// - Complexity: O(*n*) in the bytes read, divided over the threads.
  public func readBatches(
    _ paths: [String], threads: Int,
    progress: ((ReadSummary) -> Void)? = nil,
    _ body: (EventBatch) throws -> Void
  ) throws -> ReadSummary {
    precondition(threads >= 1, "readBatches: threads must be at least 1")
    let items = InputWalker.expand(paths)
    var merger = BatchMerger(options: options)
    if threads == 1 || items.count < 2 {
      var buffer: [UInt8] = []
      for item in items {
        try merger.take(
          readItem(item, buffer: &buffer), progress: progress, body)
      }
      return merger.summary
    }
    let pipeline = BatchPipeline(
      reader: self, items: items, window: 4 * threads)
    pipeline.start(workers: threads)
    defer { pipeline.stop() }
    for index in items.indices {
      try merger.take(pipeline.result(index), progress: progress, body)
    }
    return merger.summary
  }

  /// Reads one walked item into a batch and its own summary.
  fileprivate func readItem(
    _ item: InputWalker.Item, buffer: inout [UInt8]
  ) -> FileResult {
    var result = FileResult()
    switch item {
    case .digestDirectory(_, let files):
      result.summary.digestFilesSkipped += files
    case .failure(let error):
      if options.strict {
        result.error = .input(error)
      } else {
        result.summary.fileErrors.append(error)
      }
    case .file(let path):
      var batch = EventBatch(path: path)
      result.isFile = true
      do {
        try readFile(path, &result.summary, buffer: &buffer) {
          event, location, summary in
          batch.append(event, at: location, filtered: !keeps(event))
          batch.examplesBefore.append(Int32(summary.examples.count))
        }
      } catch let error as InputError {
        if options.strict {
          result.error = .input(error)
        } else {
          result.summary.fileErrors.append(error)
        }
      } catch let error as ReadError {
        result.error = error
      } catch {
        preconditionFailure("readFile threw \(error)")
      }
      result.batch = batch
    }
    return result
  }
}

/// One walked item read: its batch, its own counts and, in strict mode,
/// the error that stops the read.
private struct FileResult: Sendable {
  var batch: EventBatch?
  var summary = ReadSummary()
  var error: ReadError?
  var isFile = false
}

/// Takes file results in file order: deduplicates, counts and hands the
/// batches on.
private struct BatchMerger {
  let options: EventReaderOptions
  var summary = ReadSummary()
  private var seen: DuplicateFilter

  init(options: EventReaderOptions) {
    self.options = options
    seen = DuplicateFilter(window: options.duplicateWindow)
  }

  mutating func take(
    _ result: FileResult, progress: ((ReadSummary) -> Void)?,
    _ body: (EventBatch) throws -> Void
  ) throws {
    // Skip examples of the file and duplicates found here are kept in
    // reading order, as a sequential read interleaves them.
    var own = result.summary
    let examples = own.examples
    own.examples = []
    summary.merge(own)
    var next = 0
    if let error = result.error { throw error }
    if var batch = result.batch {
      for i in batch.events.indices {
        let before = Int(batch.examplesBefore[i])
        while next < before {
          summary.keepExample(examples[next])
          next += 1
        }
        let id = batch.eventIDs[i]
        if options.deduplicate, id >= 0, !seen.insert(batch.keys[i]) {
          batch.events[i].duplicate = true
          let at = batch.locations[i]
          summary.add(
            SkippedRecord(
              location: RecordLocation(
                path: batch.path, line: Int(at.line), offset: at.offset),
              reason: .duplicate,
              detail: "event id \(batch.strings.string(id))"))
          continue
        }
        if batch.events[i].filtered {
          summary.eventsFiltered += 1
          continue
        }
        summary.eventsEmitted += 1
      }
      while next < examples.count {
        summary.keepExample(examples[next])
        next += 1
      }
      try body(batch)
    } else {
      for example in examples { summary.keepExample(example) }
    }
    if result.isFile { progress?(summary) }
  }
}

/// Worker threads reading files ahead of the merging thread, at most
/// `window` files ahead.
private final class BatchPipeline: @unchecked Sendable {
  private struct State {
    var next = 0
    var results: [Int: FileResult] = [:]
    var stopped = false
  }

  private let reader: EventReader
  private let items: [InputWalker.Item]
  /// The shared state, touched only inside `withState(_:)`.
  private var state = State()
  /// Serializes access to `state`. Synchronization's `Mutex` would do,
  /// but on Linux ThreadSanitizer cannot see its futex-based ordering
  /// and reports the guarded accesses as races; libdispatch's is seen.
  private let stateQueue = DispatchQueue(label: "storagewatch.batches")
  private let ready = DispatchSemaphore(value: 0)
  private let room: DispatchSemaphore
  private let group = DispatchGroup()
  private var workers = 0

  init(reader: EventReader, items: [InputWalker.Item], window: Int) {
    self.reader = reader
    self.items = items
    room = DispatchSemaphore(value: window)
  }

  func start(workers: Int) {
    self.workers = workers
    for _ in 0..<workers {
      group.enter()
      DispatchQueue.global().async { [self] in
        work()
        group.leave()
      }
    }
  }

  private func work() {
    var buffer: [UInt8] = []
    while true {
      room.wait()
      let claimed = withState { s -> Int? in
        guard !s.stopped, s.next < items.count else { return nil }
        s.next += 1
        return s.next - 1
      }
      guard let index = claimed else {
        room.signal()
        return
      }
      let result = reader.readItem(items[index], buffer: &buffer)
      withState { $0.results[index] = result }
      ready.signal()
    }
  }

  /// Runs `body` on the shared state, excluding every other caller.
  private func withState<R>(_ body: (inout State) -> R) -> R {
    stateQueue.sync { body(&state) }
  }

  /// Waits for the result of item `index`; items must be taken in order.
  func result(_ index: Int) -> FileResult {
    while true {
      if let result = withState({ $0.results.removeValue(forKey: index) }) {
        room.signal()
        return result
      }
      ready.wait()
    }
  }

  /// Stops the workers after their current file and waits for them.
  func stop() {
    withState { $0.stopped = true }
    for _ in 0..<workers { room.signal() }
    group.wait()
  }
}
