public import MLibCore

/// What to search for and how many results to return.
public struct SearchOptions: Sendable, Hashable {
    public var kind: ItemKind?
    public var limit: Int
    /// Whether hits carry their items' metadata; output that never shows it (a
    /// table, a playlist) is faster without.
    public var includeMetadata: Bool

    public init(kind: ItemKind? = nil, limit: Int = 20, includeMetadata: Bool = true) {
        self.kind = kind
        self.limit = max(1, limit)
        self.includeMetadata = includeMetadata
    }
}
