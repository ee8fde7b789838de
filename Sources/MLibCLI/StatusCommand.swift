import ArgumentParser
import Foundation
import MLibCore
import MLibEngine
import MLibStore

/// `mlib status`: what the library holds, and what failed.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show counts by kind, models and their vectors, a running watcher, failures, and where the library is.",
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
        let engine = try CommandContext(root: root).engine(models: root.models, mode: .readOnly)
        let report: StatusReport
        do {
            report = try engine.statusReport(failures: failed)
        } catch let error as LibraryError {
            throw CLIError.library(error)
        }
        switch format {
        case .json: Console.out(JSONOutput.render(report.json))
        case .text: Console.out(report.text)
        }
    }
}
