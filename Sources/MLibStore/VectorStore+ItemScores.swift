extension VectorStore {
    /// Every row of these items scored exactly against `query` (an L2-normalised
    /// vector), in row order: what the rerank reads to judge each candidate by all of
    /// its passages or frames, not only those that made it into recall.
    ///
    /// One pass over the item-id column picks the rows; only those rows' float32
    /// vectors are read.
    public func itemScores(_ query: [Float], items: Set<Int64>) -> [Match] {
        guard !items.isEmpty, count > 0, query.count == dimension, query.allSatisfy(\.isFinite) else { return [] }
        var padded = [Float](repeating: 0, count: layout.stride)
        for index in 0..<dimension { padded[index] = query[index] }
        let base = buffer.base
        let layout = self.layout
        let rowBytes = layout.stride * 4
        let wanted = ItemBits(items)
        var matches: [Match] = []
        padded.withUnsafeBytes { query in
            for row in 0..<count {
                let itemID = base.loadUnaligned(fromByteOffset: layout.itemIDs + row * 8, as: Int64.self)
                guard wanted.contains(itemID) else { continue }
                let score = VectorKernels.dot(base + layout.floatRows + row * rowBytes, query.baseAddress!, stride: layout.stride)
                guard score.isFinite else { continue }
                matches.append(
                    Match(
                        segmentID: base.loadUnaligned(fromByteOffset: layout.segmentIDs + row * 8, as: Int64.self),
                        window: Int(base.loadUnaligned(fromByteOffset: layout.windows + row * 4, as: Int32.self)),
                        itemID: itemID, kind: Self.kind(base.load(fromByteOffset: layout.kinds + row, as: UInt8.self)),
                        score: score))
            }
        }
        return matches
    }
}

/// A set of item ids asked about once per store row: a bit per id between the least
/// and the greatest (item ids are dense rowids), so a row costs a load, not a hash.
/// Ids spread too far apart for a small bitmap are looked up in the set.
struct ItemBits {
    private let items: Set<Int64>
    private let low: Int64
    private let span: UInt64
    private let bits: [UInt64]

    /// The widest range of ids kept as bits (2 MB of them).
    private static let widest: UInt64 = 1 << 24

    init(_ items: Set<Int64>) {
        self.items = items
        low = items.min() ?? 0
        span = UInt64(bitPattern: (items.max() ?? 0) &- low)
        guard span < Self.widest else {
            bits = []
            return
        }
        var bits = [UInt64](repeating: 0, count: Int(span >> 6) + 1)
        for item in items {
            let offset = UInt64(bitPattern: item &- low)
            bits[Int(offset >> 6)] |= 1 << (offset & 63)
        }
        self.bits = bits
    }

    func contains(_ item: Int64) -> Bool {
        guard !bits.isEmpty else { return items.contains(item) }
        let offset = UInt64(bitPattern: item &- low)
        return offset <= span && bits[Int(offset >> 6)] & (1 << (offset & 63)) != 0
    }
}
