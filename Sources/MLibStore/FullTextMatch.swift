/// An item found by the full-text index, with its bm25 relevance (higher is better).
public struct FullTextMatch: Sendable, Hashable {
    public var itemID: Int64
    public var score: Double

    public init(itemID: Int64, score: Double) {
        self.itemID = itemID
        self.score = score
    }
}
