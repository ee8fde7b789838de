import Foundation
public import MLibCore
public import MLibStore

/// Answers a query from the library in stages: recall channels (words by bm25, and
/// one vector channel per model the caller brings) → candidates with their channels'
/// matches and segments → a ranking stage (fusion, by default) → hits with snippets,
/// evidence per channel and, for videos, the moments where the evidence lies.
///
/// ```swift
/// let channel = VectorChannel(name: "text:all-MiniLM-L6-v2", store: store, queryVector: vector)
/// let engine = SearchEngine(library: library, vectorChannels: [channel])
/// let results = try engine.search("seaside holiday", options: .init(mode: .hybrid, limit: 10))
/// ```
public struct SearchEngine: Sendable {
    public let library: Library
    /// Channels by meaning; none means every mode searches by words.
    public let vectorChannels: [any RecallChannel]
    public let ranking: any RankingStage
    /// The second stage; nil keeps recall's order.
    public let reranker: Reranker?

    public init(
        library: Library, vectorChannels: [any RecallChannel] = [], ranking: any RankingStage = FusionRanking(),
        reranker: Reranker? = nil
    ) {
        self.library = library
        self.vectorChannels = vectorChannels
        self.ranking = ranking
        self.reranker = reranker
    }

    /// The hints in `query` and the text left to search by, as this engine reads them.
    public static func hints(in query: String, options: SearchOptions) -> QueryHints {
        HintExtractor.extract(query, now: options.referenceDate ?? Date(), calendar: .current)
    }

    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws -> SearchResults {
        let reranker = options.rerank ? self.reranker : nil
        let (hits, recall): ([SearchHit], Recall) = try library.reading { reader in
            let recall = try candidates(for: query, options: options, reader: reader)
            var ranked = recall.candidates
            if let reranker {
                ranked = try reranker.rerank(ranked, channels: recall.channels, query: recall.query, reader: reader)
            }
            if let minimum = options.minimumScore { ranked.removeAll { $0.score < minimum } }
            return (try assemble(ranked, query: recall.query.analyzed, options: options, reader: reader), recall)
        }
        return SearchResults(
            query: query, library: library.path, mode: recall.mode.rawValue, hits: hits,
            ranking: reranker == nil ? "recall" : "rerank", hints: recall.query.hints.descriptions)
    }

    /// How many items each recall channel hands the rerank, at least: with two or three
    /// channels, some 150–250 candidates.
    public static let rerankPool = 100

    /// Every channel's items, merged by item; with `requireAllWords`, only items
    /// holding every word, whichever channel found them.
    func recall(
        _ query: RecallQuery, channels: [any RecallChannel], depth: Int, reader: LibraryReader
    ) throws -> [Candidate] {
        // Several channels look deeper than the list (see `search`), so fusion has
        // overlap to work with. A vector store may still list items removed since it
        // was built; a little more depth keeps such holes out of the list.
        var byItem: [Int64: Candidate] = [:]
        var order: [Int64] = []
        for channel in channels {
            let channelDepth = channel is WordChannel ? depth : depth + max(10, depth / 2)
            for (rank, match) in try channel.recall(query, depth: channelDepth, reader: reader).enumerated() {
                if byItem[match.itemID] == nil {
                    byItem[match.itemID] = Candidate(itemID: match.itemID)
                    order.append(match.itemID)
                }
                byItem[match.itemID]!.matches[channel.name] = match
                byItem[match.itemID]!.ranks[channel.name] = rank
            }
        }
        if query.requireAllWords, !query.analyzed.isEmpty {
            let expression = query.analyzed.words.isEmpty ? nil : QueryAnalyzer.allWords(query.analyzed.words)
            let holding = try reader.items(Set(order), matchingWords: expression, cjk: query.analyzed.cjkRuns)
            order.removeAll { !holding.contains($0) }
        }
        return order.compactMap { byItem[$0] }
    }

    /// Hits for the ranked candidates, up to the limit; candidates whose item is gone
    /// (removed since a vector store was built) are passed over, not left as holes.
    private func assemble(
        _ candidates: [Candidate], query: AnalyzedQuery, options: SearchOptions, reader: LibraryReader
    ) throws -> [SearchHit] {
        let ids = candidates.map(\.itemID)
        let items = try reader.summaries(ids: ids, metadata: options.includeMetadata)
        let shown = Array(candidates.filter { items[$0.itemID] != nil }.prefix(options.limit))
        let texts = try reader.evidenceText(itemIDs: shown.filter { $0.matches["words"] != nil }.map(\.itemID))
        let timed = try reader.timedSegments(itemIDs: shown.map(\.itemID).filter { items[$0]?.kind == .video })
        let segmentIDs =
            shown.flatMap { $0.matches.values.flatMap { $0.segments.map(\.segmentID) } } + shown.compactMap { $0.bestPassage?.segmentID }
        let segments = try reader.segments(ids: segmentIDs)
        let snippets = SnippetBuilder(query: query)

        var hits: [SearchHit] = []
        for candidate in shown {
            guard let item = items[candidate.itemID] else { continue }
            var evidence: [Evidence] = []
            var snippet: String?
            if let words = candidate.matches["words"], let cut = snippets.snippet(from: texts[item.id] ?? [:]) {
                evidence.append(Evidence(source: .keyword, field: cut.field, text: cut.text, score: words.score, channel: "words"))
                snippet = cut.text
            }
            var moments = MomentFinder.moments(in: timed[item.id] ?? [], for: query)
            if let moment = candidate.moment {
                moments.removeAll { $0.start == moment.start && $0.end == moment.end }
                moments.insert(moment, at: 0)
            }
            let vectorMatches = candidate.matches.filter { $0.key != "words" }.sorted { $0.value.score > $1.value.score }
            for (channel, match) in vectorMatches {
                for found in match.segments {
                    guard let segment = segments[found.segmentID] else { continue }
                    let passage = Self.passage(segment.text)
                    evidence.append(
                        Evidence(
                            source: .semantic, field: segment.field, text: passage, score: found.score, start: segment.start,
                            end: segment.end, channel: channel))
                    if snippet == nil { snippet = passage }
                    if let start = segment.start, moments.isEmpty {
                        moments = [Moment(start: start, end: segment.end ?? start, text: segment.text)]
                    }
                }
            }
            if let best = candidate.bestPassage, !vectorMatches.contains(where: { $0.key.hasPrefix("text:") }),
                let segment = segments[best.segmentID]
            {
                // Found by words alone, but the rerank weighed its meaning too: show the passage it weighed.
                evidence.append(
                    Evidence(
                        source: .semantic, field: segment.field, text: Self.passage(segment.text), score: best.score,
                        start: segment.start, end: segment.end, channel: nil))
            }
            hits.append(
                SearchHit(
                    rank: hits.count + 1, score: candidate.score, itemID: item.id, path: item.path, kind: item.kind,
                    mime: item.mime, title: item.title, snippet: snippet, duration: item.duration,
                    metadata: item.metadata, moments: moments, evidence: evidence,
                    channels: candidate.matches.mapValues(\.score), explanation: candidate.explanation,
                    topFrames: candidate.topFrames))
        }
        return hits
    }

    /// A semantic passage for display: one line, at most about 200 characters.
    static func passage(_ text: String) -> String {
        let line = String(text.map { $0.isNewline ? " " : $0 })
        guard line.count > 200 else { return line }
        let cut = line.prefix(200)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }
}
