// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "StorageWatch",
  products: [
    .library(name: "AnomalyModels", targets: ["AnomalyModels"]),
    .library(name: "AccessLogs", targets: ["AccessLogs"]),
    .library(name: "StorageWatch", targets: ["StorageWatch"]),
    .library(name: "RemoteLogs", targets: ["RemoteLogs"]),
    .executable(name: "storagewatch", targets: ["storagewatch"]),
    .executable(name: "storagewatch-bench", targets: ["StorageWatchBench"]),
  ],
  targets: [
    // C libraries from Debian, each imported by exactly one Swift file.
    .systemLibrary(
      name: "CLAPACK",
      providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
    ),
    .systemLibrary(
      name: "CZlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    .systemLibrary(
      name: "CDeflate",
      providers: [.apt(["libdeflate-dev"])]
    ),
    .systemLibrary(
      name: "CCrypto",
      providers: [.apt(["libssl-dev"])]
    ),

    // C kernels, each imported by exactly one Swift file.
    .target(name: "CMahalanobis"),

    // Libraries.
    .target(name: "AnomalyModels", dependencies: ["CLAPACK", "CMahalanobis"]),
    .target(name: "AccessLogs", dependencies: ["CZlib", "CDeflate"]),
    .target(
      name: "StorageWatch",
      dependencies: ["AnomalyModels", "AccessLogs"]
    ),
    // s3://, gs:// and Azure Blob inputs fetched into a local cache.
    .target(name: "RemoteLogs", dependencies: ["CCrypto"]),

    // Command line.
    .target(name: "ArgumentParsing"),
    .target(
      name: "StorageWatchCLI",
      dependencies: ["StorageWatch", "ArgumentParsing", "RemoteLogs"]
    ),
    .executableTarget(name: "storagewatch", dependencies: ["StorageWatchCLI"]),
    .executableTarget(
      name: "StorageWatchBench",
      dependencies: ["StorageWatch", "AccessLogs", "AnomalyModels"]
    ),

    // Tests.
    .testTarget(
      name: "AnomalyModelsTests",
      dependencies: ["AnomalyModels"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "AccessLogsTests",
      dependencies: ["AccessLogs"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "StorageWatchTests",
      dependencies: ["StorageWatch"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "ArgumentParsingTests",
      dependencies: ["ArgumentParsing"]
    ),
    .testTarget(name: "CLITests", dependencies: ["StorageWatchCLI"]),
    .testTarget(name: "RemoteLogsTests", dependencies: ["RemoteLogs"]),
  ],
  swiftLanguageModes: [.v6]
)
