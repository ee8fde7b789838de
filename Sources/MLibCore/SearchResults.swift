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

    public init(query: String, library: String, generatedAt: Date = Date(), mode: String = "keyword", hits: [SearchHit]) {
        self.query = query
        self.library = library
        self.generatedAt = generatedAt
        self.mode = mode
        self.hits = hits
    }
}
