import ArgumentParser
import Foundation
import MLibCore
import MLibIngest

/// `mlib index PATH…`: brings the library in line with files and folders.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index files and folders (recursively); re-indexing picks up only changes.",
        discussion: """
            Files are typed by content, not by name. Unchanged files (same size, modification time and inode) are skipped; changed files are read again; a moved file keeps its item id; files gone from an indexed folder leave the library. A file that cannot be read becomes a failed item with a one-line reason, and the run goes on.

            On a terminal a live line shows progress; piped, only the summary is printed.

            EXAMPLES
              mlib index ~/Media
              mlib index ~/Notes ~/Pictures/2024 --quiet
              mlib --library /tmp/test.sqlite index examples/library --verbose
            """
    )

    @ParentCommand var root: MLibCommand

    @Argument(help: ArgumentHelp("Files or folders to index.", valueName: "path"))
    var paths: [String]

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print every failure and a breakdown by kind.")
    var verbose = false

    func run() throws {
        let context = CommandContext(root: root)
        let library = try context.openLibrary()
        let progress = ProgressLine(enabled: !quiet && CommandContext.stdoutIsTerminal && CommandContext.stderrIsTerminal)
        let summary: IndexSummary
        do {
            summary = try Indexer(library: library).run(roots: paths.map { RawPath($0) }) { progress.show($0) }
        } catch {
            progress.finish()
            throw CLIError.library(error)
        }
        progress.finish()
        IndexReport(summary: summary, verbose: verbose, quiet: quiet).print()
        if summary.hasFailures { throw ExitCode(ExitStatus.someFilesFailed) }
    }
}
