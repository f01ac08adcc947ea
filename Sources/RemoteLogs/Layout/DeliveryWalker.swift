/// Finds the log objects of a time range under a prefix by listing only
/// the delivery layouts' date folders, never the whole bucket.
///
/// Starting at the prefix, each folder is listed with the `/` delimiter
/// (first page only when it turns out to hold date-keyed objects). What
/// the folder holds decides what happens next:
/// - year folders `YYYY/` (CloudTrail `.../CloudTrail/REGION/YYYY/MM/DD/`,
///   partitioned S3 server access logs, Cloud Logging sinks
///   `.../YYYY/MM/DD/`, Storage Analytics `$logs/blob/YYYY/MM/DD/hhmm/`):
///   every day `YYYY/MM/DD/` of the range whose year exists is listed
///   without a delimiter;
/// - `y=YYYY/` (Azure Monitor `y=YYYY/m=MM/d=DD/h=HH/`): likewise with
///   `y=YYYY/m=MM/d=DD/`;
/// - objects named `YYYY-MM-DD-HH-MM-SS-...` (S3 server access logs,
///   simple key format): the keys starting `YYYY-MM-DD` of each day;
/// - `CloudTrail-Digest/` and `CloudTrail-Insight/` are passed over;
/// - any other folder is walked in turn (regions, accounts, log names),
///   up to ``maximumDepth`` deep and ``maximumFolders`` folders;
/// - other objects found outside date folders are kept (a prefix naming
///   one file fetches that file).
/// Without a range, everything under the prefix is listed.
///
/// TODO: days are the unit, so the first day of the history is read whole
/// even when the range starts late in it; filtering by the hour in keys
/// (`h=HH`, `hhmm`, `...THHMMZ`) would save up to a day of downloads a
/// run, and waits because one day in 32 is a small share.
struct DeliveryWalker: Sendable {
  /// The store.
  var store: any ObjectStore
  /// The days whose folders are read, or nil for everything.
  var days: [CivilDay]?
  /// Listings in flight at once.
  var concurrency: Int
  /// The most non-date folders walked.
  var maximumFolders = 10_000
  /// The most levels of non-date folders below the prefix.
  var maximumDepth = 16

  /// Folders never walked: they hold no access logs.
  static let skippedFolders: Set<String> = [
    "CloudTrail-Digest/", "CloudTrail-Insight/",
  ]

  /// Lists the objects.
  ///
  /// - Returns: The objects, sorted by key, without duplicates.
  /// - Throws: ``RemoteLogsError`` from the store, or
  ///   ``RemoteLogsError/tooManyFolders(location:limit:)``.
  func objects() async throws(RemoteLogsError) -> [RemoteObject] {
    let store = self.store
    let root = store.location.prefix
    guard let days else {
      return try await store.list(prefix: root, delimiter: nil).page.objects
        .filter { !Self.isSkipped($0.key) }
    }
    var found: [RemoteObject] = []
    var dayPrefixes: [String] = []
    var frontier = [root]
    var walked = 0
    var depth = 0
    while !frontier.isEmpty {
      walked += frontier.count
      guard walked <= maximumFolders, depth <= maximumDepth else {
        throw .tooManyFolders(
          location: store.location.description, limit: maximumFolders)
      }
      let plans = try await concurrentMap(frontier, limit: concurrency) {
        folder async throws(RemoteLogsError) in
        try await Self.plan(folder, store: store, days: days)
      }
      frontier = []
      for plan in plans {
        found += plan.objects
        dayPrefixes += plan.dayPrefixes
        frontier += plan.folders
      }
      depth += 1
    }
    let listings = try await concurrentMap(
      Array(Set(dayPrefixes)).sorted(), limit: concurrency
    ) { prefix async throws(RemoteLogsError) in
      try await store.list(prefix: prefix, delimiter: nil).page.objects
    }
    found += listings.joined()
    var seen = Set<String>()
    return found.filter {
      seen.insert($0.key).inserted && !Self.isSkipped($0.key)
    }
    .sorted { $0.key < $1.key }
  }

  /// What one folder's listing says to do.
  struct Plan: Sendable {
    var objects: [RemoteObject] = []
    var dayPrefixes: [String] = []
    var folders: [String] = []
  }

  static func plan(
    _ folder: String, store: any ObjectStore, days: [CivilDay]
  ) async throws(RemoteLogsError) -> Plan {
    var (page, truncated) = try await store.list(
      prefix: folder, delimiter: "/", firstPageOnly: true)
    let dated = page.objects.contains {
      isDashedDate($0.key.dropFirst(folder.count))
    }
    if truncated && !dated {
      page = try await store.list(prefix: folder, delimiter: "/").page
    }
    // TODO: when a folder holds date-keyed objects and more than one page
    // of entries, only the first page's subfolders are walked; it matters
    // for an S3 access-log prefix that also holds folders sorting after
    // the dates, and stands because such mixed prefixes are unusual.
    var plan = Plan()
    if dated {
      plan.dayPrefixes += days.map { folder + $0.dashed }
    }
    plan.objects = page.objects.filter {
      !isDashedDate($0.key.dropFirst(folder.count))
    }
    var years = Set<Int>()
    var partitionYears = Set<Int>()
    for child in page.prefixes {
      let name = child.dropFirst(folder.count)
      if let year = year(name, marker: "") {
        years.insert(year)
      } else if let year = year(name, marker: "y=") {
        partitionYears.insert(year)
      } else if !skippedFolders.contains(String(name)) {
        plan.folders.append(child)
      }
    }
    for day in days {
      if years.contains(day.year) {
        plan.dayPrefixes.append(folder + day.slashed + "/")
      }
      if partitionYears.contains(day.year) {
        plan.dayPrefixes.append(folder + day.partitioned + "/")
      }
    }
    return plan
  }

  /// The year of a folder name `MARKERYYYY/`, or nil.
  static func year(_ name: Substring, marker: String) -> Int? {
    guard name.hasPrefix(marker), name.hasSuffix("/") else { return nil }
    let digits = name.dropFirst(marker.count).dropLast()
    guard digits.count == 4, digits.allSatisfy(\.isASCII),
      digits.allSatisfy(\.isNumber)
    else { return nil }
    return Int(digits)
  }

  /// Whether a name starts `YYYY-MM-DD-HH-MM-SS-`.
  static func isDashedDate(_ name: Substring) -> Bool {
    let pattern = Array("dddd-dd-dd-dd-dd-dd-".utf8)
    let bytes = Array(name.utf8.prefix(pattern.count))
    guard bytes.count == pattern.count else { return false }
    for (byte, expected) in zip(bytes, pattern) {
      if expected == UInt8(ascii: "d") {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
          return false
        }
      } else if byte != expected {
        return false
      }
    }
    return true
  }

  static func isSkipped(_ key: String) -> Bool {
    skippedFolders.contains { key.contains("/\($0)") || key.hasPrefix($0) }
  }
}
