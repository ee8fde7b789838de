import ArgumentParser
import Foundation
import MLibCore
import MLibIngest
import MLibStore
import MLibWatch

/// `mlib index PATH…`: brings the library in line with files and folders.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index files and folders (recursively); re-indexing picks up only changes.",
        discussion: """
            Files are typed by content, not by name. Unchanged files (same size, modification time and inode) are skipped; changed files are read again; a moved file keeps its item id; files gone from an indexed folder leave the library. A file that cannot be read becomes a failed item with a one-line reason, and the run goes on.

            When a sentence model is available (see `mlib models`), new text is then embedded for semantic search; text seen before takes its vector from the cache. On a terminal a live line shows progress; piped, only the summary is printed.

            EXAMPLES
              mlib index ~/Media
              mlib index ~/Notes ~/Pictures/2024 --quiet
              mlib --library /tmp/test.sqlite index examples/library --verbose
              mlib index ~/Archive --no-embed
            """
    )

    @ParentCommand var root: MLibCommand
    @OptionGroup var modelOptions: ModelOptions

    @Argument(help: ArgumentHelp("Files or folders to index.", valueName: "path"))
    var paths: [String]

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print every failure and a breakdown by kind.")
    var verbose = false

    @Flag(help: "Index words only; give new text its sentence vectors on a later run.")
    var noEmbed = false

    func run() throws {
        let context = CommandContext(root: root)
        let library = try context.openLibrary(mode: .create)
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
        if !noEmbed { try embed(library: library, interactive: progress.enabled) }
        if summary.hasFailures { throw ExitCode(ExitStatus.someFilesFailed) }
    }

    /// Gives new text its sentence vectors, when a model is available.
    private func embed(library: Library, interactive: Bool) throws {
        let resolver = ModelResolver(root: root, options: modelOptions)
        guard let encoder = try resolver.encoder() else {
            if !quiet { Console.error(resolver.missingNotice) }
            return
        }
        let line = ProgressLine(enabled: interactive)
        let done: EmbeddingProgress
        do {
            done = try EmbeddingPass(library: library, embedder: encoder).run(progress: { line.show($0) })
        } catch let error as LibraryError {
            line.finish()
            throw CLIError.library(error)
        } catch {
            line.finish()
            throw CLIError(message: "mlib: cannot embed with \(encoder.modelName): \(error)", exitCode: ExitStatus.libraryError)
        }
        line.finish()
        if !quiet, done.total > 0 {
            Console.out(
                "Embedded \(done.total) passage\(done.total == 1 ? "" : "s") with \(encoder.modelName) in "
                    + String(format: "%.2f", done.elapsed) + " s (\(done.cached) from cache).\n")
        }
    }
}
