public import MLibStore

/// Recall by words: the full-text and CJK indexes, ranked by bm25 over weighted fields.
public struct WordChannel: RecallChannel {
    public let name = "words"

    public init() {}

    public func recall(_ query: RecallQuery, depth: Int, reader: LibraryReader) throws -> [ChannelMatch] {
        guard !query.analyzed.isEmpty else { return [] }
        let options = SearchOptions(mode: .keyword, kind: query.kind, limit: depth, requireAllWords: query.requireAllWords)
        return try KeywordRecall(reader: reader).recall(query.analyzed, options: options).map {
            ChannelMatch(itemID: $0.itemID, score: $0.score)
        }
    }
}
