/// Token ids of several texts, padded to one length, with their attention masks.
///
/// Row-major: the ids of text `b` are `ids[b * sequenceLength ..< (b + 1) * sequenceLength]`.
/// `mask` is 1 for real tokens and 0 for padding.
public struct TokenBatch: Sendable, Hashable {
    public var ids: [Int32]
    public var mask: [Int32]
    public var batchSize: Int
    public var sequenceLength: Int

    public init(ids: [Int32], mask: [Int32], batchSize: Int, sequenceLength: Int) {
        precondition(ids.count == batchSize * sequenceLength && mask.count == ids.count, "ids and mask must be batch × length")
        self.ids = ids
        self.mask = mask
        self.batchSize = batchSize
        self.sequenceLength = sequenceLength
    }

    /// A batch from unpadded id lists, padded with `padID` to the longest.
    public init(sequences: [[Int32]], padID: Int32 = 0) {
        let length = sequences.map(\.count).max() ?? 0
        var ids: [Int32] = []
        var mask: [Int32] = []
        ids.reserveCapacity(sequences.count * length)
        mask.reserveCapacity(sequences.count * length)
        for sequence in sequences {
            ids += sequence + Array(repeating: padID, count: length - sequence.count)
            mask += Array(repeating: 1, count: sequence.count) + Array(repeating: 0, count: length - sequence.count)
        }
        self.init(ids: ids, mask: mask, batchSize: sequences.count, sequenceLength: length)
    }

    /// How many real tokens text `index` has.
    public func length(of index: Int) -> Int {
        mask[(index * sequenceLength)..<((index + 1) * sequenceLength)].reduce(0) { $0 + Int($1) }
    }
}
