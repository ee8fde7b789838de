import ArgumentParser
import Foundation
import MLibEngine
import MLibSearch

/// `mlib _bench-search QUERIES`: times searches in-process, for `make bench`.
///
/// Hidden from help: it exists so the benchmark measures search, not process start.
struct BenchSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_bench-search",
        abstract: "Time each line of a file as a search (for benchmarks).",
        shouldDisplay: false
    )

    @ParentCommand var root: MLibCommand
    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "keyword, semantic or hybrid.")
    var mode: ModeOption = .keyword

    @Argument(help: "A file with one query a line.")
    var queries: String

    @Option(help: "Results per query.")
    var limit = 20

    @Flag(help: "Read each hit's metadata too, as JSON output does.")
    var metadata = false

    @Flag(help: "Only items holding every word, as a plain FTS5 AND query returns.")
    var allWords = false

    @Flag(help: "Keep recall's order and fusion score (no rerank), as `search --no-rerank` does.")
    var noRerank = false

    func run() throws {
        let engine = try CommandContext(root: root).engine(models: root.models, mode: .readOnly)
        let searchMode = mode.searchMode
        let lines = try String(contentsOfFile: queries, encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let options = SearchOptions(
            mode: searchMode, limit: limit, includeMetadata: metadata, requireAllWords: allWords, rerank: !noRerank)
        var hits = 0
        // Warm-up: loads the vector store and the model, and caches the queries' vectors.
        for line in lines {
            let outcome = try engine.search(line, options: options, modelName: modelOptions.model)
            CommandContext.warn(outcome.warnings)
            hits += outcome.results.hits.count
        }
        var timings: [Double] = []
        for line in lines {
            let start = ContinuousClock.now
            _ = try engine.search(line, options: options, modelName: modelOptions.model)
            let elapsed = ContinuousClock.now - start
            timings.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        }
        timings.sort()
        func percentile(_ p: Double) -> Double {
            timings.isEmpty ? 0 : timings[min(timings.count - 1, Int((p * Double(timings.count)).rounded(.up)) - 1)]
        }
        let mean = timings.isEmpty ? 0 : timings.reduce(0, +) / Double(timings.count)
        Console.out(
            String(
                format: "{\"queries\": %d, \"hits\": %d, \"p50_ms\": %.3f, \"p95_ms\": %.3f, \"mean_ms\": %.3f}\n",
                timings.count, hits, percentile(0.5), percentile(0.95), mean))
    }
}
