import MLibCore
import MLibStore

/// Recall through the word and CJK indexes: items holding every word, by bm25 over
/// the weighted fields; when they are fewer than the limit (and the options allow),
/// items holding all words but one follow.
struct KeywordRecall {
    let reader: LibraryReader

    func recall(_ query: AnalyzedQuery, options: SearchOptions) throws -> [FullTextMatch] {
        let limit = options.limit
        if query.words.isEmpty {
            return try reader.matchCJK(query.cjkRuns, kind: options.kind, limit: limit)
        }
        let all = QueryAnalyzer.allWords(query.words)
        var recalled: [FullTextMatch]
        if query.cjkRuns.isEmpty {
            recalled = try reader.matchWords(all, kind: options.kind, limit: limit)
        } else {
            // Both scripts: items must satisfy both indexes. Widen each side, then meet.
            let wide = limit * 20
            let cjk = Set(try reader.matchCJK(query.cjkRuns, kind: options.kind, limit: wide).map(\.itemID))
            recalled = Array(
                try reader.matchWords(all, kind: options.kind, limit: wide).filter { cjk.contains($0.itemID) }.prefix(limit))
        }
        guard recalled.count < limit, query.words.count > 1, query.cjkRuns.isEmpty, !options.requireAllWords else {
            return recalled
        }

        // Fewer than asked for: add items holding most of the words, ranked below.
        let known = Set(recalled.map(\.itemID))
        let partial = try partialMatches(query.words, excluding: known, wanted: limit - recalled.count, hadAny: !recalled.isEmpty, options: options)
        let ceiling = recalled.last?.score
        let top = partial.first?.score ?? 1
        for match in partial {
            var scaled = match
            if let ceiling, top > 0 {
                // Keep scores falling with rank: partial matches stay below full ones.
                scaled.score = ceiling * 0.9 * (match.score / top)
            }
            recalled.append(scaled)
        }
        return recalled
    }

    /// Items holding all words but one, best first: one AND query per word left
    /// out, each as cheap as the full query. An OR query over common words costs
    /// ten times more and ranks items that hold a single word; two-word queries fall
    /// back to it only when nothing holds both words.
    private func partialMatches(
        _ words: [String], excluding known: Set<Int64>, wanted: Int, hadAny: Bool, options: SearchOptions
    ) throws -> [FullTextMatch] {
        var best: [Int64: FullTextMatch] = [:]
        if words.count >= 3 {
            for left in words.indices {
                var subset = words
                subset.remove(at: left)
                for match in try reader.matchWords(QueryAnalyzer.allWords(subset), kind: options.kind, limit: wanted + known.count)
                where !known.contains(match.itemID) && (best[match.itemID]?.score ?? -.infinity) < match.score {
                    best[match.itemID] = match
                }
            }
        } else if !hadAny {
            for match in try reader.matchWords(QueryAnalyzer.anyWord(words), kind: options.kind, limit: wanted + known.count)
            where !known.contains(match.itemID) {
                best[match.itemID] = match
            }
        }
        return Array(
            best.values.sorted { $0.score != $1.score ? $0.score > $1.score : $0.itemID < $1.itemID }.prefix(wanted))
    }
}
