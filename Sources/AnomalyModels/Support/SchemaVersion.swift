/// Errors decoding an encoded model.
public enum ModelDecodingError: Error, Sendable, Hashable {
  /// The encoded `schemaVersion` is not the one this build reads.
  ///
  /// - `model`: the type being decoded, for example `"EWMA"`.
  /// - `found`: the encoded version.
  /// - `expected`: the version this build encodes and reads.
  case unsupportedSchemaVersion(model: String, found: Int, expected: Int)
}

/// A model type whose encoded form carries a `schemaVersion`.
protocol SchemaVersioned {
  /// The one version this build encodes and decodes.
  static var currentSchemaVersion: Int { get }
}

/// The `schemaVersion` field of a model: encodes as a plain integer and
/// refuses, on decoding, any version but `Model.currentSchemaVersion`.
///
/// The encoded form is unchanged from a plain `Int` property. A missing
/// key still fails with `DecodingError.keyNotFound`; a present but
/// different version throws
/// `ModelDecodingError.unsupportedSchemaVersion`, which decoders pass on
/// to the caller unchanged.
@propertyWrapper
struct CheckedSchemaVersion<Model: SchemaVersioned>: Sendable, Hashable,
  Codable
{
  var wrappedValue: Int

  init(wrappedValue: Int) {
    precondition(
      wrappedValue == Model.currentSchemaVersion,
      "schemaVersion: \(wrappedValue) is not the current version")
    self.wrappedValue = wrappedValue
  }

  init(from decoder: any Decoder) throws {
    let found = try decoder.singleValueContainer().decode(Int.self)
    guard found == Model.currentSchemaVersion else {
      throw ModelDecodingError.unsupportedSchemaVersion(
        model: String(describing: Model.self), found: found,
        expected: Model.currentSchemaVersion)
    }
    wrappedValue = found
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(wrappedValue)
  }
}
