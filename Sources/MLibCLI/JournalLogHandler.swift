import Foundation
import Logging

/// Log lines for a long-running service: one line an event on standard error.
///
/// Under systemd (which sets `JOURNAL_STREAM`) each line starts with its syslog
/// priority (`<6>`), so the journal files it at the right level and adds its own
/// time; elsewhere a line carries an ISO 8601 time and the level's name.
struct JournalLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    private let underJournal: Bool

    init(level: Logger.Level, environment: [String: String] = ProcessInfo.processInfo.environment) {
        logLevel = level
        underJournal = environment["JOURNAL_STREAM"] != nil
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        FileHandle.standardError.write(Data((line(for: event.level, message: "\(event.message)") + "\n").utf8))
    }

    /// The line for one event, without the newline.
    func line(for level: Logger.Level, message: String) -> String {
        let text = message.map { $0.isNewline ? " " : String($0) }.joined()
        if underJournal {
            return "<\(Self.priority(level))>\(text)"
        }
        let time = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
        return "\(time) \(level.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(text)"
    }

    /// The syslog priority journald reads from a line's `<N>` prefix.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}
