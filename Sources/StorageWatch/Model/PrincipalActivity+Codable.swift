import AccessLogs

extension PrincipalActivity: Codable {
  private enum CodingKeys: String, CodingKey {
    case principal, kind, provider, accounts, hours
    case sourceFirstHour = "firstSource"
    case networkFirstHour = "firstNetwork"
    case userAgentFirstHour = "firstUserAgent"
    case operationFirstHour = "firstOperation"
    case bucketFirstHour = "firstBucket"
    case actionFirstHour = "firstAction"
  }

  /// Decodes a record written by ``encode(to:)``.
  ///
  /// - Parameter decoder: Holds one keyed record.
  /// - Throws: `DecodingError` for a missing principal, kind or provider,
  ///   an unknown kind, provider, action category or source kind, or a
  ///   value of the wrong type.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      principal: try c.decode(String.self, forKey: .principal),
      kind: try c.decode(PrincipalKind.self, forKey: .kind),
      provider: try c.decode(Provider.self, forKey: .provider))
    accounts = try c.decodeIfPresent(Set<String>.self, forKey: .accounts) ?? []
    hours = try c.decodeIfPresent([HourStats].self, forKey: .hours) ?? []
    guard zip(hours, hours.dropFirst()).allSatisfy({ $0.hour < $1.hour })
    else {
      throw DecodingError.dataCorruptedError(
        forKey: .hours, in: c,
        debugDescription: "hours of \(principal) are not strictly increasing")
    }
    let sources =
      try c.decodeIfPresent([SourceCount].self, forKey: .sourceFirstHour) ?? []
    for row in sources { sourceFirstHour[row.key] = row.count }
    func map(_ key: CodingKeys) throws -> [String: Int] {
      try c.decodeIfPresent([String: Int].self, forKey: key) ?? [:]
    }
    networkFirstHour = try map(.networkFirstHour)
    userAgentFirstHour = try map(.userAgentFirstHour)
    operationFirstHour = try map(.operationFirstHour)
    bucketFirstHour = try map(.bucketFirstHour)
    for (name, hour) in try map(.actionFirstHour) {
      guard let action = ActionCategory(rawValue: name) else {
        throw DecodingError.dataCorruptedError(
          forKey: .actionFirstHour, in: c,
          debugDescription: "unknown action category '\(name)'")
      }
      actionFirstHour[action] = hour
    }
  }

  /// Encodes the record: hours in order, first-seen maps as objects
  /// (sources as `[kind, value, network, hour]` lists sorted by key) and
  /// accounts sorted, so that equal records encode to equal bytes with
  /// sorted keys.
  ///
  /// - Parameter encoder: Receives one keyed record.
  /// - Throws: Only what the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(principal, forKey: .principal)
    try c.encode(kind, forKey: .kind)
    try c.encode(provider, forKey: .provider)
    try c.encode(accounts.sorted(), forKey: .accounts)
    try c.encode(hours, forKey: .hours)
    try c.encode(
      sourceFirstHour.sorted { $0.key < $1.key }.map {
        SourceCount(key: $0.key, count: $0.value)
      },
      forKey: .sourceFirstHour)
    try c.encode(networkFirstHour, forKey: .networkFirstHour)
    try c.encode(userAgentFirstHour, forKey: .userAgentFirstHour)
    try c.encode(operationFirstHour, forKey: .operationFirstHour)
    try c.encode(bucketFirstHour, forKey: .bucketFirstHour)
    try c.encode(
      Dictionary(
        uniqueKeysWithValues: actionFirstHour.map { ($0.key.rawValue, $0.1) }),
      forKey: .actionFirstHour)
  }
}
