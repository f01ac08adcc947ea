import Foundation

/// Runs a helper program (`gcloud`, a `credential_process`) and returns
/// what it printed.
enum ExternalCommand {
  /// Why a command failed; the message holds its exit status and the
  /// first line of its standard error, never its standard output (which
  /// may be a secret).
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Runs a program with arguments and waits for it.
  ///
  /// - Parameter arguments: The executable's path (or a name looked up in
  ///   `PATH` through `/usr/bin/env`) and its arguments.
  /// - Returns: Its standard output.
  /// - Throws: ``Failure`` when it cannot start or exits non-zero.
  static func run(_ arguments: [String]) throws -> Data {
    let process = Process()
    if arguments[0].hasPrefix("/") {
      process.executableURL = URL(fileURLWithPath: arguments[0])
      process.arguments = Array(arguments.dropFirst())
    } else {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = arguments
    }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw Failure(description: "cannot run \(arguments[0]): \(error)")
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let first =
        String(decoding: errorText, as: UTF8.self)
        .split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
      throw Failure(
        description: "\(arguments[0]) exited with status "
          + "\(process.terminationStatus): \(first)")
    }
    return data
  }

  /// Whether an executable of that name is on `PATH`.
  ///
  /// - Parameters:
  ///   - name: The program's name.
  ///   - environment: Supplies `PATH`.
  /// - Returns: Whether it was found.
  static func exists(_ name: String, environment: [String: String]) -> Bool {
    let path = environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").contains {
      FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
    }
  }
}
