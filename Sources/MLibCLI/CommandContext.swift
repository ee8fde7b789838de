import Foundation
import MLibEngine
import MLibStore

#if canImport(Glibc)
import Glibc
#endif

/// What every command needs: the library, and how to talk to the terminal.
struct CommandContext {
    let libraryPath: String

    init(root: MLibCommand) {
        libraryPath = LibraryLocator.path(option: root.library)
    }

    /// Opens the library: `.create` for commands that add to it, `.readWrite` for
    /// those that change what is there, `.readOnly` for those that only look.
    func openLibrary(mode: Library.OpenMode) throws -> Library {
        do {
            return try Library.open(at: libraryPath, mode: mode)
        } catch {
            throw CLIError.library(error)
        }
    }

    /// The engine over the library, finding models in `--models` first.
    func engine(models: String?, mode: Library.OpenMode) throws -> Engine {
        Engine(library: try openLibrary(mode: mode), modelsFolder: models)
    }

    /// Prints each warning as one line on standard error.
    static func warn(_ warnings: [String]) {
        for warning in warnings { Console.error("warning: \(warning)\n") }
    }

    /// Whether stdout is a terminal: progress and colour only then.
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// The terminal's width in columns, if stdout is one.
    static var terminalWidth: Int? {
        guard stdoutIsTerminal else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

/// Writes to the standard streams without buffering surprises.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func out(bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
