import ArgumentParser
import Foundation
import MLibCore
import MLibExport
import MLibSearch
import MLibStore

/// `mlib search QUERY`: finds items by describing them.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the library in plain words.",
        discussion: """
            By default mlib finds items by their words and by their meaning (a sentence model), fused by reciprocal rank; --mode keyword or semantic uses one alone. Without a model, search is by words. The query is text, never syntax: quotes, AND/OR/NOT, *, brackets or SQL in it are searched for as words or ignored. Items holding every word rank first (titles and keywords weigh more than body text), then, when they are fewer than --limit, items holding all words but one (unless --all-words). Chinese and Japanese text is matched without spaces.

            EXAMPLES
              mlib search "red dress by cafe window"
              mlib search "seaside holiday" --mode semantic
              mlib search beach --kind video --limit 5
              mlib search "harbour sunset ferry" --all-words
              mlib search 夏日海滩
              mlib search harbour --format json --output harbour.json
              mlib search beach --format m3u --include-images > beach.m3u
            """
    )

    @ParentCommand var root: MLibCommand
    @OptionGroup var modelOptions: ModelOptions

    @Argument(help: "What to look for, in plain words.")
    var query: String

    @Option(help: ArgumentHelp("keyword (words), semantic (meaning) or hybrid (both, fused).", valueName: "mode"))
    var mode: ModeOption = .hybrid

    @Option(help: ArgumentHelp("Only items of this kind: image, video or text.", valueName: "kind"))
    var kind: KindOption?

    @Option(help: "How many results at most.")
    var limit = 20

    @Option(help: ArgumentHelp("Output format: table, json, jsonl or m3u.", valueName: "format"))
    var format: FormatOption = .table

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Only items holding every word (by default, when those are fewer than --limit, items holding all words but one follow).")
    var allWords = false

    @Flag(help: "M3U: list images as well as videos.")
    var includeImages = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1.") }
    }

    func run() throws {
        let context = CommandContext(root: root)
        let library = try context.openLibrary(mode: .readOnly)
        var semantic: SemanticSearch?
        if mode != .keyword {
            let resolver = ModelResolver(root: root, options: modelOptions, required: mode == .semantic)
            if let encoder = try resolver.encoder() {
                semantic = SemanticSearch(library: library, embedder: encoder)
            } else if CommandContext.stderrIsTerminal {
                Console.error(resolver.missingNotice)
            }
        }
        let results: SearchResults
        do {
            results = try SearchEngine(library: library, semantic: semantic).search(
                query,
                options: SearchOptions(
                    mode: SearchMode(rawValue: mode.rawValue)!, kind: kind.map { ItemKind(rawValue: $0.rawValue)! },
                    limit: limit, includeMetadata: format == .json || format == .jsonl, requireAllWords: allWords))
        } catch let error as LibraryError {
            throw CLIError.library(error)
        } catch {
            throw CLIError(message: "mlib: \(error)", exitCode: ExitStatus.libraryError)
        }
        let toTerminal = output == nil && CommandContext.stdoutIsTerminal
        let options = ExportOptions(
            color: toTerminal, width: toTerminal ? CommandContext.terminalWidth : nil, includeImages: includeImages)
        let bytes = Exporter.render(results, format: ExportFormat(rawValue: format.rawValue)!, options: options)
        try OutputWriter.write(bytes, to: output)
    }
}

/// `--mode` values; mirrors `SearchMode`.
enum ModeOption: String, ExpressibleByArgument, CaseIterable {
    case keyword, semantic, hybrid
}

/// `--kind` values; mirrors `ItemKind`.
enum KindOption: String, ExpressibleByArgument, CaseIterable {
    case image, video, text
}

/// `--format` values; mirrors `ExportFormat`.
enum FormatOption: String, ExpressibleByArgument, CaseIterable {
    case table, json, jsonl, m3u
}
