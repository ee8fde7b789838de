import ArgumentParser
import Foundation
import MLibCore
import MLibEngine
import MLibStore

/// `mlib show PATH|ID`: everything the library knows about one item.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show everything known about one item: metadata, evidence, status.",
        discussion: """
            EXAMPLES
              mlib show ~/Media/holiday.mp4
              mlib show 42 --format json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @ParentCommand var root: MLibCommand

    @Argument(help: ArgumentHelp("The item's path, or its id.", valueName: "path|id"))
    var item: String

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let library = try CommandContext(root: root).openLibrary(mode: .readOnly)
        guard let stored = try ItemReference.resolve(item, in: library) else {
            throw CLIError(
                message: "mlib: \(RawPath(item).displayString): not in the library (index it first, or check the id)",
                exitCode: ExitStatus.notFound)
        }
        let segments: [StoredSegment]
        do {
            segments = try library.segments(itemID: stored.id)
        } catch {
            throw CLIError.library(error)
        }
        let thumbnail = stored.contentHash.map { library.thumbnailPath(contentHash: $0) }.flatMap {
            FileManager.default.fileExists(atPath: $0) ? $0 : nil
        }
        switch format {
        case .json: Console.out(JSONOutput.render(ItemDescription.json(stored, segments: segments, thumbnail: thumbnail)))
        case .text: Console.out(ItemDescription.text(stored, segments: segments, thumbnail: thumbnail))
        }
    }
}
