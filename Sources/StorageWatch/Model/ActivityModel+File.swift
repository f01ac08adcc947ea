import Foundation

extension ActivityModel {
  /// The model file format version this build writes and reads.
  public static let formatVersion = 1

  /// The name in a model file's header.
  static let formatName = "storagewatch-model"

  private struct Header: Codable {
    var format: String
    var version: Int
    var length: Int
    var checksum: String
  }

  private struct Body: Codable {
    var historyDays: Int
    var settings: DetectionSettings
    var start: Int
    var end: Int
    var principals: [PrincipalActivity]
  }

  /// The model as the bytes of a model file.
  ///
  /// A model file is one header line, the JSON object
  /// `{"checksum":"fnv1a64:<16 hex digits>","format":"storagewatch-model",
  /// "length":<body bytes>,"version":1}`, then the body: one JSON object
  /// with `historyDays`, `settings` (as in a JSON report), `start` and
  /// `end` (hours since the epoch) and `principals` (sorted by principal;
  /// see ``PrincipalActivity/encode(to:)``). The checksum is the 64-bit
  /// FNV-1a hash of the body's bytes: it catches accidental damage, not
  /// deliberate tampering. Keys are sorted, so equal models give equal
  /// bytes.
  ///
  /// - Returns: The file's bytes.
  /// - Complexity: O(*h*) in the hours kept.
  public func fileData() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let body = Body(
      historyDays: historyDays, settings: settings, start: start, end: end,
      principals: principals.keys.sorted().map { principals[$0]! })
    // Encoding plain values and dictionaries cannot fail.
    let bodyData = try! encoder.encode(body)
    let header = Header(
      format: ActivityModel.formatName, version: ActivityModel.formatVersion,
      length: bodyData.count, checksum: ActivityModel.checksum(bodyData))
    var data = try! encoder.encode(header)
    data.append(0x0A)
    data.append(bodyData)
    return data
  }

  /// Reads a model from the bytes of a model file.
  ///
  /// - Parameter data: The whole file.
  /// - Returns: The model.
  /// - Throws: ``ModelFileError``: ``ModelFileError/notAModel(reason:)``
  ///   when the first line is not a model header,
  ///   ``ModelFileError/unsupportedVersion(found:supported:)``,
  ///   ``ModelFileError/wrongLength(expected:found:)``,
  ///   ``ModelFileError/checksumMismatch(expected:found:)``, and
  ///   ``ModelFileError/malformed(reason:)`` for a body that is not a
  ///   valid model.
  /// - Complexity: O(*n*) in the file's size.
  public init(fileData data: Data) throws(ModelFileError) {
    guard let newline = data.firstIndex(of: 0x0A) else {
      throw .notAModel(reason: "no header line")
    }
    let decoder = JSONDecoder()
    guard
      let header = try? decoder.decode(
        Header.self, from: data[data.startIndex..<newline]),
      header.format == ActivityModel.formatName
    else {
      throw .notAModel(reason: "the first line is not a model header")
    }
    guard header.version == ActivityModel.formatVersion else {
      throw .unsupportedVersion(
        found: header.version, supported: ActivityModel.formatVersion)
    }
    let body = data[(newline + 1)...]
    guard body.count == header.length else {
      throw .wrongLength(expected: header.length, found: body.count)
    }
    let sum = ActivityModel.checksum(body)
    guard sum == header.checksum else {
      throw .checksumMismatch(expected: header.checksum, found: sum)
    }
    let decoded: Body
    do {
      decoded = try decoder.decode(Body.self, from: body)
    } catch {
      throw .malformed(reason: ActivityModel.describe(error))
    }
    guard decoded.historyDays >= 1, decoded.start <= decoded.end else {
      throw .malformed(
        reason: "historyDays \(decoded.historyDays), start \(decoded.start), "
          + "end \(decoded.end)")
    }
    var principals: [String: PrincipalActivity] = [:]
    for activity in decoded.principals {
      guard principals.updateValue(activity, forKey: activity.principal) == nil
      else {
        throw .malformed(reason: "principal \(activity.principal) twice")
      }
    }
    var settings = decoded.settings
    settings.historyDays = decoded.historyDays
    self.init(
      principals, start: decoded.start, end: decoded.end, settings: settings)
  }

  /// `fnv1a64:` and the 64-bit FNV-1a hash of the bytes in hexadecimal.
  static func checksum(_ bytes: some Collection<UInt8>) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let hex = String(hash, radix: 16)
    return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
  }

  private static func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    switch error {
    case .dataCorrupted(let context), .keyNotFound(_, let context),
      .typeMismatch(_, let context), .valueNotFound(_, let context):
      let path = context.codingPath.map {
        $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)"
      }.joined()
      return "at \(path.isEmpty ? "the top" : path): "
        + context.debugDescription
    @unknown default:
      return "\(error)"
    }
  }
}
