import Foundation
public import MLibCore
public import MLibStore

/// Answers a query from the library: recall by words (bm25), by meaning (sentence
/// vectors) or both fused by reciprocal rank, then hits with snippets, evidence and,
/// for videos, the moments where the evidence lies.
///
/// ```swift
/// let engine = SearchEngine(library: library, semantic: SemanticSearch(library: library, embedder: model))
/// let results = try engine.search("seaside holiday", options: .init(mode: .hybrid, limit: 10))
/// ```
public struct SearchEngine: Sendable {
    public let library: Library
    /// Nil when no sentence model is available: every mode then searches by words.
    public let semantic: SemanticSearch?

    /// Reciprocal rank fusion's damping constant: rank r contributes 1 / (k + r).
    static let fusionConstant = 60.0

    public init(library: Library, semantic: SemanticSearch? = nil) {
        self.library = library
        self.semantic = semantic
    }

    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws -> SearchResults {
        let analyzed = QueryAnalyzer.analyze(query)
        let mode = semantic == nil ? .keyword : options.mode
        var semanticMatches: [SemanticIndex.ItemMatch] = []
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        if mode != .keyword, let semantic, !trimmed.isEmpty {
            let depth = mode == .hybrid ? max(options.limit * 2, 50) : options.limit
            semanticMatches = try semantic.items(for: trimmed, limit: depth, kind: options.kind)
        }
        let hits: [SearchHit] = try library.reading { reader in
            var keyword: [FullTextMatch] = []
            if mode != .semantic, !analyzed.isEmpty {
                var keywordOptions = options
                if mode == .hybrid { keywordOptions.limit = max(options.limit * 2, 50) }
                keyword = try KeywordRecall(reader: reader).recall(analyzed, options: keywordOptions)
            }
            let candidates = Self.fuse(keyword: keyword, semantic: semanticMatches, mode: mode, limit: options.limit)
            return try assemble(candidates, query: analyzed, options: options, reader: reader)
        }
        return SearchResults(query: query, library: library.path, mode: mode.rawValue, hits: hits)
    }

    /// An item recalled, with what found it.
    struct Candidate {
        var itemID: Int64
        var score: Double
        var keyword: FullTextMatch?
        var semantic: SemanticIndex.ItemMatch?
    }

    /// Orders the candidates of one or both recalls; in hybrid mode by reciprocal rank
    /// fusion, ties by the better single rank, then by id.
    static func fuse(keyword: [FullTextMatch], semantic: [SemanticIndex.ItemMatch], mode: SearchMode, limit: Int) -> [Candidate] {
        switch mode {
        case .keyword:
            return keyword.prefix(limit).map { Candidate(itemID: $0.itemID, score: $0.score, keyword: $0) }
        case .semantic:
            return semantic.prefix(limit).map { Candidate(itemID: $0.itemID, score: $0.score, semantic: $0) }
        case .hybrid:
            var byItem: [Int64: (candidate: Candidate, bestRank: Int)] = [:]
            func add(_ itemID: Int64, rank: Int, _ record: (inout Candidate) -> Void) {
                var entry = byItem[itemID] ?? (Candidate(itemID: itemID, score: 0), rank)
                entry.candidate.score += 1 / (fusionConstant + Double(rank + 1))
                record(&entry.candidate)
                entry.bestRank = min(entry.bestRank, rank)
                byItem[itemID] = entry
            }
            for (rank, match) in keyword.enumerated() { add(match.itemID, rank: rank) { $0.keyword = match } }
            for (rank, match) in semantic.enumerated() { add(match.itemID, rank: rank) { $0.semantic = match } }
            return byItem.values.sorted { left, right in
                if left.candidate.score != right.candidate.score { return left.candidate.score > right.candidate.score }
                if left.bestRank != right.bestRank { return left.bestRank < right.bestRank }
                return left.candidate.itemID < right.candidate.itemID
            }.prefix(limit).map(\.candidate)
        }
    }

    private func assemble(
        _ candidates: [Candidate], query: AnalyzedQuery, options: SearchOptions, reader: LibraryReader
    ) throws -> [SearchHit] {
        let ids = candidates.map(\.itemID)
        let items = try reader.summaries(ids: ids, metadata: options.includeMetadata)
        let texts = try reader.evidenceText(itemIDs: candidates.filter { $0.keyword != nil }.map(\.itemID))
        let timed = try reader.timedSegments(itemIDs: ids.filter { items[$0]?.kind == .video })
        let semanticSegments = try reader.segments(ids: candidates.compactMap { $0.semantic?.segmentID })
        let snippets = SnippetBuilder(query: query)

        var hits: [SearchHit] = []
        for candidate in candidates {
            guard let item = items[candidate.itemID] else { continue }
            var evidence: [Evidence] = []
            var snippet: String?
            if let keyword = candidate.keyword, let cut = snippets.snippet(from: texts[item.id] ?? [:]) {
                evidence.append(Evidence(source: .keyword, field: cut.field, text: cut.text, score: keyword.score))
                snippet = cut.text
            }
            var moments = MomentFinder.moments(in: timed[item.id] ?? [], for: query)
            if let match = candidate.semantic, let segment = semanticSegments[match.segmentID] {
                let passage = Self.passage(segment.text)
                evidence.append(
                    Evidence(
                        source: .semantic, field: segment.field, text: passage, score: match.score, start: segment.start,
                        end: segment.end))
                if snippet == nil { snippet = passage }
                if let start = segment.start, moments.isEmpty {
                    moments = [Moment(start: start, end: segment.end ?? start, text: segment.text)]
                }
            }
            hits.append(
                SearchHit(
                    rank: hits.count + 1, score: candidate.score, itemID: item.id, path: item.path, kind: item.kind,
                    mime: item.mime, title: item.title, snippet: snippet, duration: item.duration,
                    metadata: item.metadata, moments: moments, evidence: evidence))
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
