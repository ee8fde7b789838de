import MLibCLI
