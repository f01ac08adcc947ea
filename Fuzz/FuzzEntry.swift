// The libFuzzer entry points for every fuzz target. Scripts/fuzz.sh
// compiles this file together with Sources/AccessLogs into one module, so
// it reaches the module's internal adapters; it is not part of the
// package. The binary is linked once under each target's name
// (`fuzz-cloudtrail`, `fuzz-json`, ...) and runs the target its name says.

#if canImport(Glibc)
  import Glibc
#endif

/// The target this binary runs, chosen from its name at start-up.
nonisolated(unsafe) private var selected: FuzzTarget?

/// Argument vector as libFuzzer passes it.
public typealias Arguments =
  UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>

/// Chooses the target from the binary's name, `fuzz-<target>`.
///
/// - Parameters:
///   - argc: The argument count.
///   - argv: The arguments; the first is the binary's path.
/// - Returns: 0; exits with 64 for a name that is no target.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(
  _ argc: UnsafeMutablePointer<Int32>, _ argv: Arguments
) -> Int32 {
  let path = argv.pointee[0].map { String(cString: $0) } ?? ""
  let name = path.split(separator: "/").last.map(String.init) ?? path
  let prefix = "fuzz-"
  let target = name.hasPrefix(prefix) ? String(name.dropFirst(5)) : name
  guard let found = FuzzTarget(rawValue: target) else {
    let names = FuzzTarget.allCases.map { prefix + $0.rawValue }
    let message =
      "fuzz: run this binary as one of: \(names.joined(separator: ", "))\n"
    _ = message.withCString { write(2, $0, strlen($0)) }
    exit(64)
  }
  selected = found
  return 0
}

/// Runs the chosen target on one input.
///
/// - Parameters:
///   - data: The input's bytes.
///   - size: Their count.
/// - Returns: 0, as libFuzzer expects.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(
  _ data: UnsafePointer<UInt8>?, _ size: Int
) -> Int32 {
  selected?.run(UnsafeRawBufferPointer(start: data, count: size))
  return 0
}
