import Crypto
import Foundation
import MLibCore
import MLibInference
import MLibSearch
import MLibStore

/// `mlib-bench rerank --library L --queries F [--model DIR] [--limit N] [--rounds R] [--no-parts]`:
/// the rerank alone (`Reranker.rerank`) on the candidates recall and fusion hand it in a
/// hybrid search with the library's text model, and the parts of it that are single
/// calls (what it reads from SQLite, the exact scoring of the candidates' vectors),
/// timed one after another in the same read transaction. What is left is the work per
/// candidate: word coverage and phrase, hint agreement, the model and its explanation.
/// `--no-parts` leaves the parts out (for a profiler, which should see them only
/// inside the rerank).
///
/// A query's vector comes from the library (where `mlib search` remembers it), else
/// from the model in `--model DIR`. Every query runs once untimed, then `--rounds`
/// times; a query's time is its median over the rounds, and the percentiles
/// (nearest-rank) are over queries. Prints one JSON line.
enum RerankBenchmark {
    struct Options {
        var library: String?
        var queries: String?
        var model: String?
        var limit = 20
        var rounds = 3
        var parts = true

        init(_ arguments: ArraySlice<String>) throws {
            var rest = arguments
            while let flag = rest.popFirst() {
                if flag == "--no-parts" {
                    parts = false
                    continue
                }
                guard let value = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
                switch flag {
                case "--library": library = value
                case "--queries": queries = value
                case "--model": model = value
                case "--limit", "--rounds":
                    guard let number = Int(value), number > 0 else { throw UsageError(description: "\(flag) takes a positive integer") }
                    if flag == "--limit" { limit = number } else { rounds = number }
                default: throw UsageError(description: "unknown option \(flag)")
                }
            }
        }
    }

    /// One query's times in milliseconds, by part, and what the rerank worked on.
    struct Sample {
        var recall = 0.0
        var rerank = 0.0
        var summaries = 0.0
        var texts = 0.0
        var timed = 0.0
        var vectors = 0.0
        var candidates = 0
        var vectorRows = 0
        var textBytes = 0
    }

    static func run(_ arguments: ArraySlice<String>) throws {
        let options = try Options(arguments)
        guard let path = options.library, let queriesPath = options.queries else {
            throw UsageError(description: "rerank needs --library and --queries")
        }
        let queries = try String(contentsOfFile: queriesPath, encoding: .utf8).split(separator: "\n").map(String.init)
            .filter { !$0.isEmpty }
        guard !queries.isEmpty else { throw UsageError(description: "\(queriesPath) holds no queries") }
        let library = try Library.open(at: path, mode: .readOnly)
        guard let model = try library.model(for: .text) else {
            throw UsageError(description: "\(path) has no text model; run `mlib models use` first")
        }
        let store = try library.vectorStore(for: model).store
        guard store.count > 0 else { throw UsageError(description: "\(path) has no vectors of \(model.name)") }
        let searchOptions = SearchOptions(mode: .hybrid, limit: options.limit, includeMetadata: false)
        let vectors = try queryVectors(queries, library: library, model: model, folder: options.model, options: searchOptions)
        let reranker = Reranker()
        let engines = queries.map { query in
            SearchEngine(
                library: library, vectorChannels: [VectorChannel(name: "text:" + model.name, store: store, queryVector: vectors[query]!)],
                reranker: reranker)
        }

        var samples = [[Sample]](repeating: [], count: queries.count)
        for round in 0...options.rounds {
            for (index, query) in queries.enumerated() {
                let sample = try measure(
                    query, engine: engines[index], reranker: reranker, store: store, options: searchOptions, parts: options.parts)
                if round > 0 { samples[index].append(sample) }
            }
        }
        report(samples.map(median), queries: queries.count, rounds: options.rounds, storeRows: store.count)
    }

    /// The query's vector for every query, by query.
    static func queryVectors(
        _ queries: [String], library: Library, model: StoredModel, folder: String?, options: SearchOptions
    ) throws -> [String: [Float]] {
        // Embedded as `mlib search` embeds it: the text left once the hints are read.
        let texts = Dictionary(
            queries.map { ($0, SearchEngine.hints(in: $0, options: options).semanticText.trimmingCharacters(in: .whitespacesAndNewlines)) },
            uniquingKeysWith: { first, _ in first })
        let hashes = texts.mapValues { Array(SHA256.hash(data: Data($0.utf8))) }
        let cached = try library.cachedVectors(contentHashes: Array(hashes.values), modelID: model.id, dimension: model.dimension)
        var vectors: [String: [Float]] = [:]
        var missing: [String] = []
        for query in queries {
            if let vector = cached[hashes[query]!] { vectors[query] = vector } else { missing.append(query) }
        }
        guard !missing.isEmpty else { return vectors }
        guard let folder else {
            throw UsageError(description: "\(missing.count) queries have no vector in the library (first: \(missing[0])); pass --model DIR")
        }
        let encoder = try SentenceEncoder(folder: folder)
        for (query, vector) in zip(missing, try encoder.embed(missing.map { texts[$0]! })) {
            guard let unit = VectorMath.normalized(vector), unit.count == model.dimension else {
                throw UsageError(description: "the model in \(folder) made no usable \(model.dimension)-long vector for \(query)")
            }
            vectors[query] = unit
        }
        return vectors
    }

