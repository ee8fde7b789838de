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
        var matches: [Match] = []
        padded.withUnsafeBytes { query in
            for row in 0..<count {
                let itemID = base.loadUnaligned(fromByteOffset: layout.itemIDs + row * 8, as: Int64.self)
                guard items.contains(itemID) else { continue }
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
