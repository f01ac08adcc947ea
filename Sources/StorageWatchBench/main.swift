// storagewatch-bench: release-built benchmarks, each figure printed beside
// the baseline it is measured against. `storagewatch-bench --help` lists the
// suites.

let arguments = Array(CommandLine.arguments.dropFirst())
let suite = arguments.first ?? "all"
let rest = Array(arguments.dropFirst())

switch suite {
case "spawn":
  Bench.spawnMode(rest)
case "models":
  ModelsBenchmark.run(arguments: rest)
case "parse":
  ParseBenchmark.run(arguments: rest)
case "detect":
  DetectionBenchmark.run(arguments: rest)
case "pipeline":
  PipelineBenchmark.run(arguments: rest)
case "memory":
  PipelineBenchmark.memory(
    events: Bench.intOption("--rss-events", rest) ?? 200_000)
case "all":
  print("machine: \(Bench.machine)")
  ParseBenchmark.run(arguments: rest)
  PipelineBenchmark.run(arguments: rest)
  ModelsBenchmark.run(arguments: rest)
  DetectionBenchmark.run(arguments: rest)
default:
  print(
    "usage: storagewatch-bench [parse | pipeline | memory | models | detect | "
      + "all] "
      + "[options]")
}
