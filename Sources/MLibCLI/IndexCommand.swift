import ArgumentParser
import Foundation
import MLibCore
import MLibEngine
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

            New text is then embedded for semantic search with the model the library was indexed with (the default model on a new library; --model adds another beside it, keeping the others' vectors). Text seen before takes its vector from the library. Two runs at once never embed the same passages: the second waits for the first. On a terminal a live line shows progress; piped, only the summary is printed.

            EXAMPLES
              mlib index ~/Media
              mlib index ~/Notes ~/Pictures/2024 --quiet
              mlib --library /tmp/test.sqlite index examples/library --verbose
              mlib index ~/Archive --no-embed
            """
    )

    @ParentCommand var root: MLibCommand
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var pictureArguments: PictureArguments

    @Argument(help: ArgumentHelp("Files or folders to index.", valueName: "path"))
    var paths: [String]

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print every failure and a breakdown by kind.")
    var verbose = false

    @Flag(help: "Index words only; give new text its sentence vectors on a later run.")
    var noEmbed = false

    func run() throws {
        let engine = try CommandContext(root: root).engine(models: root.models, mode: .create)
        let progress = ProgressLine(enabled: !quiet && CommandContext.stdoutIsTerminal && CommandContext.stderrIsTerminal)
        let summary: IndexSummary
        do {
            summary = try engine.index(roots: paths.map { RawPath($0) }, pictures: pictureArguments.options) { progress.show($0) }
        } catch {
            progress.finish()
            throw CLIError.library(error)
        }
        progress.finish()
        IndexReport(summary: summary, verbose: verbose, quiet: quiet).print()
        if !noEmbed { try embed(engine: engine, interactive: progress.enabled) }
        if summary.hasFailures { throw ExitCode(ExitStatus.someFilesFailed) }
    }

    /// Gives new text its vectors, when a model is available.
    private func embed(engine: Engine, interactive: Bool) throws {
        let plan: EmbeddingPlan
        do {
            plan = try engine.embeddingPlan(modelName: modelOptions.model)
        } catch let error as EngineError {
            throw CLIError(message: "mlib: \(error.message)", exitCode: ExitStatus.usage)
        }
        for notice in plan.notices where notice.isProblem || !quiet {
            Console.error((notice.isProblem ? "warning: " : "note: ") + notice.message + "\n")
        }
        let line = ProgressLine(enabled: interactive)
        let reports: [EmbeddingReport]
        do {
            reports = try engine.embed(
                plan, waiting: { name in if !quiet { Console.error("note: waiting for another mlib process embedding with \(name)\n") } },
                progress: { _, done in line.show(done) })
        } catch let error as LibraryError {
            line.finish()
            throw CLIError.library(error)
        } catch {
            line.finish()
            throw CLIError(message: "mlib: \(error)", exitCode: ExitStatus.libraryError)
        }
        line.finish()
        for report in reports {
            let done = report.progress
            if done.repaired > 0 {
                Console.error("warning: \(done.repaired) damaged vectors of \(report.model) deleted and embedded again\n")
            }
            if done.damaged > 0 {
                Console.error("warning: \(done.damaged) damaged vectors of \(report.model) could not be repaired\n")
            }
            if !quiet, done.total > 0 {
                Console.out(
                    "Embedded \(done.done) \(report.unit)\(done.done == 1 ? "" : "s") with \(report.model) in "
                        + String(format: "%.2f", done.elapsed) + " s (\(done.cached) from cache).\n")
            }
        }
    }
}
