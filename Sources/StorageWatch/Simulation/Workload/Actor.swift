/// What a simulated identity does.
enum ActorRole: Sendable, Equatable {
  /// A person with a daily and weekly rhythm.
  case person
  /// A nightly ETL job reading thousands of objects through a private
  /// endpoint.
  case etl
  /// A serverless function on rotating public addresses.
  case function
  /// A sync tool whose sessions get random names.
  case sync
  /// A nightly backup writer.
  case backup
  /// A weekly report job.
  case weeklyReport
  /// A security scanner probing bucket settings, with denied answers.
  case scanner
  /// Unauthenticated readers of a public bucket.
  case anonymous
  /// The provider delivering its own logs into a bucket.
  case logDelivery
  /// The provider's lifecycle rules expiring objects.
  case lifecycle
}

/// One simulated identity and its habits.
struct Actor: Sendable {
  var role: ActorRole
  /// A short stable name: `alice.chen`, `etl-nightly`.
  var name: String
  var zone: TimeZoneRule = .newYork
  /// Works late, from about 13:00 to 02:00 local.
  var nightOwl = false
  /// Works strictly in office hours, never at night or on weekends.
  var strictHours = false
  /// Local working hours.
  var workStart = 9.0
  var workEnd = 17.5
  /// Median requests on an active working day.
  var dailyMedian = 100.0
  /// Mean seconds between requests within a session.
  var pace = 15.0
  /// Favourite buckets.
  var buckets: [Int] = []
  var client: ClientKind = .cli
  var office: UInt32 = 0
  var home: UInt32 = 0
  /// On AWS, signs in through SSO (an assumed role) instead of as an IAM
  /// user.
  var usesSSO = false
  /// On Azure, authenticates with a shared key or SAS instead of OAuth.
  var azureSharedKey = false
  /// On Azure, the shared key is a SAS token (otherwise the account key).
  var azureSAS = false
}

/// One simulated bucket (container on Azure).
struct Bucket: Sendable {
  /// Name without the company prefix, such as `data-lake`.
  var shortName: String
  var region: String
  /// Median object size in bytes and its log-space spread.
  var medianSize: Double
  var sizeSigma: Double
  /// Object numbers in use.
  var objects: UInt32
  /// Key layout.
  var layout: KeyLayout
  /// Readable by anyone.
  var isPublic = false
}

/// How a bucket's keys look.
enum KeyLayout: Sendable {
  case partitions
  case reports
  case media
  case thumbnails
  case backups
  case documents
  case assets
  case logs
  case models
  case exports
}
