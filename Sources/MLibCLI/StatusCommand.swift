import ArgumentParser
import Foundation
import MLibCore
import MLibIngest
import MLibStore
import MLibWatch

/// `mlib status`: what the library holds, and what failed.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show counts by kind, failures, and where the library is.",
        discussion: """
            EXAMPLES
              mlib status
              mlib status --failed
              mlib status --format json | python3 -m json.tool
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @ParentCommand var root: MLibCommand

    @Flag(help: "List every file that could not be indexed, with the reason.")
    var failed = false

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let context = CommandContext(root: root)
        let library = try context.openLibrary(mode: .readOnly)
        let status: LibraryStatus
        let failures: [FailureRecord]
        do {
            status = try library.status()
            failures = failed ? try library.failures() : []
        } catch {
            throw CLIError.library(error)
        }
        let watcher = WatchLock.isHeld(library: library.path) ? WatchStatus.read(library: library.path) : nil
        switch format {
        case .json:
            var object: [String: JSONValue] = [
                "library": .string(library.path),
                "schema": .string(status.schemaVersion),
                "size_bytes": .number(Double(status.fileSize)),
                "segments": .number(Double(status.segments)),
                "items": [
                    "total": .number(Double(status.total)), "text": .number(Double(status.text)),
                    "image": .number(Double(status.image)), "video": .number(Double(status.video)),
                    "failed": .number(Double(status.failed)),
                ],
            ]
            object["watcher"] = watcher.map(Self.json) ?? .null
            if failed {
                object["failures"] = .array(
                    failures.map { ["path": .string($0.path.string), "code": .string($0.code), "reason": .string($0.reason)] })
            }
            Console.out(JSONOutput.render(.object(object)))
        case .text:
            var text = """
                library   \(library.path)
                size      \(ByteCountFormatter.string(fromByteCount: status.fileSize, countStyle: .file)) (schema \(status.schemaVersion))
                items     \(status.total): \(status.text) text, \(status.image) image, \(status.video) video, \(status.failed) failed

                """
            text += watcher.map(Self.text) ?? "watcher   not running\n"
            if failed {
                text += failures.isEmpty ? "no failures\n" : "failures\n"
                for failure in failures {
                    text += "  \(failure.reason) [\(failure.code)]\n"
                }
            } else if status.failed > 0 {
                text += "see the failures with: mlib status --failed\n"
            }
            Console.out(text)
        }
    }

    /// The status as the watcher writes it, with absent values as null.
    private static func json(_ status: WatchStatus) -> JSONValue {
        guard let data = status.encoded(), case .object(var object)? = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return .null }
        for key in ["last_event", "last_event_at"] where object[key] == nil {
            object[key] = .null
        }
        return .object(object)
    }

    private static func text(_ status: WatchStatus) -> String {
        var lines = [
            "watcher   running (pid \(status.pid), \(status.mode)) since \(status.startedAt.formatted(.iso8601)): \(status.phase.rawValue)",
            "          \(status.roots.joined(separator: ", "))",
            "          \(status.queued) queued, \(status.settling) settling; \(status.watchedFolders) folders watched"
                + (status.polledFolders > 0 ? ", \(status.polledFolders) polled" : ""),
            "          since start: \(status.indexed) indexed, \(status.moved) moved, \(status.removed) removed, "
                + "\(status.failed) failed, \(status.embedded) passages embedded, \(status.rescans) rescans",
        ]
        if status.watchLimitReached {
            lines.append("          the inotify watch limit ran out: sudo sysctl fs.inotify.max_user_watches=524288")
        }
        if let event = status.lastEvent {
            lines.append("          last: \(event)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
