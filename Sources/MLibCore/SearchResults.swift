public import Foundation

/// The answer to one query: the hits, and what produced them.
public struct SearchResults: Sendable, Hashable {
    /// The query exactly as the user typed it.
    public var query: String
    /// The library file searched.
    public var library: String
    public var generatedAt: Date
    /// How recall was done: `keyword` today; `semantic` and `hybrid` come with vectors.
    public var mode: String
    public var hits: [SearchHit]
    /// How the hits were ordered and scored: `rerank` (calibrated probabilities),
    /// `recall` (fusion order and score), or `remote` (a served reranker judged the top).
    public var ranking: String
    /// The soft hints read from the query (kind, dates, camera, quoted phrases), one
    /// line each, as `--explain` shows them.
    public var hints: [String]

    public init(
        query: String, library: String, generatedAt: Date = Date(), mode: String = "keyword", hits: [SearchHit],
        ranking: String = "recall", hints: [String] = []
    ) {
        self.query = query
        self.library = library
        self.generatedAt = generatedAt
        self.mode = mode
        self.hits = hits
        self.ranking = ranking
        self.hints = hints
    }
}
