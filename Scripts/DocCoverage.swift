// Fails when a public declaration in the given symbol graphs lacks its
// documentation: a `///` summary, each parameter under `- Parameter x:`
// or `- Parameters:`, `- Returns:` for a function returning a value and
// `- Throws:` for one that throws. Declarations the compiler writes
// (Codable's `init(from:)`, `init(rawValue:)`...) have no source location
// and are not checked. DocC itself catches broken links and parameters
// documented under the wrong name; this catches what it lets pass.
//
// Usage: swift Scripts/DocCoverage.swift DIR...   (dirs of *.symbols.json
// written by swift-symbolgraph-extract with -skip-inherited-docs)
import Foundation

struct Problem: Comparable {
  var location: String
  var symbol: String
  var missing: String
  static func < (a: Problem, b: Problem) -> Bool {
    (a.location, a.symbol, a.missing) < (b.location, b.symbol, b.missing)
  }
}

func text(_ fragments: Any?) -> String {
  ((fragments as? [[String: Any]]) ?? []).compactMap {
    $0["spelling"] as? String
  }.joined()
}

func documents(parameter name: String, in comment: String) -> Bool {
  let escaped = NSRegularExpression.escapedPattern(for: name)
  let patterns = [
    "-\\s+Parameter\\s+\(escaped)\\s*:", "(?m)^\\s*-\\s+\(escaped)\\s*:",
  ]
  return patterns.contains {
    comment.range(of: $0, options: .regularExpression) != nil
  }
}

let functionKinds: Set<String> = [
  "swift.func", "swift.method", "swift.type.method", "swift.func.op",
]
var problems: [Problem] = []
var checked = 0
let directories = CommandLine.arguments.dropFirst()
guard !directories.isEmpty else {
  FileHandle.standardError.write(Data("usage: DocCoverage.swift DIR...\n".utf8))
  exit(64)
}
for directory in directories {
  let files =
    (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
  for file in files.sorted() where file.hasSuffix(".symbols.json") {
    let path = directory + "/" + file
    guard let data = FileManager.default.contents(atPath: path),
      let graph = try? JSONSerialization.jsonObject(with: data)
        as? [String: Any]
    else {
      print("error: \(path): not a symbol graph")
      exit(1)
    }
    for symbol in graph["symbols"] as? [[String: Any]] ?? [] {
      let access = symbol["accessLevel"] as? String ?? ""
      guard access == "public" || access == "open",
        let location = symbol["location"] as? [String: Any]
      else { continue }
      checked += 1
      let uri = location["uri"] as? String ?? ""
      let line =
        ((location["position"] as? [String: Any])?["line"] as? Int ?? 0) + 1
      let file = uri.components(separatedBy: "/Sources/").last ?? uri
      let name =
        (symbol["pathComponents"] as? [String])?.joined(separator: "/") ?? "?"
      func report(_ missing: String) {
        problems.append(
          Problem(
            location: "Sources/\(file):\(line)", symbol: name,
            missing: missing))
      }
      let lines =
        (symbol["docComment"] as? [String: Any])?["lines"]
        as? [[String: Any]] ?? []
      let comment = lines.compactMap { $0["text"] as? String }
        .joined(separator: "\n")
      guard !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
      else {
        report("a /// summary")
        continue
      }
      guard let signature = symbol["functionSignature"] as? [String: Any]
      else { continue }
      for parameter in signature["parameters"] as? [[String: Any]] ?? [] {
        let label =
          parameter["internalName"] as? String ?? parameter["name"] as? String
          ?? ""
        if !documents(parameter: label, in: comment) {
          report("- Parameter \(label):")
        }
      }
      let kind = (symbol["kind"] as? [String: Any])?["identifier"] as? String
      let returns = text(signature["returns"])
      if functionKinds.contains(kind ?? ""),
        !["", "()", "Void", "Never"].contains(returns),
        !comment.contains("- Returns:")
      {
        report("- Returns:")
      }
      let declaration = text(symbol["declarationFragments"])
      if declaration.range(of: "\\bthrows\\b", options: .regularExpression)
        != nil, !comment.contains("- Throws:")
      {
        report("- Throws:")
      }
    }
  }
}
for p in problems.sorted() {
  print("error: \(p.location): \(p.symbol) lacks \(p.missing)")
}
if !problems.isEmpty {
  print(
    "error: \(problems.count) documentation gaps in \(checked) public "
      + "declarations")
  exit(1)
}
print("documentation: all \(checked) public declarations documented")
