public import Foundation
public import MLibCore

/// What to search for and how many results to return.
public struct SearchOptions: Sendable, Hashable {
    public var mode: SearchMode
    public var kind: ItemKind?
    public var limit: Int
    /// Whether hits carry their items' metadata; output that never shows it (a
    /// table, a playlist) is faster without.
    public var includeMetadata: Bool
    /// Whether only items holding every word are returned; otherwise, when they are
    /// fewer than `limit`, items holding all words but one follow.
    public var requireAllWords: Bool
    /// Whether the rerank orders and scores the hits (when the engine has one); false
    /// keeps recall's fusion order and score.
    public var rerank: Bool
    /// Hits scoring below this are left out (the list may end early).
    public var minimumScore: Double?
    /// The floor the command line applies to reranked hits unless told otherwise: on
    /// held-out labelled queries, hits scored below 1% were relevant 1 time in 50, and
    /// leaving them out cost 3% of the relevant hits in the first ten.
    public static let defaultMinimumScore = 0.01
    /// The moment "yesterday" and "last summer" are counted from; nil is now.
    public var referenceDate: Date?

    public init(
        mode: SearchMode = .hybrid, kind: ItemKind? = nil, limit: Int = 20, includeMetadata: Bool = true,
        requireAllWords: Bool = false, rerank: Bool = true, minimumScore: Double? = nil, referenceDate: Date? = nil
    ) {
        self.mode = mode
        self.kind = kind
        self.limit = max(1, limit)
        self.includeMetadata = includeMetadata
        self.requireAllWords = requireAllWords
        self.rerank = rerank
        self.minimumScore = minimumScore
        self.referenceDate = referenceDate
    }
}
