import AccessLogs
import AnomalyModels
import StorageWatch

// Reads the logs named on the command line and prints how many events
// each principal made.
let paths = Array(CommandLine.arguments.dropFirst())
var counts: [String: Int] = [:]
let summary = try EventReader().read(paths) { event in
  counts[event.principal, default: 0] += 1
}
for (principal, count) in counts.sorted(by: { $0.key < $1.key }) {
  print(count, principal)
}
print("events:", summary.eventsEmitted)
