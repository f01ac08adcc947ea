extension Workload {
  static func makeBuckets() -> [Bucket] {
    [
      Bucket(
        shortName: "data-lake", region: "us-east-1", medianSize: 48e6,
        sizeSigma: 1.0, objects: 40_000, layout: .partitions),
      Bucket(
        shortName: "curated", region: "us-east-1", medianSize: 8e6,
        sizeSigma: 1.0, objects: 10_000, layout: .partitions),
      Bucket(
        shortName: "finance-reports", region: "us-east-1", medianSize: 4e5,
        sizeSigma: 0.9, objects: 3_000, layout: .reports),
      Bucket(
        shortName: "media-uploads", region: "us-east-1", medianSize: 2.5e6,
        sizeSigma: 1.2, objects: 50_000, layout: .media),
      Bucket(
        shortName: "media-thumbnails", region: "us-east-1",
        medianSize: 4e4, sizeSigma: 0.6, objects: 50_000,
        layout: .thumbnails),
      Bucket(
        shortName: "backups", region: "us-east-1", medianSize: 2.5e8,
        sizeSigma: 1.0, objects: 20_000, layout: .backups),
      Bucket(
        shortName: "hr-documents", region: "eu-west-1", medianSize: 3e5,
        sizeSigma: 0.8, objects: 2_000, layout: .documents),
      Bucket(
        shortName: "public-assets", region: "us-east-1", medianSize: 9e4,
        sizeSigma: 1.1, objects: 800, layout: .assets, isPublic: true),
      Bucket(
        shortName: "trail-logs", region: "us-east-1", medianSize: 2e4,
        sizeSigma: 0.7, objects: 400_000, layout: .logs),
      Bucket(
        shortName: "ml-models", region: "us-west-2", medianSize: 6e8,
        sizeSigma: 1.2, objects: 400, layout: .models),
      Bucket(
        shortName: "customer-exports", region: "eu-west-1",
        medianSize: 3e7, sizeSigma: 1.0, objects: 5_000, layout: .exports),
      Bucket(
        shortName: "eng-artifacts", region: "us-west-2", medianSize: 1.2e7,
        sizeSigma: 1.3, objects: 8_000, layout: .models),
    ]
  }

  static let bucketDataLake = 0
  static let bucketCurated = 1
  static let bucketReports = 2
  static let bucketUploads = 3
  static let bucketThumbnails = 4
  static let bucketBackups = 5
  static let bucketHR = 6
  static let bucketPublic = 7
  static let bucketLogs = 8
  static let bucketModels = 9
  static let bucketExports = 10
  static let bucketArtifacts = 11

  static let jobTemplates: [(String, ActorRole)] = [
    ("etl-nightly", .etl), ("image-thumbnailer", .function),
    ("datasync-onprem", .sync), ("backup-writer", .backup),
    ("weekly-finance-report", .weeklyReport), ("cspm-scanner", .scanner),
    ("etl-clickstream", .etl), ("search-indexer", .function),
    ("datasync-partner", .sync), ("etl-billing", .etl),
    ("audit-export", .weeklyReport), ("pdf-renderer", .function),
  ]

  static let firstNames = [
    "alice", "bruno", "chloe", "deepak", "elena", "farid", "grace", "hiro",
    "ingrid", "jamal", "kavya", "lukas", "maria", "nikhil", "olivia",
    "pavel", "quinn", "rahul", "sofia", "tomas", "uma", "victor", "wendy",
    "xavier", "yara", "zoe", "anders", "bianca", "carlos", "divya",
    "emma", "felix", "gita", "henrik", "isabel", "jonas", "keiko", "leon",
  ]
  static let lastNames = [
    "chen", "garcia", "mueller", "patel", "smith", "novak", "okafor",
    "rossi", "schmidt", "kumar", "johnson", "weber", "tanaka", "iyer",
    "brown", "fischer", "lopez", "sharma", "nguyen", "wagner", "dubois",
    "khan", "larsen", "moreau", "reddy", "silva", "hoffmann", "walsh",
  ]

  mutating func makeActors(_ rng: inout SimulationRandom) {
    let jobCount = min(
      Workload.jobTemplates.count, max(5, config.principals / 5))
    let peopleCount = config.principals - jobCount
    var names: [String] = []
    while names.count < peopleCount {
      var name =
        rng.pick(Workload.firstNames) + "." + rng.pick(Workload.lastNames)
      if names.count >= 600 { name += String(names.count) }
      let clash = names.contains {
        $0.contains(name) || name.contains($0)
      }
      if !clash { names.append(name) }
    }
    let zones: [(TimeZoneRule, Double)] = [
      (.newYork, 0.35), (.losAngeles, 0.15), (.berlin, 0.2),
      (.london, 0.1), (.kolkata, 0.2),
    ]
    let teams: [[Int]] = [
      [
        Workload.bucketDataLake, Workload.bucketCurated,
        Workload.bucketModels,
      ],
      [
        Workload.bucketReports, Workload.bucketExports,
        Workload.bucketCurated,
      ],
      [
        Workload.bucketUploads, Workload.bucketThumbnails,
        Workload.bucketPublic,
      ],
      [Workload.bucketHR, Workload.bucketReports],
      [
        Workload.bucketArtifacts, Workload.bucketModels,
        Workload.bucketDataLake, Workload.bucketBackups,
      ],
    ]
    let clients: [(ClientKind, Double)] = [
      (.cli, 0.3), (.pythonSDK, 0.2), (.console, 0.25),
      (.desktopExplorer, 0.1), (.goSDK, 0.05), (.javaSDK, 0.05),
      (.nodeSDK, 0.05),
    ]
    for (i, name) in names.enumerated() {
      var a = Actor(role: .person, name: name)
      a.zone = weighted(zones, &rng)
      // Guarantee one strict office worker and one night owl.
      a.strictHours = i == 0 || (i > 1 && rng.chance(0.22))
      a.nightOwl = !a.strictHours && (i == 1 || rng.chance(0.07))
      a.workStart = min(10.5, max(7, 9 + 0.6 * rng.normal()))
      a.workEnd = a.workStart + 8.5 + 0.5 * rng.normal()
      if a.nightOwl {
        a.workStart = 13 + rng.unit() * 2
        a.workEnd = 25 + rng.unit() * 2
      }
      a.dailyMedian = min(3000, max(5, rng.logNormal(median: 120, sigma: 0.9)))
      a.pace = rng.logNormal(median: 12, sigma: 0.5)
      let team = rng.pick(teams)
      a.buckets = Array(team.prefix(rng.int(2...team.count)))
      a.client = weighted(clients, &rng)
      a.office = Addresses.office(a.zone, &rng)
      a.home = Addresses.home(a.zone, &rng)
      a.usesSSO = rng.chance(0.4)
      actors.append(a)
    }
    for (name, role) in Workload.jobTemplates.prefix(jobCount) {
      var a = Actor(role: role, name: name)
      a.zone = .newYork
      switch role {
      case .etl:
        a.client = .sparkJob
        a.buckets = [Workload.bucketDataLake, Workload.bucketCurated]
        a.dailyMedian = rng.logNormal(median: 3000, sigma: 0.3)
      case .function:
        a.client = .lambdaRuntime
        a.buckets = [Workload.bucketUploads, Workload.bucketThumbnails]
        a.dailyMedian = rng.logNormal(median: 500, sigma: 0.4)
      case .sync:
        a.client = .pythonSDK
        a.buckets = [Workload.bucketExports, Workload.bucketCurated]
        a.office = Addresses.datacenter(&rng)
        a.azureSharedKey = true
        a.azureSAS = true
      case .backup:
        a.client = .goSDK
        a.buckets = [Workload.bucketBackups]
        a.office = Addresses.datacenter(&rng)
        a.azureSharedKey = true
      case .weeklyReport:
        a.client = .javaSDK
        a.buckets = [Workload.bucketReports, Workload.bucketCurated]
      case .scanner:
        a.client = .goSDK
        a.buckets = Array(0..<buckets.count)
      default: break
      }
      actors.append(a)
    }
    actors.append(Actor(role: .anonymous, name: "anonymous"))
    actors.append(Actor(role: .logDelivery, name: "cloudtrail.amazonaws.com"))
    actors.append(Actor(role: .lifecycle, name: "lifecycle"))
  }
}

/// Picks from weighted choices.
func weighted<T>(_ choices: [(T, Double)], _ rng: inout SimulationRandom) -> T {
  let total = choices.reduce(0) { $0 + $1.1 }
  var x = rng.unit() * total
  for (value, weight) in choices {
    x -= weight
    if x < 0 { return value }
  }
  return choices[choices.count - 1].0
}
