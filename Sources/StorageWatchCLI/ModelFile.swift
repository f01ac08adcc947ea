import AccessLogs
import ArgumentParsing
import Foundation
import StorageWatch

/// Reading and writing model files for the commands, and applying a
/// model's baseline settings.
enum ModelFile {
  /// A model file that could not be used.
  struct LoadError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "\(path): \(reason)" }
  }

  /// Reads the model named by `--model`, if any.
  ///
  /// - Returns: The model, or `nil` without `--model`.
  /// - Throws: `LoadError` when the file cannot be read or is refused
  ///   (wrong version, checksum or length; not a model).
  static func load(_ arguments: ParsedArguments) throws -> ActivityModel? {
    guard let path = arguments.string("model") else { return nil }
    guard let data = FileManager.default.contents(atPath: path) else {
      let reason =
        FileManager.default.fileExists(atPath: path)
        ? "cannot read the model file" : "no such model file"
      throw LoadError(path: path, reason: reason)
    }
    do {
      return try ActivityModel(fileData: data)
    } catch {
      throw LoadError(path: path, reason: error.description)
    }
  }

  /// Writes a model atomically: to a temporary file beside `path` that is
  /// renamed over it once complete.
  ///
  /// - Throws: `OutputFile.WriteError` when it cannot be written.
  static func save(_ model: ActivityModel, to path: String) throws {
    let file = try OutputFile(path: path)
    try file.writeText(String(decoding: model.fileData(), as: UTF8.self))
    try file.commit()
  }

  /// Settings for a run with a model: the model's history days, time
  /// zone and business hours, then whatever the command line gives.
  ///
  /// - Parameters:
  ///   - settings: Settings from defaults or a thresholds file.
  ///   - model: The model.
  ///   - arguments: The command line, whose baseline options win.
  /// - Returns: The settings.
  /// - Throws: `UsageError` for an invalid baseline option.
  static func settings(
    _ settings: DetectionSettings, model: ActivityModel?,
    _ arguments: ParsedArguments
  ) throws(UsageError) -> DetectionSettings {
    var result = settings
    if let model {
      result.historyDays = model.historyDays
      result.timeZoneIdentifier = model.settings.timeZoneIdentifier
      result.businessStart = model.settings.businessStart
      result.businessEnd = model.settings.businessEnd
    }
    try DetectCommand.applyBaselineOptions(arguments, to: &result)
    return result
  }

  /// One line describing a model.
  static func describe(_ model: ActivityModel) -> String {
    let fit = model.fit()
    return "\(fit.principals) principals, \(fit.hours) active hours kept "
      + "(\(model.historyDays) days to "
      + "\(Timestamp(secondsSinceEpoch: Int64(model.end) * 3600).iso8601))"
  }
}
