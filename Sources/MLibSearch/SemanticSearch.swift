public import MLibCore
public import MLibStore
import Synchronization

/// The semantic half of search: a sentence model for queries and the library's
/// vectors of that model, loaded on the first semantic query.
public final class SemanticSearch: Sendable {
    public let embedder: any TextEmbedder
    private let library: Library
    private let loaded = Mutex<SemanticIndex?>(nil)

    public init(library: Library, embedder: any TextEmbedder) {
        self.library = library
        self.embedder = embedder
    }

    /// The vector index, built from the library on first use.
    public func index() throws -> SemanticIndex {
        if let index = loaded.withLock({ $0 }) { return index }
        let index = try SemanticIndex(library: library, model: embedder.modelName, dimension: try embedder.dimension)
        loaded.withLock { $0 = index }
        return index
    }

    /// The items nearest in meaning to `query`, best first.
    func items(for query: String, limit: Int, kind: ItemKind?) throws -> [SemanticIndex.ItemMatch] {
        let index = try index()
        guard index.count > 0, let vector = try embedder.embed([query]).first else { return [] }
        return index.items(nearest: vector, limit: limit, kind: kind)
    }
}
