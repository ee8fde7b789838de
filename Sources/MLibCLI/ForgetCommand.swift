import ArgumentParser
import Foundation
import MLibCore
import MLibStore

/// `mlib forget PATH…`: removes items from the library, never from the disk.
struct ForgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Remove files or whole folders from the library (the files stay on disk).",
        discussion: """
            EXAMPLES
              mlib forget ~/Media/old-trip.mp4
              mlib forget ~/Media/Screenshots
            """
    )

    @ParentCommand var root: MLibCommand

    @Argument(help: ArgumentHelp("Files or folders to forget.", valueName: "path"))
    var paths: [String]

    func run() throws {
        let library = try CommandContext(root: root).openLibrary(mode: .readWrite)
        var forgotten = 0
        var unmatched: [String] = []
        do {
            for (index, path) in paths.enumerated() {
                let occurrence = paths[..<index].count { $0 == path }
                let absolute = ItemReference.absolute(argument: path, occurrence: occurrence)
                let ids = try library.storedFiles(under: absolute).map(\.itemID)
                if ids.isEmpty { unmatched.append(path) }
                try library.removeItems(ids: ids)
                forgotten += ids.count
            }
        } catch {
            throw CLIError.library(error)
        }
        for path in unmatched {
            Console.error("mlib: \(RawPath(path).displayString): not in the library\n")
        }
        Console.out("Forgot \(forgotten) item\(forgotten == 1 ? "" : "s").\n")
        if !unmatched.isEmpty { throw ExitCode(ExitStatus.notFound) }
    }
}
