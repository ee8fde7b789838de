import Foundation
import Logging

/// Log lines for a command-line tool: one line an event on standard error, without
/// the timestamps a service log carries, control characters escaped.
struct ConsoleLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    init(level: Logger.Level) {
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let text = String(describing: event.message).map { $0.isNewline ? " " : String($0) }.joined()
        let prefix =
            switch event.level {
            case .warning: "warning: "
            case .error, .critical: "error: "
            default: ""
            }
        FileHandle.standardError.write(Data((prefix + text + "\n").utf8))
    }
}

extension Logger {
    /// A logger for one command, at `.info` normally, `.debug` with `--verbose`,
    /// `.error` with `--quiet`.
    static func console(verbose: Bool = false, quiet: Bool = false) -> Logger {
        let level: Logger.Level = quiet ? .error : verbose ? .debug : .info
        return Logger(label: "mlib") { _ in ConsoleLogHandler(level: level) }
    }
}
