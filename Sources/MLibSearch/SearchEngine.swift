import Foundation
public import MLibCore
public import MLibStore

/// Answers a query from the library: recall through the word and CJK indexes,
/// then hits with snippets and, for videos, the moments where the words occur.
///
/// Items holding every word come first, by bm25 over the weighted fields; when they
/// are fewer than the limit, items holding some of the words follow.
///
/// ```swift
/// let results = try SearchEngine(library: library).search("red dress cafe", options: .init(limit: 10))
/// ```
public struct SearchEngine: Sendable {
    public let library: Library

    public init(library: Library) {
        self.library = library
    }

    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws(LibraryError) -> SearchResults {
        let analyzed = QueryAnalyzer.analyze(query)
        var hits: [SearchHit] = []
        if !analyzed.isEmpty {
            let recalled = try recall(analyzed, options: options)
            hits = try assemble(recalled, query: analyzed)
        }
        return SearchResults(query: query, library: library.path, mode: "keyword", hits: hits)
    }

    /// An item found, and which expression found it (for its snippet).
    struct Recalled {
        var match: FullTextMatch
        var expression: String?
    }

    private func recall(_ query: AnalyzedQuery, options: SearchOptions) throws(LibraryError) -> [Recalled] {
        let limit = options.limit
        if query.words.isEmpty {
            return try library.matchCJK(query.cjkRuns, kind: options.kind, limit: limit)
                .map { Recalled(match: $0, expression: nil) }
        }
        let all = QueryAnalyzer.allWords(query.words)
        var recalled: [Recalled]
        if query.cjkRuns.isEmpty {
            recalled = try library.matchWords(all, kind: options.kind, limit: limit)
                .map { Recalled(match: $0, expression: all) }
        } else {
            // Both scripts: items must satisfy both indexes. Widen each side, then meet.
            let wide = limit * 20
            let cjk = Set(try library.matchCJK(query.cjkRuns, kind: options.kind, limit: wide).map(\.itemID))
            recalled = try library.matchWords(all, kind: options.kind, limit: wide)
                .filter { cjk.contains($0.itemID) }.prefix(limit)
                .map { Recalled(match: $0, expression: all) }
        }
        guard recalled.count < limit, query.words.count > 1, query.cjkRuns.isEmpty else { return recalled }

        // Fewer than asked for: add items holding some of the words, ranked below.
        let any = QueryAnalyzer.anyWord(query.words)
        let known = Set(recalled.map(\.match.itemID))
        let partial = try library.matchWords(any, kind: options.kind, limit: limit + known.count)
            .filter { !known.contains($0.itemID) }
            .prefix(limit - recalled.count)
        let ceiling = recalled.last?.match.score
        let top = partial.first?.score ?? 1
        for match in partial {
            var scaled = match
            if let ceiling, top > 0 {
                // Keep scores falling with rank: partial matches stay below full ones.
                scaled.score = ceiling * 0.9 * (match.score / top)
            }
            recalled.append(Recalled(match: scaled, expression: any))
        }
        return recalled
    }

    private func assemble(_ recalled: [Recalled], query: AnalyzedQuery) throws(LibraryError) -> [SearchHit] {
        let ids = recalled.map(\.match.itemID)
        let items = try library.items(ids: ids)
        var snippets: [Int64: String] = [:]
        let byExpression = Dictionary(grouping: recalled.filter { $0.expression != nil }, by: { $0.expression! })
        for (expression, group) in byExpression {
            snippets.merge(
                try library.snippets(
                    expression, itemIDs: group.map(\.match.itemID), open: SearchHit.highlightStart,
                    close: SearchHit.highlightEnd),
                uniquingKeysWith: { first, _ in first })
        }
        let withoutSnippet = ids.filter { snippets[$0] == nil }
        if !query.cjkRuns.isEmpty, !withoutSnippet.isEmpty {
            snippets.merge(
                try library.cjkSnippets(
                    query.cjkRuns, itemIDs: withoutSnippet, open: SearchHit.highlightStart,
                    close: SearchHit.highlightEnd),
                uniquingKeysWith: { first, _ in first })
        }
        let videos = ids.filter { items[$0]?.kind == .video }
        let timed = try library.timedSegments(itemIDs: videos)

        var hits: [SearchHit] = []
        for entry in recalled {
            guard let item = items[entry.match.itemID], let kind = item.kind else { continue }
            hits.append(
                SearchHit(
                    rank: hits.count + 1, score: entry.match.score, itemID: item.id, path: item.path, kind: kind,
                    mime: item.mime ?? "", title: item.title,
                    snippet: snippets[item.id] ?? fallbackSnippet(for: item, cjkRuns: query.cjkRuns),
                    duration: item.duration, metadata: item.metadata,
                    moments: MomentFinder.moments(in: timed[item.id] ?? [], for: query)))
        }
        return hits
    }

    /// For matches found by LIKE on short CJK words, where FTS has no snippet.
    private func fallbackSnippet(for item: StoredItem, cjkRuns: [String]) -> String? {
        guard let segments = try? library.segments(itemID: item.id) else { return nil }
        for segment in segments {
            for run in cjkRuns {
                guard let range = segment.text.range(of: run) else { continue }
                let before = segment.text[..<range.lowerBound].suffix(24)
                let after = segment.text[range.upperBound...].prefix(24)
                return String(before) + SearchHit.highlightStart + run + SearchHit.highlightEnd + String(after)
            }
        }
        return nil
    }
}
