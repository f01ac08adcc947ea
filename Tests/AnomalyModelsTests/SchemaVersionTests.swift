import Foundation
import Testing

@testable import AnomalyModels

@Suite("Schema version on decoding")
struct SchemaVersionTests {
  /// One encoded value of every versioned model type, with its type name.
  static func encodedModels() throws -> [(name: String, json: Data)] {
    let encoder = JSONEncoder()
    var ewma = EWMA(.halfLife(10), adjust: true, bias: false)
    ewma.update(1)
    var window = SlidingRobustZScore(capacity: 8)
    window.push(3)
    let fit = try MinimumCovarianceDeterminant(seed: 1).fit(
      DataMatrix((0..<40).map { i in [Double(i % 7), Double((i * 3) % 11)] }))
    return [
      ("EWMA", try encoder.encode(ewma)),
      (
        "RobustScale",
        try encoder.encode(
          RobustScale(
            median: 1, scale: 2, method: .medianAbsoluteDeviation, count: 5))
      ),
      ("SlidingRobustZScore", try encoder.encode(window)),
      ("MCDModel", try encoder.encode(fit.model)),
      ("SeasonalProfile", try encoder.encode(SeasonalProfile(constant: 2))),
      ("SeasonalBaseline", try encoder.encode(SeasonalBaseline())),
      (
        "MahalanobisModel",
        try encoder.encode(
          MahalanobisModel(location: [0, 1], covariance: [2, 0.5, 0.5, 1]))
      ),
    ]
  }

  /// `json` with its top-level `schemaVersion` replaced.
  static func withVersion(_ version: Int, _ json: Data) throws -> Data {
    var object = try #require(
      JSONSerialization.jsonObject(with: json) as? [String: Any])
    #expect(object["schemaVersion"] as? Int == 1)
    object["schemaVersion"] = version
    return try JSONSerialization.data(withJSONObject: object)
  }

  static func decode(_ name: String, _ json: Data) throws {
    let decoder = JSONDecoder()
    switch name {
    case "EWMA": _ = try decoder.decode(EWMA.self, from: json)
    case "RobustScale": _ = try decoder.decode(RobustScale.self, from: json)
    case "SlidingRobustZScore":
      _ = try decoder.decode(SlidingRobustZScore.self, from: json)
    case "MCDModel": _ = try decoder.decode(MCDModel.self, from: json)
    case "SeasonalProfile":
      _ = try decoder.decode(SeasonalProfile.self, from: json)
    case "SeasonalBaseline":
      _ = try decoder.decode(SeasonalBaseline.self, from: json)
    case "MahalanobisModel":
      _ = try decoder.decode(MahalanobisModel.self, from: json)
    default: Issue.record("no decoder for \(name)")
    }
  }

  @Test func currentVersionDecodes() throws {
    for (name, json) in try Self.encodedModels() {
      #expect(throws: Never.self, "\(name)") {
        try Self.decode(name, try Self.withVersion(1, json))
      }
    }
  }

  @Test(arguments: [0, 2, 99])
  func otherVersionsAreRefused(version: Int) throws {
    let models = try Self.encodedModels()
    #expect(models.count == 7)
    for (name, json) in models {
      let changed = try Self.withVersion(version, json)
      #expect(
        throws: ModelDecodingError.unsupportedSchemaVersion(
          model: name, found: version, expected: 1)
      ) { try Self.decode(name, changed) }
    }
  }

  // The model nested in MCDModel is checked too.
  @Test func nestedVersionIsChecked() throws {
    let fit = try MinimumCovarianceDeterminant(seed: 1).fit(
      DataMatrix((0..<40).map { i in [Double(i % 7), Double((i * 3) % 11)] }))
    var object = try #require(
      JSONSerialization.jsonObject(with: JSONEncoder().encode(fit.model))
        as? [String: Any])
    var distance = try #require(object["distance"] as? [String: Any])
    distance["schemaVersion"] = 3
    object["distance"] = distance
    let json = try JSONSerialization.data(withJSONObject: object)
    #expect(
      throws: ModelDecodingError.unsupportedSchemaVersion(
        model: "MahalanobisModel", found: 3, expected: 1)
    ) { try JSONDecoder().decode(MCDModel.self, from: json) }
  }

  @Test func mahalanobisRefusesInconsistentLengths() throws {
    let m = try MahalanobisModel(
      location: [0, 1], covariance: [2, 0.5, 0.5, 1])
    var object = try #require(
      JSONSerialization.jsonObject(with: JSONEncoder().encode(m))
        as? [String: Any])
    object["location"] = [0.0]
    let json = try JSONSerialization.data(withJSONObject: object)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(MahalanobisModel.self, from: json)
    }
  }
}
