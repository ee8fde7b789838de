import ArgumentParser
import Foundation
import MLibCore
import MLibStore

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
        let library = try context.openLibrary()
        let status: LibraryStatus
        let failures: [FailureRecord]
        do {
            status = try library.status()
            failures = failed ? try library.failures() : []
        } catch {
            throw CLIError.library(error)
        }
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
}
