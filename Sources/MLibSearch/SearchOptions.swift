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

    public init(
        mode: SearchMode = .hybrid, kind: ItemKind? = nil, limit: Int = 20, includeMetadata: Bool = true,
        requireAllWords: Bool = false
    ) {
        self.mode = mode
        self.kind = kind
        self.limit = max(1, limit)
        self.includeMetadata = includeMetadata
        self.requireAllWords = requireAllWords
    }
}
