import MLibStore

/// A failure the command line reports in one line and maps to an exit code.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32

    var description: String { message }

    static func library(_ error: LibraryError) -> CLIError {
        CLIError(message: error.description, exitCode: ExitStatus.libraryError)
    }
}

/// The exit codes `mlib --help` documents.
enum ExitStatus {
    static let success: Int32 = 0
    static let usage: Int32 = 1
    static let someFilesFailed: Int32 = 2
    static let libraryError: Int32 = 3
    static let notFound: Int32 = 4
    static let outputError: Int32 = 5
    static let alreadyWatched: Int32 = 6
}
