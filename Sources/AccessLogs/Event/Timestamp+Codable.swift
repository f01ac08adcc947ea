extension Timestamp: Codable {
  /// Decodes an RFC 3339 string such as `2026-11-02T03:05:40.25Z`.
  ///
  /// - Parameter decoder: Holds one string.
  /// - Throws: `DecodingError.dataCorrupted` when the string is not a
  ///   valid time.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let value = Timestamp.parseISO8601(text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "not an RFC 3339 time: \(text)")
    }
    self = value
  }

  /// Encodes the time as ``iso8601``.
  ///
  /// - Parameter encoder: Receives one string.
  /// - Throws: Only what the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(iso8601)
  }
}
