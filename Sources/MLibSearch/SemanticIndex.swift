public import MLibCore
public import MLibStore

/// The library's sentence vectors of one model, in memory for exact k-NN, with
/// what each vector belongs to.
///
/// Built once per process from the library (a search server keeps it); immutable
/// afterwards, so it can be shared.
public final class SemanticIndex: Sendable {
    public let model: String
    private let index: VectorIndex
    private let owners: [Int64: Owner]

    /// The number of vectors.
    public var count: Int { index.count }

    /// Loads every vector `model` made in `library`.
    public init(library: Library, model: String, dimension: Int) throws(LibraryError) {
        self.model = model
        // int8 rows scanned first, the best re-scored exactly: same results, a quarter of
        // the memory traffic (see BENCHMARKS.md).
        let index = VectorIndex(dimension: dimension, precision: .int8)
        var owners: [Int64: Owner] = [:]
        let expected = try library.vectorCount(model: model)
        index.reserveCapacity(expected)
        owners.reserveCapacity(expected)
        try library.forEachVector(model: model) { segmentID, window, itemID, kind, vector in
            guard vector.count == dimension else { return }
            let key = Self.key(segment: segmentID, window: window)
            index.upsert(id: key, vector: vector)
            owners[key] = Owner(item: itemID, kind: kind)
        }
        self.index = index
        self.owners = owners
    }

    /// What a vector belongs to.
    private struct Owner: Sendable {
        var item: Int64
        var kind: ItemKind
    }

    /// A match of the query vector: the item, its best segment, and the cosine.
    public struct ItemMatch: Sendable, Hashable {
        public var itemID: Int64
        public var segmentID: Int64
        public var score: Double
    }

    /// Cosine similarity below which a passage is taken as unrelated: sentence models
    /// give every pair of texts some similarity, and a hit list should end where
    /// meaning does.
    public static let minimumSimilarity: Float = 0.2

    /// The `limit` items whose best segment is nearest to `query`, best first.
    public func items(nearest query: [Float], limit: Int, kind: ItemKind?) -> [ItemMatch] {
        let owners = self.owners
        var filter: (@Sendable (Int64) -> Bool)?
        if let kind {
            filter = { id in owners[id]?.kind == kind }
        }
        // Several segments of one item may come first; ask for more to fill `limit` items.
        var wanted = limit * 4
        while true {
            let matches = index.search(query, k: wanted, filter: filter)
            var best: [Int64: ItemMatch] = [:]
            var order: [Int64] = []
            for match in matches where match.score >= Self.minimumSimilarity {
                guard let owner = owners[match.id] else { continue }
                if best[owner.item] == nil {
                    best[owner.item] = ItemMatch(itemID: owner.item, segmentID: match.id >> 8, score: Double(match.score))
                    order.append(owner.item)
                }
            }
            let exhausted = matches.count < wanted || (matches.last?.score ?? 0) < Self.minimumSimilarity
            if order.count >= limit || exhausted || wanted >= index.count {
                return order.prefix(limit).compactMap { best[$0] }
            }
            wanted *= 4
        }
    }

    /// One key per (segment, window): windows of one segment stay together.
    static func key(segment: Int64, window: Int) -> Int64 {
        segment << 8 | Int64(min(max(window, 0), 255))
    }
}
