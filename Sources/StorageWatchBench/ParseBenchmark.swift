enum ParseBenchmark { static func run(arguments: [String]) {} }
