// swift-tools-version:6.0
// A package that uses StorageWatch's libraries by path, as another team's
// package would. `make test` builds and runs it.
import PackageDescription

let package = Package(
  name: "Consumer",
  dependencies: [.package(name: "StorageWatch", path: "../..")],
  targets: [
    .executableTarget(
      name: "Consumer",
      dependencies: [
        .product(name: "AccessLogs", package: "StorageWatch"),
        .product(name: "AnomalyModels", package: "StorageWatch"),
        .product(name: "StorageWatch", package: "StorageWatch"),
      ]
    )
  ]
)
