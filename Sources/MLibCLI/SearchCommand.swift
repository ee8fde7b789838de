import ArgumentParser
import Foundation
import MLibCore
import MLibEngine
import MLibExport
import MLibSearch
import MLibStore

/// `mlib search QUERY`: finds items by describing them.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the library in plain words.",
        discussion: """
            By default mlib finds candidates by their words (bm25) and by their meaning (the sentence model the library was indexed with, and a CLIP model's picture vectors when there is one), fused by reciprocal rank, then reranks them: each candidate is judged by the share of the query's words it holds, how close its best passage, OCR text, subtitle cue, picture or window of video frames comes in meaning, and how it agrees with the query's hints. The score is the probability, 0 to 1, that the hit is what you asked for (a model fitted on labelled queries: 0.9 is right about nine times in ten), and hits below 0.01 are left out unless --min-score says otherwise. --explain shows the hints and each hit's components; the JSON carries them in `rerank`. --no-rerank keeps recall's order and fusion score. --mode keyword or semantic recalls by one channel alone; --all-words keeps only items holding every word. Without a model, or with one that is missing or damaged, search is by words (with one warning line).

            Hints in the query boost, never filter: kind words (video of, photos, notes about, 视频, 照片, 笔记), dates (2019, June 2019, last summer, yesterday, 去年夏天), camera names (canon, iphone 12) and "quoted phrases". The rest of the query is searched by meaning. The query is text, never syntax: AND/OR/NOT, *, brackets or SQL in it are searched for as words or ignored. Chinese and Japanese text is matched without spaces.

            EXAMPLES
              mlib search "red dress by cafe window"
              mlib search "seaside holiday" --mode semantic
              mlib search "video of the ferry last summer" --explain
              mlib search harbour --min-score 0.5 --format json
              mlib search ferry --reranker-url http://gpu-box:8000 --reranker-model Qwen/Qwen3-VL-Reranker-2B
              mlib search beach --kind video --limit 5
              mlib search "harbour sunset ferry" --all-words
              mlib search 夏日海滩
              mlib search harbour --format json --output harbour.json
              mlib search beach --format m3u --include-images > beach.m3u
              mlib search --like ~/Pictures/cat.jpg --limit 10
            """
    )

    @ParentCommand var root: MLibCommand
    @OptionGroup var modelOptions: ModelOptions

    @Argument(help: "What to look for, in plain words.")
    var query: String?

    @Option(help: ArgumentHelp("Find items like this file (an image, a video or a note, in the library or not) instead of by words.", valueName: "file"))
    var like: String?

    @Option(help: ArgumentHelp("keyword (words), semantic (meaning) or hybrid (both, fused).", valueName: "mode"))
    var mode: ModeOption = .hybrid

    @Option(help: ArgumentHelp("Only items of this kind: image, video or text.", valueName: "kind"))
    var kind: KindOption?

    @Option(help: "How many results at most.")
    var limit = 20

    @Option(help: ArgumentHelp("Output format: table, json, jsonl, m3u, otio, edl or csv.", valueName: "format"))
    var format: FormatOption = .table

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Only items holding every word (by default, when those are fewer than --limit, items holding all words but one follow).")
    var allWords = false

    @Flag(help: "M3U: list images as well as videos.")
    var includeImages = false

    @Flag(help: "Show the query's hints and, under each hit, what the rerank weighed and how much (the JSON always carries it).")
    var explain = false

    @Flag(help: "Keep recall's order and fusion score (no rerank).")
    var noRerank = false

    @Option(help: ArgumentHelp("Leave out hits scoring below this probability, 0 to 1 (default 0.01: a list may end early rather than fill --limit with unlikely hits; 0 shows them all).", valueName: "score"))
    var minScore: Double?

    @OptionGroup var remote: RemoteRerankArguments

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1.") }
        if let minScore, !(0...1).contains(minScore) { throw ValidationError("--min-score must be between 0 and 1.") }
        if (query == nil) == (like == nil) { throw ValidationError("Give a query, or --like FILE (not both).") }
    }

    func run() throws {
        let engine = try CommandContext(root: root).engine(models: root.models, mode: .readOnly)
        let outcome: SearchOutcome
        do {
            if let like {
                outcome = try engine.searchLike(
                    RawPath(bytes: RawArguments.bytes(of: like)),
                    options: SearchOptions(
                        mode: .semantic, kind: kind?.itemKind, limit: limit, includeMetadata: format.needsMetadata))
            } else {
                outcome = try engine.search(
                query ?? "",
                options: SearchOptions(
                    mode: mode.searchMode, kind: kind?.itemKind, limit: limit,
                    includeMetadata: format.needsMetadata, requireAllWords: allWords, rerank: !noRerank,
                    minimumScore: noRerank ? nil : (minScore ?? SearchOptions.defaultMinimumScore)),
                modelName: modelOptions.model, remote: try remote.options())
            }
        } catch let error as LibraryError {
            throw CLIError.library(error)
        } catch {
            throw CLIError(message: "mlib: \(error)", exitCode: ExitStatus.libraryError)
        }
        CommandContext.warn(outcome.warnings)
        let toTerminal = output == nil && CommandContext.stdoutIsTerminal
        let options = ExportOptions(
            color: toTerminal, width: toTerminal ? CommandContext.terminalWidth : nil, includeImages: includeImages,
            explain: explain)
        let bytes = Exporter.render(outcome.results, format: format.exportFormat, options: options)
        CommandContext.warn(Exporter.notes(for: outcome.results, format: format.exportFormat, options: options))
        try OutputWriter.write(bytes, to: output)
    }
}

/// `--mode` values.
enum ModeOption: String, ExpressibleByArgument, CaseIterable {
    case keyword, semantic, hybrid

    var searchMode: SearchMode {
        switch self {
        case .keyword: .keyword
        case .semantic: .semantic
        case .hybrid: .hybrid
        }
    }
}

/// `--kind` values.
enum KindOption: String, ExpressibleByArgument, CaseIterable {
    case image, video, text

    var itemKind: ItemKind {
        switch self {
        case .image: .image
        case .video: .video
        case .text: .text
        }
    }
}

/// `--format` values.
enum FormatOption: String, ExpressibleByArgument, CaseIterable {
    case table, json, jsonl, m3u, otio, edl, csv

    var exportFormat: ExportFormat {
        switch self {
        case .table: .table
        case .json: .json
        case .jsonl: .jsonl
        case .m3u: .m3u
        case .otio: .otio
        case .edl: .edl
        case .csv: .csv
        }
    }

    /// Whether the output shows item metadata: JSON in full; timelines read the frame rate.
    var needsMetadata: Bool {
        switch self {
        case .json, .jsonl, .otio, .edl: true
        case .table, .m3u, .csv: false
        }
    }
}
