enum ModelsBenchmark { static func run(arguments: [String]) {} }