    /// Recall, then the rerank, then its single-call parts again by themselves.
    static func measure(
        _ query: String, engine: SearchEngine, reranker: Reranker, store: VectorStore, options: SearchOptions, parts: Bool
    ) throws -> Sample {
        try engine.library.reading { reader in
            var sample = Sample()
            var start = ContinuousClock.now
            func lap() -> Double {
                let now = ContinuousClock.now
                defer { start = now }
                return milliseconds(now - start)
            }
            let recall = try engine.candidates(for: query, options: options, reader: reader)
            sample.recall = lap()
            _ = try reranker.rerank(recall.candidates, channels: recall.channels, query: recall.query, reader: reader)
            sample.rerank = lap()
            sample.candidates = recall.candidates.count
            guard parts else { return sample }

            let ids = recall.candidates.map(\.itemID)
            let hints = recall.query.hints
            let items = try reader.summaries(ids: ids, metadata: hints.dates != nil || !hints.cameras.isEmpty)
            sample.summaries = lap()
            let texts = try reader.evidenceText(itemIDs: ids)
            sample.texts = lap()
            _ = try reader.timedSegments(itemIDs: ids.filter { items[$0]?.kind == .video })
            sample.timed = lap()
            let channel = recall.channels.compactMap { $0 as? VectorChannel }.first
            let rows = channel.map { store.itemScores($0.queryVector, items: Set(ids)) } ?? []
            sample.vectors = lap()

            sample.vectorRows = rows.count
            sample.textBytes = texts.values.reduce(0) { sum, fields in sum + fields.values.reduce(0) { $0 + $1.utf8.count } }
            return sample
        }
    }

    /// Each time the median of the rounds; the counts are the same every round.
    static func median(_ rounds: [Sample]) -> Sample {
        func middle(_ part: KeyPath<Sample, Double>) -> Double {
            let sorted = rounds.map { $0[keyPath: part] }.sorted()
            return sorted[(sorted.count - 1) / 2]
        }
        var sample = rounds[0]
        sample.recall = middle(\.recall)
        sample.rerank = middle(\.rerank)
        sample.summaries = middle(\.summaries)
        sample.texts = middle(\.texts)
        sample.timed = middle(\.timed)
        sample.vectors = middle(\.vectors)
        return sample
    }

    static func report(_ samples: [Sample], queries: Int, rounds: Int, storeRows: Int) {
        func stats(_ name: String, _ values: [Double]) -> [(String, String)] {
            let sorted = values.sorted()
            return [
                ("\(name)_p50_ms", String(format: "%.3f", percentile(sorted, 0.5))),
                ("\(name)_p95_ms", String(format: "%.3f", percentile(sorted, 0.95))),
                ("\(name)_mean_ms", String(format: "%.3f", sorted.reduce(0, +) / Double(sorted.count))),
            ]
        }
        let candidates = samples.map { Double($0.candidates) }.sorted()
        let other = samples.map { $0.rerank - $0.summaries - $0.texts - $0.timed - $0.vectors }
        var fields: [(String, String)] = [
            ("queries", "\(queries)"), ("rounds", "\(rounds)"), ("store_rows", "\(storeRows)"),
            ("candidates_min", "\(Int(candidates.first ?? 0))"), ("candidates_p50", "\(Int(percentile(candidates, 0.5)))"),
            ("candidates_max", "\(Int(candidates.last ?? 0))"),
            ("candidates_mean", String(format: "%.1f", candidates.reduce(0, +) / Double(candidates.count))),
            ("vector_rows_mean", String(format: "%.1f", Double(samples.reduce(0) { $0 + $1.vectorRows }) / Double(samples.count))),
            ("text_kb_mean", String(format: "%.1f", Double(samples.reduce(0) { $0 + $1.textBytes }) / Double(samples.count) / 1024)),
        ]
        fields += stats("recall", samples.map(\.recall))
        fields += stats("rerank", samples.map(\.rerank))
        fields += stats("summaries", samples.map(\.summaries))
        fields += stats("texts", samples.map(\.texts))
        fields += stats("timed", samples.map(\.timed))
        fields += stats("vectors", samples.map(\.vectors))
        fields += stats("per_candidate", other)
        print("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
    }
}
