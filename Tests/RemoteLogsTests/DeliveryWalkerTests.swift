import Testing

@testable import RemoteLogs

/// Listing by date folder: only the range's days are listed and read,
/// whatever the bucket holds before and after, for every delivery layout.
@Suite struct DeliveryWalkerTests {
  /// A layout: where the user points and the keys of one day's logs.
  struct Layout: Sendable, CustomStringConvertible {
    var name: String
    var prefix: String
    /// Keys of a day's objects (a few per day).
    var keys: @Sendable (CivilDay) -> [String]
    /// Listing requests besides the day folders: the walk down to them.
    var walkRequests: Int
    /// Day-folder listings per day of the range.
    var perDay: Int
    /// Keys that must never be read.
    var noise: [String] = []
    var description: String { name }
  }

  static let layouts: [Layout] = [
    Layout(
      name: "CloudTrail, two regions, digests",
      prefix: "AWSLogs/123456789012/CloudTrail/",
      keys: { day in
        ["us-east-1", "eu-west-1"].flatMap { region in
          (0..<3).map { n in
            "AWSLogs/123456789012/CloudTrail/\(region)/\(day.slashed)/"
              + "123456789012_CloudTrail_\(region)_\(day.compact)T0\(n)00Z_x"
              + ".json.gz"
          }
        }
      }, walkRequests: 3, perDay: 2,
      noise: [
        "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/10/01/d.json"
      ]),
    Layout(
      name: "CloudTrail from the bucket root",
      prefix: "",
      keys: { day in
        [
          "AWSLogs/123456789012/CloudTrail/us-east-1/\(day.slashed)/a.json.gz"
        ]
      }, walkRequests: 5, perDay: 1,
      noise: [
        "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/10/01/d.json"
      ]),
    Layout(
      name: "S3 server access logs, date-prefixed keys",
      prefix: "logs/",
      keys: { day in
        (0..<4).map { "logs/\(day.dashed)-0\($0)-15-42-ABCDEF0123456789" }
      }, walkRequests: 1, perDay: 1),
    Layout(
      name: "S3 server access logs, partitioned",
      prefix: "logs/",
      keys: { day in
        [
          "logs/123456789012/us-east-1/data-bucket/\(day.slashed)/"
            + "\(day.dashed)-10-15-42-ABCDEF0123456789"
        ]
      }, walkRequests: 4, perDay: 1),
    Layout(
      name: "Cloud Logging sink",
      prefix: "",
      keys: { day in
        (0..<2).map {
          "cloudaudit.googleapis.com/data_access/\(day.slashed)/"
            + "0\($0):00:00_0\($0):59:59_S0.json"
        }
      }, walkRequests: 3, perDay: 1),
    Layout(
      name: "Azure Storage Analytics $logs",
      prefix: "blob/",
      keys: { day in
        (0..<3).map { "blob/\(day.slashed)/0\($0)00/000000.log" }
      }, walkRequests: 1, perDay: 1),
    Layout(
      name: "Azure Monitor diagnostic settings",
      prefix: "",
      keys: { day in
        (0..<2).map {
          "resourceId=/SUBSCRIPTIONS/S/RESOURCEGROUPS/G/PROVIDERS/"
            + "MICROSOFT.STORAGE/STORAGEACCOUNTS/A/BLOBSERVICES/DEFAULT/"
            + "\(day.partitioned)/h=0\($0)/m=00/PT1H.json"
        }
      }, walkRequests: 12, perDay: 1),
  ]

  /// 2026-10-15T00:00:00Z: the end of a 24-hour window.
  static let now: Int64 = 1_792_022_400

  @Test(arguments: layouts)
  func readsOnlyTheRangesDays(_ layout: Layout) async throws {
    // A year of logs before "now" and two weeks after it.
    let allDays = (-365..<14).map {
      CivilDay(
        daysSinceEpoch: CivilDay(containing: Self.now).daysSinceEpoch
          + Int64($0))
    }
    let keys = allDays.flatMap(layout.keys) + layout.noise
    let store = FakeStore(prefix: layout.prefix, keys: keys)
    // 24-hour window and 30 days of history.
    let range = (Self.now - 31 * 86_400)..<Self.now
    let fetcher = RemoteFetcher(options: .init(cacheDirectory: "/unused"))
    let days = fetcher.days(for: range)
    let dayList =
      (days.lowerBound
      .daysSinceEpoch...days.upperBound
      .daysSinceEpoch).map(CivilDay.init(daysSinceEpoch:))
    // 31 days of the range and 1 day of delivery slack.
    #expect(dayList.count == 32)
    #expect(dayList.first?.dashed == "2026-09-14")
    #expect(dayList.last?.dashed == "2026-10-15")

    let walker = DeliveryWalker(store: store, days: dayList, concurrency: 4)
    let objects = try await walker.objects()
    let expected = dayList.flatMap(layout.keys).sorted()
    #expect(objects.map(\.key) == expected)
    #expect(store.listed.count == layout.walkRequests + layout.perDay * 32)
    #expect(!objects.contains { $0.key.contains("Digest") })
  }

  @Test func pagesThroughLargeDayFolders() async throws {
    let day = CivilDay(containing: Self.now)
    let keys = (0..<2500).map { "blob/\(day.slashed)/0100/\($0).log" }
    let store = FakeStore(prefix: "blob/", keys: keys, pageSize: 1000)
    let walker = DeliveryWalker(store: store, days: [day], concurrency: 2)
    let objects = try await walker.objects()
    #expect(objects.count == 2500)
    // The root folder, then three pages of the day.
    #expect(store.listed.count == 4)
  }

  @Test func listsEverythingWithoutARange() async throws {
    let keys = ["a/1.json", "a/b/2.json", "CloudTrail-Digest/x.json"]
    let store = FakeStore(prefix: "", keys: keys)
    let walker = DeliveryWalker(store: store, days: nil, concurrency: 2)
    #expect(
      try await walker.objects().map(\.key) == ["a/1.json", "a/b/2.json"])
  }

  @Test func stopsAtTooManyFolders() async throws {
    let keys = (0..<50).map { "f\($0)/x.json" }
    let store = FakeStore(prefix: "", keys: keys)
    var walker = DeliveryWalker(
      store: store, days: [CivilDay(containing: Self.now)], concurrency: 2)
    walker.maximumFolders = 10
    await #expect(throws: RemoteLogsError.self) { try await walker.objects() }
  }
}

/// Calendar days from instants.
@Suite struct CivilDayTests {
  @Test(
    arguments: [
      (Int64(0), "1970-01-01"), (951_782_400, "2000-02-29"),
      (1_792_022_400 - 1, "2026-10-14"), (1_792_022_400, "2026-10-15"),
      (-1, "1969-12-31"), (4_107_542_400, "2100-03-01"),
    ] as [(Int64, String)])
  func dayOfAnInstant(_ seconds: Int64, _ expected: String) {
    #expect(CivilDay(containing: seconds).dashed == expected)
  }

  @Test func foldersForms() {
    let day = CivilDay(containing: 1_792_022_400)
    #expect(day.slashed == "2026/10/15")
    #expect(day.partitioned == "y=2026/m=10/d=15")
    #expect(day.compact == "20261015")
    #expect(day.next.dashed == "2026-10-16")
  }
}
