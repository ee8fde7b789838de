import ArgumentParser
import Foundation

/// Runs `mlib` with the process's arguments and exits with a documented code.
public enum CommandLineEntry {
    public static func main(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        do {
            var command = try MLibCommand.parseAsRoot(arguments)
            try command.run()
            exit(ExitStatus.success)
        } catch let error as CLIError {
            Console.error(error.message.hasPrefix("mlib:") ? error.message + "\n" : "mlib: \(error.message)\n")
            exit(error.exitCode)
        } catch let error as ExitCode {
            exit(error.rawValue)
        } catch {
            let code = MLibCommand.exitCode(for: error)
            if code == .success {
                MLibCommand.exit(withError: error)  // --help, --version
            }
            Console.error(MLibCommand.fullMessage(for: error) + "\n")
            // Usage errors exit 1, as the help documents (ArgumentParser would use 64).
            exit(code == .validationFailure ? ExitStatus.usage : code.rawValue)
        }
    }
}
