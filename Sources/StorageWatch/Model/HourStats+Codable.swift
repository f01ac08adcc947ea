import AccessLogs

extension HourStats: Codable {
  private enum CodingKeys: String, CodingKey {
    case hour = "h"
    case events = "n"
    case actions = "a"
    case denied = "d"
    case errors = "e"
    case bytesOut = "bo"
    case bytesIn = "bi"
    case hasByteCounts = "hb"
    case distinctObjects = "o"
    case distinctObjectsRead = "or"
    case buckets = "b"
    case sources = "s"
    case userAgents = "u"
    case operations = "op"
    case sampleObjects = "so"
    case sampleEventIDs = "si"
    case firstTime = "t0"
    case lastTime = "t1"
  }

  /// Decodes an hour written by ``encode(to:)``.
  ///
  /// Keys are short (`h` hour, `n` events, `a` actions by category, `d`
  /// denied, `e` errors, `bo`/`bi` bytes out and in, `hb` whether bytes
  /// were logged, `o`/`or` distinct objects and objects read, `b`
  /// buckets, `s` sources, `u` user agents, `op` operations, `so`/`si`
  /// samples, `t0`/`t1` first and last request in nanoseconds since the
  /// epoch); zero counts and empty maps may be left out.
  ///
  /// - Parameter decoder: Holds one keyed hour.
  /// - Throws: `DecodingError` for a missing hour or times, an unknown
  ///   action category or source kind, or a value of the wrong type.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let hour = try c.decode(Int.self, forKey: .hour)
    let first = try c.decode(Int64.self, forKey: .firstTime)
    self.init(hour: hour, time: Timestamp(nanosecondsSinceEpoch: first))
    lastTime = Timestamp(
      nanosecondsSinceEpoch: try c.decode(Int64.self, forKey: .lastTime))
    events = try c.decodeIfPresent(Int.self, forKey: .events) ?? 0
    let actionNames =
      try c.decodeIfPresent([String: Int].self, forKey: .actions) ?? [:]
    for (name, count) in actionNames {
      guard let action = ActionCategory(rawValue: name) else {
        throw DecodingError.dataCorruptedError(
          forKey: .actions, in: c,
          debugDescription: "unknown action category '\(name)'")
      }
      actions[action] = count
    }
    denied = try c.decodeIfPresent(Int.self, forKey: .denied) ?? 0
    errors = try c.decodeIfPresent(Int.self, forKey: .errors) ?? 0
    bytesOut = try c.decodeIfPresent(Int64.self, forKey: .bytesOut) ?? 0
    bytesIn = try c.decodeIfPresent(Int64.self, forKey: .bytesIn) ?? 0
    hasByteCounts =
      try c.decodeIfPresent(Bool.self, forKey: .hasByteCounts) ?? false
    distinctObjects =
      try c.decodeIfPresent(Int.self, forKey: .distinctObjects) ?? 0
    distinctObjectsRead =
      try c.decodeIfPresent(Int.self, forKey: .distinctObjectsRead) ?? 0
    buckets = try c.decodeIfPresent([String: Int].self, forKey: .buckets) ?? [:]
    let sourceRows =
      try c.decodeIfPresent([SourceCount].self, forKey: .sources) ?? []
    for row in sourceRows { sources[row.key] = row.count }
    userAgents =
      try c.decodeIfPresent([String: Int].self, forKey: .userAgents) ?? [:]
    operations =
      try c.decodeIfPresent([String: Int].self, forKey: .operations) ?? [:]
    sampleObjects =
      try c.decodeIfPresent([String].self, forKey: .sampleObjects) ?? []
    sampleEventIDs =
      try c.decodeIfPresent([String].self, forKey: .sampleEventIDs) ?? []
  }

  /// Encodes the hour with the short keys of ``init(from:)``, leaving out
  /// zero counts and empty maps; sources are written as a list sorted by
  /// key, so that equal hours encode to equal bytes with sorted keys.
  ///
  /// - Parameter encoder: Receives one keyed hour.
  /// - Throws: Only what the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(hour, forKey: .hour)
    try c.encode(firstTime.nanosecondsSinceEpoch, forKey: .firstTime)
    try c.encode(lastTime.nanosecondsSinceEpoch, forKey: .lastTime)
    func put(_ value: Int, _ key: CodingKeys) throws {
      if value != 0 { try c.encode(value, forKey: key) }
    }
    func put(_ value: [String: Int], _ key: CodingKeys) throws {
      if !value.isEmpty { try c.encode(value, forKey: key) }
    }
    try put(events, .events)
    try put(
      Dictionary(uniqueKeysWithValues: actions.map { ($0.key.rawValue, $0.1) }),
      .actions)
    try put(denied, .denied)
    try put(errors, .errors)
    if bytesOut != 0 { try c.encode(bytesOut, forKey: .bytesOut) }
    if bytesIn != 0 { try c.encode(bytesIn, forKey: .bytesIn) }
    if hasByteCounts { try c.encode(true, forKey: .hasByteCounts) }
    try put(distinctObjects, .distinctObjects)
    try put(distinctObjectsRead, .distinctObjectsRead)
    try put(buckets, .buckets)
    if !sources.isEmpty {
      try c.encode(
        sources.sorted { $0.key < $1.key }.map {
          SourceCount(key: $0.key, count: $0.value)
        },
        forKey: .sources)
    }
    try put(userAgents, .userAgents)
    try put(operations, .operations)
    if !sampleObjects.isEmpty {
      try c.encode(sampleObjects, forKey: .sampleObjects)
    }
    if !sampleEventIDs.isEmpty {
      try c.encode(sampleEventIDs, forKey: .sampleEventIDs)
    }
  }
}

/// A source key and a number, encoded as the array
/// `[kind, value, network or null, number]`.
struct SourceCount: Codable {
  var key: SourceKey
  var count: Int

  init(key: SourceKey, count: Int) {
    self.key = key
    self.count = count
  }

  init(from decoder: any Decoder) throws {
    var c = try decoder.unkeyedContainer()
    let kindName = try c.decode(String.self)
    guard let kind = SourceKey.Kind(rawValue: kindName) else {
      throw DecodingError.dataCorruptedError(
        in: c, debugDescription: "unknown source kind '\(kindName)'")
    }
    let value = try c.decode(String.self)
    let network = try c.decodeIfPresent(String.self)
    count = try c.decode(Int.self)
    key = SourceKey(kind: kind, value: value, network: network)
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.unkeyedContainer()
    try c.encode(key.kind.rawValue)
    try c.encode(key.value)
    if let network = key.network {
      try c.encode(network)
    } else {
      try c.encodeNil()
    }
    try c.encode(count)
  }
}
