public import MLibCore

/// What to search for and how many results to return.
public struct SearchOptions: Sendable, Hashable {
    public var kind: ItemKind?
    public var limit: Int

    public init(kind: ItemKind? = nil, limit: Int = 20) {
        self.kind = kind
        self.limit = max(1, limit)
    }
}
