/// What a read did: files, records, events and everything skipped.
///
/// Nothing is dropped silently: every record read either became an event,
/// was filtered out by the caller's options, or is counted in ``skipped``
/// under its reason, and every input file either was read or is in
/// ``fileErrors``.
public struct ReadSummary: Hashable, Sendable {
  /// Files opened and read to the end.
  public var filesRead = 0
  /// Files left out on purpose: CloudTrail digest files.
  public var digestFilesSkipped = 0
  /// Files or directories that could not be read, with why.
  public var fileErrors: [InputError] = []
  /// Records read, per format.
  public var recordsRead: [LogFormat: Int] = [:]
  /// Events produced and passed to the caller.
  public var eventsEmitted = 0
  /// Events dropped by the caller's filters (time range, bucket).
  public var eventsFiltered = 0
  /// Records that produced no event, per reason.
  public var skipped: [SkipReason: Int] = [:]
  /// The first skipped records with their locations, in reading order, at
  /// most ``maximumExamples``; the counts in ``skipped`` are complete.
  public var examples: [SkippedRecord] = []
  /// How many skipped records ``examples`` keeps.
  public var maximumExamples = 50
  /// Decompressed bytes read.
  public var bytesRead: Int64 = 0

  /// Creates an empty summary.
  public init() {}

  /// All records read, over all formats.
  public var totalRecordsRead: Int { recordsRead.values.reduce(0, +) }

  /// All records skipped, over all reasons.
  public var totalSkipped: Int { skipped.values.reduce(0, +) }

  /// Records skipped because they were damaged (see
  /// ``SkipReason/isMalformation``).
  public var malformedRecords: Int {
    skipped.filter { $0.key.isMalformation }.values.reduce(0, +)
  }

  /// Counts a skipped record and keeps it as an example while there is
  /// room.
  ///
  /// - Parameter record: The skipped record.
  public mutating func add(_ record: SkippedRecord) {
    skipped[record.reason, default: 0] += 1
    if examples.count < maximumExamples { examples.append(record) }
  }

  /// Keeps an example without counting it, while there is room.
  mutating func keepExample(_ record: SkippedRecord) {
    if examples.count < maximumExamples { examples.append(record) }
  }

  /// Adds another summary's counts to this one (for reads done in parts).
  ///
  /// - Parameter other: The summary to add.
  public mutating func merge(_ other: ReadSummary) {
    filesRead += other.filesRead
    digestFilesSkipped += other.digestFilesSkipped
    fileErrors += other.fileErrors
    for (format, count) in other.recordsRead {
      recordsRead[format, default: 0] += count
    }
    eventsEmitted += other.eventsEmitted
    eventsFiltered += other.eventsFiltered
    for (reason, count) in other.skipped {
      skipped[reason, default: 0] += count
    }
    let room = max(0, maximumExamples - examples.count)
    examples += other.examples.prefix(room)
    bytesRead += other.bytesRead
  }
}
