import StorageWatchCLI
CLI.main()
