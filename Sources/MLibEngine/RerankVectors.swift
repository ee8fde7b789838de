import MLibCore
import MLibStore

/// Vectors for one rerank request, each looked for in the process's cache, then in
/// the library's (by the same content keys the indexer and search use), and only then
/// made by the model; what a model makes is remembered in both.
struct RerankVectors {
    let library: Library?
    let cache: RerankCache
    /// Vectors a model made.
    private(set) var embedded = 0
    /// Vectors found in a cache.
    private(set) var reused = 0

    init(library: Library?, cache: RerankCache) {
        self.library = library
        self.cache = cache
    }

    /// The vectors of `model` for `keys`; `make` embeds the keys no cache holds and
    /// returns a vector for each (L2-normalised, of the model's length).
    mutating func vectors(
        _ keys: [[UInt8]], model: RerankModels.Model, make: ([[UInt8]]) throws -> [[UInt8]: [Float]]
    ) throws -> [[UInt8]: [Float]] {
        var seen: Set<[UInt8]> = []
        let unique = keys.filter { seen.insert($0).inserted }
        guard !unique.isEmpty else { return [:] }
        var found = cache.vectors(model: model.cacheKey, keys: unique)
        var missing = unique.filter { found[$0] == nil }
        if let library, let stored = model.stored, !missing.isEmpty,
            let known = try? library.cachedVectors(contentHashes: missing, modelID: stored.id, dimension: stored.dimension),
            !known.isEmpty
        {
            cache.remember(known, model: model.cacheKey)
            found.merge(known) { old, _ in old }
            missing.removeAll { known[$0] != nil }
        }
        reused += unique.count - missing.count
        guard !missing.isEmpty else { return found }
        let fresh = try make(missing)
        embedded += fresh.count
        cache.remember(fresh, model: model.cacheKey)
        if let library, let stored = model.stored {
            for (key, vector) in fresh { library.rememberVector(vector, contentHash: key, modelID: stored.id) }
        }
        found.merge(fresh) { old, _ in old }
        return found
    }

    /// `vector` made unit length, or an error naming the model when it cannot be used.
    static func checked(_ vector: [Float], model: RerankModels.Model) throws -> [Float] {
        guard let unit = VectorMath.normalized(vector), unit.count == model.descriptor.dimension else {
            throw EngineError(.embedding, "model \(model.descriptor.name) made a vector that is not finite or has the wrong length")
        }
        return unit
    }

    /// The cosine similarity of two unit vectors.
    static func similarity(_ a: [Float], _ b: [Float]) -> Double {
        guard a.count == b.count else { return 0 }
        var sum: Float = 0
        for index in a.indices { sum += a[index] * b[index] }
        return Double(sum)
    }
}
