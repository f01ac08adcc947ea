import AccessLogs
import Foundation

/// A planted incident before any format names its principal.
struct PlantedIncident: Sendable {
  var kind: IncidentKind
  var actor: Int
  var start: Int64
  var end: Int64
}

/// The simulated organization and its month of requests, independent of
/// any log format.
struct Workload: Sendable {
  let config: SimulationConfig
  var actors: [Actor] = []
  var buckets: [Bucket] = []
  var requests: [Request] = []
  var incidents: [PlantedIncident] = []

  /// Builds the month.
  init(config: SimulationConfig) {
    precondition(config.days >= 8, "SimulationConfig.days must be >= 8")
    precondition(
      config.principals >= 8, "SimulationConfig.principals must be >= 8")
    precondition(
      config.days <= 3660, "SimulationConfig.days must be <= 3660")
    self.config = config
    buckets = Workload.makeBuckets()
    var rng = SimulationRandom(seed: config.seed, stream: 1)
    makeActors(&rng)
    var out: [Request] = []
    out.reserveCapacity(config.principals * config.days * 400)
    for index in actors.indices {
      var actorRNG = SimulationRandom(
        seed: config.seed, stream: 1000 + UInt64(index))
      generate(actor: index, &actorRNG, into: &out)
    }
    var mgmtRNG = SimulationRandom(seed: config.seed, stream: 2)
    generateManagement(&mgmtRNG, into: &out)
    if config.volumeScale < 1 {
      let keep = UInt64(max(0, config.volumeScale) * 1_000_000)
      // The heavy generators scale themselves; thin the light ones.
      out.removeAll {
        let role = actors[Int($0.actor)].role
        let light =
          $0.operation.isManagement || role == .scanner
          || role == .logDelivery || role == .lifecycle
        return light && stableHash($0.nonce, 90) % 1_000_000 >= keep
      }
    }
    for kind in IncidentKind.allCases.sorted()
    where config.incidents.contains(kind) {
      var incidentRNG = SimulationRandom(
        seed: config.seed, stream: 3 + stableHash(UInt64(kind.hashSeed)))
      plant(kind, &incidentRNG, into: &out)
    }
    let start = config.start.nanosecondsSinceEpoch
    let end = config.end.nanosecondsSinceEpoch
    out.removeAll { $0.time < start || $0.time >= end }
    out.sort { ($0.time, $0.nonce) < ($1.time, $1.nonce) }
    requests = out
  }

  var startSeconds: Int64 { config.start.secondsSinceEpoch }

  /// Scales an ordinary request count by the configured volume.
  func scaled(_ count: Int) -> Int {
    config.volumeScale >= 1
      ? count : Int((Double(count) * config.volumeScale).rounded())
  }
  var startDays: Int64 { floorDiv(startSeconds, 86_400) }

  /// The object size of an object, stable whatever asks for it.
  func objectSize(bucket: Int, object: UInt32) -> Int64 {
    let b = buckets[bucket]
    let h = stableHash(config.seed, UInt64(bucket), UInt64(object))
    var rng = SimulationRandom(seed: h)
    let size = rng.logNormal(median: b.medianSize, sigma: b.sizeSigma)
    return max(1, Int64(size.rounded()))
  }

  /// The actors of the people that incidents may pick.
  var people: [Int] {
    actors.indices.filter { actors[$0].role == .person }
  }
}

extension IncidentKind {
  /// A stable number for seeding, independent of Swift's hashing.
  var hashSeed: Int {
    IncidentKind.allCases.firstIndex(of: self) ?? 0
  }
}
