import Foundation
public import MLibStore
import MLibCore

extension SearchEngine {
    /// What recall and fusion hand the rerank for one query.
    public struct Recall: Sendable {
        /// The candidates in fusion order, as the rerank receives them.
        public var candidates: [Candidate]
        /// The channels that ran, words first.
        public var channels: [any RecallChannel]
        /// The query as the channels and the rerank see it.
        public var query: RecallQuery
        /// The mode recall ran in: keyword when the engine has no vector channel.
        public var mode: SearchMode
    }

    /// The first stage of `search(_:options:)`, which `search` runs too: the query's
    /// hints read, the channels `options.mode` calls for at the depth `search` needs (the
    /// rerank's deeper pool when `options.rerank` is set and the engine has a reranker),
    /// then fusion. Nothing is reranked, filtered by score or assembled into hits, so a
    /// benchmark can time the rerank by itself, in the same read transaction:
    ///
    /// ```swift
    /// let reranked = try library.reading { reader in
    ///     let recall = try engine.candidates(for: "seaside holiday", options: options, reader: reader)
    ///     return try Reranker().rerank(recall.candidates, channels: recall.channels, query: recall.query, reader: reader)
    /// }
    /// ```
    public func candidates(for query: String, options: SearchOptions, reader: LibraryReader) throws -> Recall {
        let hints = Self.hints(in: query, options: options)
        let trimmed = hints.semanticText.trimmingCharacters(in: .whitespacesAndNewlines)
        let analyzed = QueryAnalyzer.analyze(trimmed)
        let mode = vectorChannels.isEmpty ? .keyword : options.mode
        var channels: [any RecallChannel] = []
        if mode != .semantic { channels.append(WordChannel()) }
        if mode != .keyword, !trimmed.isEmpty { channels += vectorChannels }
        let recallQuery = RecallQuery(
            text: trimmed, analyzed: analyzed, kind: options.kind, requireAllWords: options.requireAllWords, hints: hints)
        let reranks = options.rerank && reranker != nil
        let depth =
            reranks ? max(options.limit * 2, Self.rerankPool) : (channels.count > 1 ? max(options.limit * 2, 50) : options.limit)
        let found = try recall(recallQuery, channels: channels, depth: depth, reader: reader)
        let ranked = ranking.rank(found, channels: channels.map(\.name), query: recallQuery)
        return Recall(candidates: ranked, channels: channels, query: recallQuery, mode: mode)
    }
}
