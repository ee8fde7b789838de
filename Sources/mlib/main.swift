import MLibCLI

CommandLineEntry.main()
