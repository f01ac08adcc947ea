/// What an ``EventReader`` reads and keeps.
public struct EventReaderOptions: Sendable {
  /// The format to read every file as, or `nil` to detect each file's
  /// format from its content. Default: `nil`.
  public var format: LogFormat?
  /// Keep only events on these buckets or containers; empty keeps all.
  /// Default: empty.
  public var buckets: Set<String> = []
  /// Keep only events at or after this instant. Default: `nil`.
  public var since: Timestamp?
  /// Keep only events before this instant. Default: `nil`.
  public var until: Timestamp?
  /// Events dated after this instant are skipped as
  /// ``SkipReason/futureTimestamp``: a clock far ahead, or a forged record
  /// meant to move the detection window away from the real activity.
  /// Unlike ``until``, which filters quietly, these are counted as damage.
  /// Default: `nil` (no limit; the command line sets the current time plus
  /// a day).
  public var latestTime: Timestamp?
  /// Stop at the first unreadable file or damaged record instead of
  /// counting it and going on. Default: `false`.
  public var strict = false
  /// Drop events whose event id was already read in this run. Default:
  /// `true`.
  public var deduplicate = true
  /// How many of the most recent distinct event ids deduplication
  /// remembers at least (at most twice as many, 16 to 32 bytes each), so
  /// that memory does not grow with the number of events. A duplicate
  /// delivered after more distinct ids than this is counted twice.
  /// Default: 2,000,000 (duplicate deliveries come minutes apart).
  public var duplicateWindow = 2_000_000
  /// The largest record kept in memory, in bytes; larger ones are skipped
  /// as ``SkipReason/tooLarge``. Default: 256 MiB (CloudTrail delivery
  /// files are far smaller).
  public var maximumRecordBytes = 256 << 20

  /// Creates options with the defaults above.
  public init() {}
}
