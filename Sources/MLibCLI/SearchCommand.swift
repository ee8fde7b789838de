import ArgumentParser
import Foundation
import MLibCore
import MLibExport
import MLibSearch

/// `mlib search QUERY`: finds items by describing them.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the library in plain words.",
        discussion: """
            The query is text, never syntax: quotes, AND/OR/NOT, *, brackets or SQL in it are searched for as words or ignored. Items holding every word rank first (titles and keywords weigh more than body text), then, when they are fewer than --limit, items holding all words but one (unless --all-words). Chinese and Japanese text is matched without spaces.

            EXAMPLES
              mlib search "red dress by cafe window"
              mlib search beach --kind video --limit 5
              mlib search "harbour sunset ferry" --all-words
              mlib search 夏日海滩
              mlib search harbour --format json --output harbour.json
              mlib search beach --format m3u --include-images > beach.m3u
            """
    )

    @ParentCommand var root: MLibCommand

    @Argument(help: "What to look for, in plain words.")
    var query: String

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
        let library = try context.openLibrary()
        let results: SearchResults
        do {
            results = try SearchEngine(library: library).search(
                query,
                options: SearchOptions(
                    kind: kind.map { ItemKind(rawValue: $0.rawValue)! }, limit: limit,
                    includeMetadata: format == .json || format == .jsonl, requireAllWords: allWords))
        } catch {
            throw CLIError.library(error)
        }
        let toTerminal = output == nil && CommandContext.stdoutIsTerminal
        let options = ExportOptions(
            color: toTerminal, width: toTerminal ? CommandContext.terminalWidth : nil, includeImages: includeImages)
        let bytes = Exporter.render(results, format: ExportFormat(rawValue: format.rawValue)!, options: options)
        try OutputWriter.write(bytes, to: output)
    }
}

/// `--kind` values; mirrors `ItemKind`.
enum KindOption: String, ExpressibleByArgument, CaseIterable {
    case image, video, text
}

/// `--format` values; mirrors `ExportFormat`.
enum FormatOption: String, ExpressibleByArgument, CaseIterable {
    case table, json, jsonl, m3u
}
