public import MLibCore

/// One model's vectors laid out for scanning, read straight from a file beside the
/// library (see ``VectorStoreLayout``): opening it maps the file and checks its
/// header, with no work per vector.
///
/// A search scans the int8 rows on every core, then re-scores the best
/// ``rescoreCount(for:)`` against the float32 rows, so scores are exact cosines.
/// The store is a copy: SQLite holds the vectors, and the store records the model's
/// generation counter it was built at; ``Library/vectorStore(for:reusing:)`` rebuilds a
/// stale one.
///
/// Immutable, so any number of threads may search it at once.
public final class VectorStore: Sendable {
    /// How many candidates the int8 scan keeps for exact re-scoring: eight per hit for
    /// a short list, twice the list for a long one (re-scoring reads a float32 row,
    /// often a page of its own, per candidate).
    public static func rescoreCount(for k: Int) -> Int {
        max(k * 2, min(k * 8, k + 192))
    }

    let buffer: StoreBuffer
    let header: VectorStoreHeader
    let layout: VectorStoreLayout

    init(buffer: StoreBuffer, header: VectorStoreHeader) {
        self.buffer = buffer
        self.header = header
        self.layout = VectorStoreLayout(count: header.count, dimension: header.dimension)
    }

    /// The model the vectors belong to.
    public var modelID: Int64 { header.modelID }
    /// The model's generation counter when the store was built.
    public var generation: Int64 { header.generation }
    /// Length of the vectors.
    public var dimension: Int { header.dimension }
    /// How many segment windows the store holds.
    public var count: Int { header.count }
    /// Bytes the store takes (its file, when it has one).
    public var byteCount: Int { buffer.length }

    /// One row that matched: a window of a segment, its item, and the cosine.
    public struct Match: Sendable, Hashable {
        public var segmentID: Int64
        public var window: Int
        public var itemID: Int64
        public var kind: ItemKind
        public var score: Float
    }

    /// The `k` rows nearest to `query` (an L2-normalised vector), best first; ties by
    /// row order.
    ///
    /// - Parameters:
    ///   - kind: only rows of items of this kind.
    ///   - items: only rows of these items.
    public func search(_ query: [Float], k: Int, kind: ItemKind? = nil, items: Set<Int64>? = nil) -> [Match] {
        guard k > 0, count > 0, query.count == dimension, query.allSatisfy(\.isFinite) else { return [] }
        var padded = [Float](repeating: 0, count: layout.stride)
        for index in 0..<dimension { padded[index] = query[index] }
        let kindCode = kind.map(Self.code)
        let base = buffer.base
        let layout = self.layout
        let accepts: (Int) -> Bool = { row in
            if let kindCode, base.load(fromByteOffset: layout.kinds + row, as: UInt8.self) != kindCode { return false }
            if let items, !items.contains(base.loadUnaligned(fromByteOffset: layout.itemIDs + row * 8, as: Int64.self)) {
                return false
            }
            return true
        }
        let candidates = scanInt8(padded, count: min(count, Self.rescoreCount(for: k)), accepts: accepts)
        return rescore(padded, rows: candidates, k: k)
    }

    private func scanInt8(_ query: [Float], count wanted: Int, accepts: (Int) -> Bool) -> [Int] {
        let (quantised, queryScale, bias) = VectorKernels.int8Query(query)
        let base = buffer.base
        let layout = self.layout
        let stride = layout.stride
        let heap = quantised.withUnsafeBytes { query in
            withoutActuallyEscaping(accepts) { accepts in
                VectorScan.parallelTopK(rows: count, capacity: wanted) { range, heap in
                    for row in range {
                        let dot = VectorKernels.dot(int8: base + layout.int8Rows + row &* stride, query.baseAddress!, stride: stride)
                        let scale = base.loadUnaligned(fromByteOffset: layout.scales + row &* 4, as: Float.self)
                        let score = Float(dot &- bias) * scale * queryScale
                        if heap.admits(score, key: Int64(row)), accepts(row) {
                            heap.insert(score, key: Int64(row))
                        }
                    }
                }
            }
        }
        return heap.keys.map { Int($0) }
    }

    private func rescore(_ query: [Float], rows: [Int], k: Int) -> [Match] {
        let base = buffer.base
        let rowBytes = layout.stride * 4
        var heap = VectorTopK(capacity: k)
        query.withUnsafeBytes { query in
            for row in rows {
                let score = VectorKernels.dot(base + layout.floatRows + row * rowBytes, query.baseAddress!, stride: layout.stride)
                // A damaged file must not put NaN into the ranking.
                if score.isFinite { heap.insert(score, key: Int64(row)) }
            }
        }
        return heap.sorted().map { entry in
            let row = Int(entry.key)
            return Match(
                segmentID: base.loadUnaligned(fromByteOffset: layout.segmentIDs + row * 8, as: Int64.self),
                window: Int(base.loadUnaligned(fromByteOffset: layout.windows + row * 4, as: Int32.self)),
                itemID: base.loadUnaligned(fromByteOffset: layout.itemIDs + row * 8, as: Int64.self),
                kind: Self.kind(base.load(fromByteOffset: layout.kinds + row, as: UInt8.self)), score: entry.score)
        }
    }

    static func code(_ kind: ItemKind) -> UInt8 {
        switch kind {
        case .text: 0
        case .image: 1
        case .video: 2
        }
    }

    static func kind(_ code: UInt8) -> ItemKind {
        switch code {
        case 1: .image
        case 2: .video
        default: .text
        }
    }
}
